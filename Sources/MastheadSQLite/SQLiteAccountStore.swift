import Foundation
import GRDB
import MastheadCore

/// Accounts, sessions and API tokens in SQLite; values always bound. Session ids
/// and tokens arrive already hashed: the raw secrets never reach the database.
struct SQLiteAccountStore: AccountStore {
    let pool: DatabasePool

    static let columns = "a.id, a.email, a.name, a.role, a.author_id, a.disabled"

    func createAccount(email: String, name: String, role: Role, passwordHash: String, authorID: AuthorID?) async throws -> Account {
        let email = Account.normalise(email: email)
        do {
            return try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO account (email, name, role, password_hash, author_id) VALUES (?, ?, ?, ?, ?)",
                    arguments: [email, name, role.rawValue, passwordHash, authorID?.rawValue]
                )
                return Account(id: AccountID(db.lastInsertedRowID), email: email, name: name, role: role, authorID: authorID)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw MastheadError(.conflict, "An account with the email \(email) already exists.", underlying: error)
        }
    }

    func accounts() async throws -> [Account] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM account a ORDER BY a.name").map(Self.account(from:))
        }
    }

    func account(id: AccountID) async throws -> Account? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM account a WHERE a.id = ?", arguments: [id.rawValue]).map(Self.account(from:))
        }
    }

    func credentials(email: String) async throws -> (account: Account, passwordHash: String)? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT \(Self.columns), a.password_hash FROM account a WHERE a.email = ?",
                    arguments: [Account.normalise(email: email)]
                )
            else { return nil }
            return (try Self.account(from: row), row["password_hash"])
        }
    }

    func setPassword(_ account: AccountID, passwordHash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [passwordHash, account.rawValue])
            guard db.changesCount == 1 else { throw MastheadError(.notFound, "There is no such account.") }
            try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [account.rawValue])
            try db.execute(sql: "DELETE FROM api_token WHERE account_id = ?", arguments: [account.rawValue])
        }
    }

    func updateAccount(_ account: AccountID, role: Role, authorID: AuthorID?, disabled: Bool) async throws {
        try await pool.write { db in
            let before = try String.fetchOne(db, sql: "SELECT role FROM account WHERE id = ?", arguments: [account.rawValue]).flatMap(Role.init)
            guard let before else { throw MastheadError(.notFound, "There is no such account.") }
            try db.execute(
                sql: "UPDATE account SET role = ?, author_id = ?, disabled = ? WHERE id = ?",
                arguments: [role.rawValue, authorID?.rawValue, disabled, account.rawValue]
            )
            if disabled { try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [account.rawValue]) }
            if disabled || role < before { try db.execute(sql: "DELETE FROM api_token WHERE account_id = ?", arguments: [account.rawValue]) }
        }
    }

    func createSession(_ session: Session) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO session (id_hash, account_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    session.idHash, session.account.id.rawValue, session.csrfToken, session.createdAt.timeIntervalSince1970,
                    session.lastSeenAt.timeIntervalSince1970,
                ]
            )
        }
    }

    func session(idHash: String) async throws -> Session? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT \(Self.columns), s.id_hash, s.csrf_token, s.created_at, s.last_seen_at
                        FROM session s JOIN account a ON a.id = s.account_id WHERE s.id_hash = ?
                        """,
                    arguments: [idHash]
                )
            else { return nil }
            return Session(
                idHash: row["id_hash"],
                account: try Self.account(from: row),
                csrfToken: row["csrf_token"],
                createdAt: Date(timeIntervalSince1970: row["created_at"]),
                lastSeenAt: Date(timeIntervalSince1970: row["last_seen_at"])
            )
        }
    }

    func touchSession(idHash: String, at: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE session SET last_seen_at = ? WHERE id_hash = ?", arguments: [at.timeIntervalSince1970, idHash])
        }
    }

    func deleteSession(idHash: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM session WHERE id_hash = ?", arguments: [idHash]) }
    }

    func createAPIToken(account: AccountID, label: String, tokenHash: String, createdAt: Date, expiresAt: Date?) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO api_token (token_hash, account_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [tokenHash, account.rawValue, label, createdAt.timeIntervalSince1970, expiresAt?.timeIntervalSince1970]
            )
        }
    }

    func account(apiTokenHash: String, now: Date) async throws -> Account? {
        let found = try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.columns), t.last_used_at FROM api_token t JOIN account a ON a.id = t.account_id
                    WHERE t.token_hash = ? AND (t.expires_at IS NULL OR t.expires_at > ?)
                    """,
                arguments: [apiTokenHash, now.timeIntervalSince1970]
            ).map { (account: try Self.account(from: $0), lastUsed: $0["last_used_at"] as Double?) }
        }
        guard let found else { return nil }
        if (found.lastUsed ?? 0) < now.timeIntervalSince1970 - APIToken.lastUsedGranularity {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE api_token SET last_used_at = ? WHERE token_hash = ?",
                    arguments: [now.timeIntervalSince1970, apiTokenHash]
                )
            }
        }
        return found.account
    }

    func apiTokens(account: AccountID?) async throws -> [APIToken] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.token_hash, t.account_id, a.email, t.label, t.created_at, t.expires_at, t.last_used_at
                    FROM api_token t JOIN account a ON a.id = t.account_id
                    WHERE ? IS NULL OR t.account_id = ? ORDER BY t.created_at DESC, t.token_hash
                    """,
                arguments: [account?.rawValue, account?.rawValue]
            ).map { row in
                APIToken(
                    id: String((row["token_hash"] as String).prefix(APIToken.idLength)),
                    account: AccountID(row["account_id"]),
                    email: row["email"],
                    label: row["label"],
                    createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    expiresAt: (row["expires_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    lastUsedAt: (row["last_used_at"] as Double?).map(Date.init(timeIntervalSince1970:))
                )
            }
        }
    }

    func revokeAPIToken(id: String) async throws -> Bool {
        guard APIToken.isValidID(id) else { return false }
        return try await pool.write { db in
            try db.execute(sql: "DELETE FROM api_token WHERE substr(token_hash, 1, ?) = ?", arguments: [APIToken.idLength, id])
            return db.changesCount > 0
        }
    }

    static func account(from row: Row) throws -> Account {
        guard let role = Role(rawValue: row["role"]) else { throw MastheadError(.internalFailure, "An account has an unknown role.") }
        return Account(
            id: AccountID(row["id"]),
            email: row["email"],
            name: row["name"],
            role: role,
            authorID: (row["author_id"] as Int64?).map(AuthorID.init),
            disabled: row["disabled"]
        )
    }
}
