import ArgumentParser
import Hummingbird
import MastheadApp

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the site.")

    @OptionGroup var site: SiteOptions

    @Option(help: "The address to listen on. [env: MASTHEAD_HOST] (default: 127.0.0.1)")
    var host: String?

    @Option(help: "The port to listen on. [env: MASTHEAD_PORT] (default: 8080)")
    var port: Int?

    @Option(help: "A theme folder to use instead of the default theme. [env: MASTHEAD_THEME]")
    var theme: String?

    @Option(help: "The site's public address for canonical links, e.g. https://news.example. [env: MASTHEAD_BASE_URL]")
    var baseURL: String?

    @Flag(help: "Fill an empty site with the demo newsroom first. [env: MASTHEAD_DEMO]")
    var demo = false

    func run() async throws {
        Allocator.capArenas()
        try await runReportingFailures {
            var overrides = site.overrides
            overrides.host = host
            overrides.port = port
            overrides.themeDirectory = theme
            overrides.baseURL = baseURL
            overrides.demo = demo ? true : nil
            let configuration = try AppConfiguration.resolve(overrides)
            let logger = makeLogger(configuration.logLevel)
            let app = try await buildApplication(configuration, logger: logger)
            // runService installs SIGTERM/SIGINT handlers: requests in flight finish and services stop cleanly.
            try await app.runService()
        }
    }
}
