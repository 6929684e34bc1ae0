import Foundation

/// A signed-in session as the server keeps it. The cookie carries a random id;
/// the store keeps only its SHA-256, so a copy of the database signs nobody in.
public struct Session: Sendable, Hashable {
    public var idHash: String
    public var account: Account
    /// The token every form of this session must send back.
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(idHash: String, account: Account, csrfToken: String, createdAt: Date, lastSeenAt: Date) {
        self.idHash = idHash
        self.account = account
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// Accounts, their password hashes, sessions and API tokens.
public protocol AccountStore: Sendable {
    /// Throws `MastheadError(.conflict)` when the email is taken.
    func createAccount(email: String, name: String, role: Role, passwordHash: String, authorID: AuthorID?) async throws -> Account
    func accounts() async throws -> [Account]
    func account(id: AccountID) async throws -> Account?
    /// The account and its password hash, for signing in.
    func credentials(email: String) async throws -> (account: Account, passwordHash: String)?
    /// Replaces the password and ends every session of the account.
    func setPassword(_ account: AccountID, passwordHash: String) async throws
    /// Changes role, byline and whether the account may sign in; disabling ends its sessions.
    func updateAccount(_ account: AccountID, role: Role, authorID: AuthorID?, disabled: Bool) async throws

    func createSession(_ session: Session) async throws
    /// The session if it exists; expiry is the caller's rule (`SessionPolicy`).
    func session(idHash: String) async throws -> Session?
    func touchSession(idHash: String, at: Date) async throws
    func deleteSession(idHash: String) async throws

    func createAPIToken(account: AccountID, label: String, tokenHash: String, createdAt: Date) async throws
    func account(apiTokenHash: String) async throws -> Account?
}
