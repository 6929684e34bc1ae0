import ArgumentParser
import MastheadApp

struct Reindex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rebuild the search index from the articles.")

    @OptionGroup var site: SiteOptions

    func run() async throws {
        try await runReportingFailures {
            let configuration = try AppConfiguration.resolve(site.overrides)
            let count = try await Maintenance.reindex(configuration)
            print("Indexed \(count) published articles.")
        }
    }
}
