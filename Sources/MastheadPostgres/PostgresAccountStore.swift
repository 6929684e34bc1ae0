import Foundation
import MastheadCore
import PostgresNIO

/// Accounts, sessions and API tokens. Session ids and tokens arrive already
/// hashed: the raw secrets never reach the database.
struct PostgresAccountStore: AccountStore {
    let db: PostgresPool

    func createAccount(email: String, name: String, role: Role, passwordHash: String, authorID: AuthorID?) async throws -> Account {
        let email = Account.normalise(email: email)
        do {
            let id = try await db.value(
                """
                INSERT INTO account (email, name, role, password_hash, author_id)
                VALUES (\(email), \(name), \(role.rawValue), \(passwordHash), \(authorID?.rawValue)) RETURNING id
                """,
                as: Int64.self
            )
            return Account(id: AccountID(id ?? 0), email: email, name: name, role: role, authorID: authorID)
        } catch let error as MastheadError where error.code == .conflict {
            throw MastheadError(.conflict, "An account with the email \(email) already exists.", underlying: error)
        }
    }

    func accounts() async throws -> [Account] {
        try await db.rows("SELECT a.id, a.email, a.name, a.role, a.author_id, a.disabled FROM account a ORDER BY a.name").map(Self.account(from:))
    }

    func account(id: AccountID) async throws -> Account? {
        try await db.one("SELECT a.id, a.email, a.name, a.role, a.author_id, a.disabled FROM account a WHERE a.id = \(id.rawValue)")
            .map(Self.account(from:))
    }

    func credentials(email: String) async throws -> (account: Account, passwordHash: String)? {
        guard
            let row = try await db.one(
                """
                SELECT a.id, a.email, a.name, a.role, a.author_id, a.disabled, a.password_hash FROM account a
                WHERE a.email = \(Account.normalise(email: email))
                """
            )
        else { return nil }
        return (try Self.account(from: row), try row.get("password_hash"))
    }

    func setPassword(_ account: AccountID, passwordHash: String) async throws {
        try await db.transaction { tx in
            guard try await tx.one("UPDATE account SET password_hash = \(passwordHash) WHERE id = \(account.rawValue) RETURNING id") != nil else {
                throw MastheadError(.notFound, "There is no such account.")
            }
            try await tx.run("DELETE FROM session WHERE account_id = \(account.rawValue)")
            try await tx.run("DELETE FROM api_token WHERE account_id = \(account.rawValue)")
        }
    }

    func updateAccount(_ account: AccountID, role: Role, authorID: AuthorID?, disabled: Bool) async throws {
        try await db.transaction { tx in
            let row = try await tx.one("SELECT role FROM account WHERE id = \(account.rawValue) FOR UPDATE")
            guard let before = try row.flatMap({ Role(rawValue: try $0.get("role", as: String.self)) }) else {
                throw MastheadError(.notFound, "There is no such account.")
            }
            try await tx.run(
                """
                UPDATE account SET role = \(role.rawValue), author_id = \(authorID?.rawValue), disabled = \(disabled)
                WHERE id = \(account.rawValue)
                """
            )
            if disabled { try await tx.run("DELETE FROM session WHERE account_id = \(account.rawValue)") }
            if disabled || role < before { try await tx.run("DELETE FROM api_token WHERE account_id = \(account.rawValue)") }
        }
    }

    func createSession(_ session: Session) async throws {
        try await db.run(
            """
            INSERT INTO session (id_hash, account_id, csrf_token, created_at, last_seen_at)
            VALUES (\(session.idHash), \(session.account.id.rawValue), \(session.csrfToken), \(session.createdAt.timeIntervalSince1970),
                \(session.lastSeenAt.timeIntervalSince1970))
            """
        )
    }

