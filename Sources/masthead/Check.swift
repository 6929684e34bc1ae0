import ArgumentParser
import Foundation
import MastheadApp

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look for production mistakes in a configuration and data folder.",
        discussion: """
            --deploy checks: an HTTPS base URL (configuration and site settings), log level, \
            the data folder's and database's permissions, TLS to a remote PostgreSQL, admin \
            accounts with default or easily guessed passwords, the demo's admin account, and a \
            recent `masthead backup`. Prints one sentence per problem and exits non-zero if any.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The public base URL readers use. [env: MASTHEAD_BASE_URL]")
    var baseURL: String?

    @Flag(help: "Check the deployment (the only check so far; required).")
    var deploy = false

    @Flag(help: "Backups are taken another way (filesystem snapshots, the provider): skip that check.")
    var backupsElsewhere = false

    func validate() throws {
        guard deploy else { throw ValidationError("Say what to check: --deploy.") }
    }

    func run() async throws {
        try await runReportingFailures {
            var overrides = site.overrides
            overrides.baseURL = baseURL
            let configuration = try AppConfiguration.resolve(overrides)
            var options = DeployCheck.Options()
            options.backupsElsewhere = backupsElsewhere
            let problems = try await DeployCheck.problems(configuration, options: options)
            guard !problems.isEmpty else {
                print("No problems found in \(configuration.dataDirectory).")
                return
            }
            for problem in problems { print(problem) }
            throw ExitCode.failure
        }
    }
}
