import Foundation
import GRDB
import MastheadCore

/// Owns the site's SQLite database: one file in the data folder, opened as a WAL
/// `DatabasePool` (many readers, one writer) and migrated before use.
public struct SQLiteDatabase: Sendable {
    public let pool: DatabasePool

    /// Opens (creating if needed) the database at `path`.
    ///
    /// Throws `MastheadError(.configuration)` with one clear sentence when the file
    /// cannot be opened or was written by a newer Masthead.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        // Writers wait for each other instead of failing with "database is locked",
        // which matters when the CLI writes while the server runs.
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 8
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // FULL makes every commit reach the disk before the write is acknowledged,
            // so a saved article survives a crash or power loss (WAL at NORMAL may lose
            // the last commits). Set after opening: the pool sets NORMAL when it turns on
            // WAL, and only the single writer connection's setting matters.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            // The writer keeps 32 MiB of pages (SQLite's default is 2 MiB): every save
            // updates the search index's segments and several B-trees, and re-reading
            // their pages from the file cost more than half of a bulk import's time.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -32768") }
        } catch {
            throw MastheadError(.configuration, "The database at \(path) could not be opened: \(error).", underlying: error)
        }
    }

    /// Applies every migration not yet applied. Refuses a database that has
    /// migrations this build does not know (it was written by a newer version).
    public func migrate() throws {
        let migrator = SQLiteMigrations.migrator
        let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
        if superseded {
            throw MastheadError(
                .configuration,
                "The database at \(pool.path) was written by a newer version of Masthead; upgrade Masthead to open it."
            )
        }
        try migrator.migrate(pool)
    }

    /// Writes a consistent copy of the whole database to `path` (which must not
    /// exist) while other connections go on reading and writing.
    public func copy(to path: String) throws {
        do {
            // Outside a transaction (SQLite refuses VACUUM inside one); VACUUM INTO reads one snapshot.
            try pool.unsafeRead { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
        } catch {
            throw MastheadError(.configuration, "The database could not be copied to \(path): \(error).", underlying: error)
        }
    }

    /// Every migration this build knows, oldest first.
    public static var knownMigrations: [String] { SQLiteMigrations.migrator.migrations }

    /// The identifiers of the migrations applied so far, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try SQLiteMigrations.migrator.appliedMigrations(db) }
    }

    public func makeStores() -> Stores {
        Stores(
            articles: SQLiteArticleStore(pool: pool),
            taxonomy: SQLiteTaxonomyStore(pool: pool),
            site: SQLiteSiteStore(pool: pool),
            audience: SQLiteAudienceStore(pool: pool),
            accounts: SQLiteAccountStore(pool: pool),
            media: SQLiteMediaStore(pool: pool),
            webhooks: SQLiteWebhookStore(pool: pool),
            search: SQLiteSearchIndex(pool: pool),
            archive: SQLiteArchiveStore(pool: pool)
        )
    }
}