    func session(idHash: String) async throws -> Session? {
        guard
            let row = try await db.one(
                """
                SELECT a.id, a.email, a.name, a.role, a.author_id, a.disabled, s.id_hash, s.csrf_token, s.created_at, s.last_seen_at
                FROM session s JOIN account a ON a.id = s.account_id WHERE s.id_hash = \(idHash)
                """
            )
        else { return nil }
        return Session(
            idHash: try row.get("id_hash"),
            account: try Self.account(from: row),
            csrfToken: try row.get("csrf_token"),
            createdAt: Date(timeIntervalSince1970: try row.get("created_at")),
            lastSeenAt: Date(timeIntervalSince1970: try row.get("last_seen_at"))
        )
    }

    func touchSession(idHash: String, at: Date) async throws {
        try await db.run("UPDATE session SET last_seen_at = \(at.timeIntervalSince1970) WHERE id_hash = \(idHash)")
    }

    func deleteSession(idHash: String) async throws {
        try await db.run("DELETE FROM session WHERE id_hash = \(idHash)")
    }

    func createAPIToken(account: AccountID, label: String, tokenHash: String, createdAt: Date, expiresAt: Date?) async throws {
        try await db.run(
            """
            INSERT INTO api_token (token_hash, account_id, label, created_at, expires_at)
            VALUES (\(tokenHash), \(account.rawValue), \(label), \(createdAt.timeIntervalSince1970), \(expiresAt?.timeIntervalSince1970))
            """
        )
    }

    func account(apiTokenHash: String, now: Date) async throws -> Account? {
        let seconds = now.timeIntervalSince1970
        guard
            let row = try await db.one(
                """
                SELECT a.id, a.email, a.name, a.role, a.author_id, a.disabled, t.last_used_at FROM api_token t JOIN account a ON a.id = t.account_id
                WHERE t.token_hash = \(apiTokenHash) AND (t.expires_at IS NULL OR t.expires_at > \(seconds))
                """
            )
        else { return nil }
        let account = try Self.account(from: row)
        if try row.get("last_used_at", as: Double?.self) ?? 0 < seconds - APIToken.lastUsedGranularity {
            try await db.run("UPDATE api_token SET last_used_at = \(seconds) WHERE token_hash = \(apiTokenHash)")
        }
        return account
    }

    func apiTokens(account: AccountID?) async throws -> [APIToken] {
        try await db.rows(
            """
            SELECT t.token_hash, t.account_id, a.email, t.label, t.created_at, t.expires_at, t.last_used_at
            FROM api_token t JOIN account a ON a.id = t.account_id
            WHERE \(account?.rawValue)::BIGINT IS NULL OR t.account_id = \(account?.rawValue)
            ORDER BY t.created_at DESC, t.token_hash
            """
        ).map { row in
            APIToken(
                id: String(try row.get("token_hash", as: String.self).prefix(APIToken.idLength)),
                account: AccountID(try row.get("account_id", as: Int64.self)),
                email: try row.get("email"),
                label: try row.get("label"),
                createdAt: Date(timeIntervalSince1970: try row.get("created_at", as: Double.self)),
                expiresAt: try row.get("expires_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
                lastUsedAt: try row.get("last_used_at", as: Double?.self).map(Date.init(timeIntervalSince1970:))
            )
        }
    }

    func revokeAPIToken(id: String) async throws -> Bool {
        guard APIToken.isValidID(id) else { return false }
        return try await db.one("DELETE FROM api_token WHERE substr(token_hash, 1, \(Int32(APIToken.idLength))) = \(id) RETURNING token_hash") != nil
    }

    static func account(from row: PostgresRandomAccessRow) throws -> Account {
        guard let role = Role(rawValue: try row.get("role")) else { throw MastheadError(.internalFailure, "An account has an unknown role.") }
        return Account(
            id: AccountID(try row.get("id", as: Int64.self)),
            email: try row.get("email"),
            name: try row.get("name"),
            role: role,
            authorID: try row.get("author_id", as: Int64?.self).map(AuthorID.init),
            disabled: try row.get("disabled")
        )
    }
}
