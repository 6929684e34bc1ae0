import ArgumentParser
import MastheadApp

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the whole site (database and media files) into a new folder, while it keeps serving.",
        discussion: """
            The database is copied with SQLite's VACUUM INTO: one consistent snapshot, \
            taken while the server goes on reading and writing. To restore, stop the \
            server and point --data at the backup folder (or copy it back).
            """
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "A folder that does not exist yet.")
    var destination: String

    func run() async throws {
        try await runReportingFailures {
            let configuration = try AppConfiguration.resolve(site.overrides)
            let summary = try await Maintenance.backup(configuration, to: destination)
            print("Backed up \(summary.articles) articles and \(summary.mediaFiles) media files into \(destination).")
        }
    }
}
