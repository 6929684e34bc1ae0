import ArgumentParser
import MastheadApp

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fill an empty site with the demo newsroom.")

    @OptionGroup var site: SiteOptions

    func run() async throws {
        try await runReportingFailures {
            var overrides = site.overrides
            overrides.demo = true
            let configuration = try AppConfiguration.resolve(overrides)
            if try await Maintenance.fillDemo(configuration) {
                print("Filled \(configuration.dataDirectory) with the demo newsroom.")
            } else {
                print("The site already has articles; the demo was not added.")
            }
        }
    }
}
