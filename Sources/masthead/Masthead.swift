import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MastheadApp
import MastheadCore

@main
struct Masthead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "masthead",
        abstract: "A news publishing platform: the system behind a news site.",
        subcommands: [
            Serve.self, Migrate.self, Demo.self, User.self, Token.self, Import.self, Export.self, Reindex.self, Backup.self, Transfer.self,
            Check.self, RenderMarkdown.self, Media.self,
        ],
        defaultSubcommand: Serve.self
    )
}

/// The options every command shares, so each one works on the same data folder and database as `serve`.
struct SiteOptions: ParsableArguments {
    @Option(help: "The data folder holding the database and media. [env: MASTHEAD_DATA] (default: ./masthead-data)")
    var data: String?

    @Option(help: "A database URL: sqlite:PATH, or postgres://… for PostgreSQL. [env: MASTHEAD_DATABASE_URL]")
    var database: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. [env: MASTHEAD_LOG_LEVEL]")
    var logLevel: String?

    var overrides: AppConfiguration.Overrides {
        AppConfiguration.Overrides(dataDirectory: data, databaseURL: database, logLevel: logLevel)
    }
}

/// Prints a configuration or start-up failure as one sentence and exits non-zero.
func runReportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as MastheadError {
        FileHandle.standardError.write(Data("masthead: \(error.message)\n".utf8))
        throw ExitCode.failure
    }
}

func makeLogger(_ level: Logger.Level) -> Logger {
    var logger = Logger(label: "masthead")
    logger.logLevel = level
    return logger
}
