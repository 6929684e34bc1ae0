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
    /// Replaces the password and ends every session and API token of the account.
    func setPassword(_ account: AccountID, passwordHash: String) async throws
    /// Changes role, byline and whether the account may sign in; disabling ends its sessions,
    /// and disabling or a lower role ends its API tokens.
    func updateAccount(_ account: AccountID, role: Role, authorID: AuthorID?, disabled: Bool) async throws

    func createSession(_ session: Session) async throws
    /// The session if it exists; expiry is the caller's rule (`SessionPolicy`).
    func session(idHash: String) async throws -> Session?
    func touchSession(idHash: String, at: Date) async throws
    func deleteSession(idHash: String) async throws

    func createAPIToken(account: AccountID, label: String, tokenHash: String, createdAt: Date, expiresAt: Date?) async throws
    /// The account of a token that has not expired at `now`; notes the use (at most once a minute).
    func account(apiTokenHash: String, now: Date) async throws -> Account?
    /// Tokens, newest first: of one account, or of all when `account` is nil.
    func apiTokens(account: AccountID?) async throws -> [APIToken]
    /// Ends a token; false when there is none with that id.
    func revokeAPIToken(id: String) async throws -> Bool
}

/// An API token as the newsroom sees it: never the secret, only a short id drawn
/// from its fingerprint, what it is for and when it was made, last used and ends.
///
/// Tokens end on their expiry date, when revoked, when the account's password
/// changes, when its role drops and when it is disabled.
public struct APIToken: Sendable, Hashable {
    /// The first `idLength` hex digits of the token's SHA-256.
    public var id: String
    public var account: AccountID
    public var email: String
    public var label: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?

    public static let idLength = 12
    /// Uses closer together than this are not written down again.
    public static let lastUsedGranularity: TimeInterval = 60

    public init(id: String, account: AccountID, email: String, label: String, createdAt: Date, expiresAt: Date?, lastUsedAt: Date?) {
        self.id = id
        self.account = account
        self.email = email
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
    }

    /// A well-formed token id: lowercase hex of the right length.
    public static func isValidID(_ id: String) -> Bool {
        id.count == idLength && id.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
