import ArgumentParser
import Logging
import MastheadApp

struct Transfer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the whole site into another database: SQLite to PostgreSQL, or back.",
        discussion: """
            The target must be empty. Every table is copied with its ids; the search \
            index is rebuilt there; then the row count of every table and a SHA-256 over \
            every copied value are compared on both sides, and any difference is an error. \
            Stop the servers writing to the source first. Examples:
              masthead transfer --data ./masthead-data --to postgres://masthead:pw@db:5432/masthead
              masthead transfer --database postgres://… --data ./masthead-data --to ./copy.sqlite
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The target: a postgres:// URL, or the path of a new SQLite file.")
    var to: String

    func run() async throws {
        try await runReportingFailures {
            let configuration = try AppConfiguration.resolve(site.overrides)
            var logger = Logger(label: "masthead")
            logger.logLevel = .warning
            let report = try await SiteTransfer.run(from: configuration, to: to, logger: logger)
            for (table, count) in report.rows where count > 0 { print("\(table): \(count) rows") }
            print("Copied and checked: every table's rows match, content SHA-256 \(report.checksum.prefix(16))….")
        }
    }
}
