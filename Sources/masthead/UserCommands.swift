import ArgumentParser
import Foundation
import MastheadApp
import MastheadCore

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage newsroom accounts.",
        subcommands: [Add.self, Passwd.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account. The password is read from standard input, or generated and printed once."
        )

        @OptionGroup var site: SiteOptions
        @Option(help: "The account's email, used to sign in.") var email: String
        @Option(help: "The name shown in the back office.") var name: String
        @Option(help: "admin, editor, author or contributor.") var role: String
        @Option(help: "The slug of the byline author this account writes as.") var author: String?

        func run() async throws {
            try await runReportingFailures {
                guard let role = Role(rawValue: role.lowercased()) else {
                    throw MastheadError(.invalidInput, "--role must be admin, editor, author or contributor.")
                }
                let configuration = try AppConfiguration.resolve(site.overrides)
                let (password, generated) = try readOrGeneratePassword()
                let account = try await Accounts.add(
                    configuration,
                    email: email,
                    name: name,
                    role: role,
                    password: password,
                    authorSlug: author
                )
                print("Added \(account.role.rawValue) \(account.email).")
                if generated { print("Password (shown once): \(password)") }
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an account's password (from standard input, or generated and printed once); ends its sessions."
        )

        @OptionGroup var site: SiteOptions
        @Option(help: "The account's email.") var email: String

        func run() async throws {
            try await runReportingFailures {
                let configuration = try AppConfiguration.resolve(site.overrides)
                let (password, generated) = try readOrGeneratePassword()
                try await Accounts.setPassword(configuration, email: email, password: password)
                print("Password changed for \(Account.normalise(email: email)); its sessions have ended.")
                if generated { print("Password (shown once): \(password)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")

        @OptionGroup var site: SiteOptions

        func run() async throws {
            try await runReportingFailures {
                let configuration = try AppConfiguration.resolve(site.overrides)
                for account in try await Accounts.list(configuration) {
                    let state = account.disabled ? " (disabled)" : ""
                    print("\(account.email)\t\(account.role.rawValue)\t\(account.name)\(state)")
                }
            }
        }
    }
}

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for an account; it is printed once.")

        @OptionGroup var site: SiteOptions
        @Option(help: "The account's email.") var email: String
        @Option(help: "What the token is for, e.g. \"wire importer\".") var label: String
        @Option(help: "Days until the token stops working (1 to 3650; 0 for never).") var days = Accounts.defaultTokenDays

        func run() async throws {
            try await runReportingFailures {
                let configuration = try AppConfiguration.resolve(site.overrides)
                let (token, expires) = try await Accounts.createToken(configuration, email: email, label: label, days: days)
                // The token is the last line, for scripts that read it.
                print(
                    expires.map { "It stops working on \($0.formatted(.iso8601))." } ?? "It does not expire; revoke it with 'masthead token revoke'."
                )
                print("API token for \(Account.normalise(email: email)) (shown once; send it as 'Authorization: Bearer …'):")
                print(token)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API tokens: id, account, label, created, expires, last used.")

        @OptionGroup var site: SiteOptions
        @Option(help: "Only this account's tokens.") var email: String?

        func run() async throws {
            try await runReportingFailures {
                let configuration = try AppConfiguration.resolve(site.overrides)
                let tokens = try await Accounts.tokens(configuration, email: email)
                if tokens.isEmpty { print("No API tokens.") }
                for token in tokens {
                    let fields = [
                        token.id, token.email, token.label, "created " + token.createdAt.formatted(.iso8601),
                        token.expiresAt.map { "expires " + $0.formatted(.iso8601) } ?? "never expires",
                        token.lastUsedAt.map { "last used " + $0.formatted(.iso8601) } ?? "never used",
                    ]
                    print(fields.joined(separator: "\t"))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by the id 'masthead token list' shows.")

        @OptionGroup var site: SiteOptions
        @Argument(help: "The token's id.") var id: String

        func run() async throws {
            try await runReportingFailures {
                let configuration = try AppConfiguration.resolve(site.overrides)
                guard try await Accounts.revokeToken(configuration, id: id) else {
                    throw MastheadError(.notFound, "There is no API token with the id \(id).")
                }
                print("Revoked API token \(id).")
            }
        }
    }
}

/// A password from standard input when something is piped in; otherwise a new random one.
func readOrGeneratePassword() throws -> (password: String, generated: Bool) {
    if isatty(FileHandle.standardInput.fileDescriptor) == 0, let line = readLine(strippingNewline: true), !line.isEmpty {
        if let problem = PasswordRules.problem(with: line) { throw MastheadError(.invalidInput, problem) }
        return (line, false)
    }
    return (Accounts.generatePassword(), true)
}
