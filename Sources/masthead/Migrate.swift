import ArgumentParser
import MastheadApp

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the data folder if needed and bring the database schema up to date.")

    @OptionGroup var site: SiteOptions

    func run() async throws {
        try await runReportingFailures {
            let configuration = try AppConfiguration.resolve(site.overrides)
            let applied = try await Maintenance.migrate(configuration)
            print("Database at \(configuration.databasePath) is up to date (\(applied.count) migrations: \(applied.joined(separator: ", "))).")
        }
    }
}
