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
        guard let account = try await stores.accounts.credentials(email: email)?.account else {
            throw MastheadError(.notFound, "There is no account with the email \(Account.normalise(email: email)).")
        }
        try await stores.accounts.setPassword(account.id, passwordHash: try await PasswordHasher().hash(password))
    }

    public static func list(_ configuration: AppConfiguration) async throws -> [Account] {
        try await Maintenance.openStores(configuration).accounts.accounts()
    }

    /// Creates a token and returns it; only its fingerprint is stored.
    public static func createToken(_ configuration: AppConfiguration, email: String, label: String) async throws -> String {
        let stores = try Maintenance.openStores(configuration)
        guard let account = try await stores.accounts.credentials(email: email)?.account else {
            throw MastheadError(.notFound, "There is no account with the email \(Account.normalise(email: email)).")
        }
        let token = "mh_" + Secrets.token()
        try await stores.accounts.createAPIToken(
            account: account.id,
            label: String(label.prefix(200)),
            tokenHash: Secrets.fingerprint(token),
            createdAt: WallClock.system.now
        )
        return token
    }

    public static func generatePassword() -> String { Secrets.token() }
}
