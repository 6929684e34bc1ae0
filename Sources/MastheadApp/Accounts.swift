import Foundation
import MastheadCore
import MastheadWeb

/// What the `user` and `token` commands do; they work while the server runs.
public enum Accounts {
    public static func add(
        _ configuration: AppConfiguration,
        email: String,
        name: String,
        role: Role,
        password: String,
        authorSlug: String?
    ) async throws -> Account {
        let email = Account.normalise(email: email)
        guard email.contains("@"), email.count <= 320 else { throw MastheadError(.invalidInput, "--email must be an email address.") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw MastheadError(.invalidInput, "--name is empty.") }
        if let problem = PasswordRules.problem(with: password) { throw MastheadError(.invalidInput, problem) }
        _ = try await Maintenance.migrate(configuration)
        let stores = try Maintenance.openStores(configuration)
        var authorID: AuthorID?
        if let authorSlug {
            guard let slug = Slug(validating: authorSlug), let author = try await stores.taxonomy.author(slug: slug) else {
                throw MastheadError(.invalidInput, "There is no author with the slug \"\(authorSlug)\".")
            }
            authorID = author.id
        }
        let hash = try await PasswordHasher().hash(password)
        return try await stores.accounts.createAccount(email: email, name: name, role: role, passwordHash: hash, authorID: authorID)
    }

    public static func setPassword(_ configuration: AppConfiguration, email: String, password: String) async throws {
        if let problem = PasswordRules.problem(with: password) { throw MastheadError(.invalidInput, problem) }
        let stores = try Maintenance.openStores(configuration)
        let account = try await Self.account(email: email, in: stores)
        try await stores.accounts.setPassword(account.id, passwordHash: try await PasswordHasher().hash(password))
    }

    public static func list(_ configuration: AppConfiguration) async throws -> [Account] {
        try await Maintenance.openStores(configuration).accounts.accounts()
    }

    /// How long a new token works unless told otherwise.
    public static let defaultTokenDays = 90

    /// Creates a token and returns it with its expiry; only its fingerprint is stored.
    /// `days` 0 makes a token that works until revoked.
    public static func createToken(
        _ configuration: AppConfiguration,
        email: String,
        label: String,
        days: Int = defaultTokenDays,
        clock: WallClock = .system
    ) async throws -> (token: String, expiresAt: Date?) {
        guard (0...3650).contains(days) else { throw MastheadError(.invalidInput, "A token lasts 1 to 3650 days, or 0 for never.") }
        let stores = try Maintenance.openStores(configuration)
        let account = try await Self.account(email: email, in: stores)
        let token = "mh_" + Secrets.token()
        let now = clock.now
        let expires = days == 0 ? nil : now.addingTimeInterval(Double(days) * 86_400)
        try await stores.accounts.createAPIToken(
            account: account.id,
            label: String(label.prefix(200)),
            tokenHash: Secrets.fingerprint(token),
            createdAt: now,
            expiresAt: expires
        )
        return (token, expires)
    }

    public static func tokens(_ configuration: AppConfiguration, email: String?) async throws -> [APIToken] {
        let stores = try Maintenance.openStores(configuration)
        guard let email else { return try await stores.accounts.apiTokens(account: nil) }
        let account = try await Self.account(email: email, in: stores)
        return try await stores.accounts.apiTokens(account: account.id)
    }

    public static func revokeToken(_ configuration: AppConfiguration, id: String) async throws -> Bool {
        try await Maintenance.openStores(configuration).accounts.revokeAPIToken(id: id.lowercased())
    }

    /// The account with this email, or a not-found error naming it.
    private static func account(email: String, in stores: Stores) async throws -> Account {
        guard let account = try await stores.accounts.credentials(email: email)?.account else {
            throw MastheadError(.notFound, "There is no account with the email \(Account.normalise(email: email)).")
        }
        return account
    }

    public static func generatePassword() -> String { Secrets.token() }
}
