import Foundation
import Logging
import MastheadCore
import MastheadPostgres
import MastheadSQL
import MastheadSQLite
import MastheadWeb
import ServiceLifecycle

/// The configured database engine: SQLite in the data folder (the default), or
/// PostgreSQL when `--database`/`MASTHEAD_DATABASE_URL` is a `postgres://` URL.
/// Everything above the stores is the same for both.
enum SiteDatabase: Sendable {
    case sqlite(SQLiteDatabase)
    case postgres(PostgresEngine)

    /// Raw access to the site's tables, for copying the site to another engine.
    var tables: any TableCopying {
        switch self {
        case .sqlite(let database): database.tables
        case .postgres(let engine): engine.tables
        }
    }

    /// `forServer`: PostgreSQL's pool is left to the server's service group (`poolServices`).
    static func open(_ configuration: AppConfiguration, logger: Logger = Logger(label: "masthead"), forServer: Bool = false) throws -> SiteDatabase {
        if let url = configuration.postgresURL {
            return .postgres(try PostgresEngine(url: url, logger: logger, pool: forServer ? .serviceGroup : .ownTask))
        }
        return .sqlite(try SQLiteDatabase(path: configuration.databasePath))
    }

    /// The connection pool, for the server's service group: first in its list, so the
    /// group stops it last, after every service that still writes.
    var poolServices: [any Service] {
        switch self {
        case .sqlite: []
        case .postgres(let engine): engine.poolService.map { [$0] } ?? []
        }
    }

    /// Brings the schema up to date. PostgreSQL gets a deadline: a server that does
    /// not answer stops start-up with one sentence instead of a hang. It is 15 s, or
    /// the URL's statement deadline when that is longer: the test suite, creating and
    /// migrating dozens of databases at once on two cores, allows a minute (a CI run
    /// saw six migrations miss 15 s).
    func migrate() async throws {
        switch self {
        case .sqlite(let database):
            try database.migrate()
        case .postgres(let engine):
            let deadline = max(Duration.seconds(15), engine.statementDeadline)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await engine.migrate() }
                group.addTask {
                    try await Task.sleep(for: deadline)
                    throw MastheadError(
                        .configuration,
                        "PostgreSQL did not answer within \(deadline.components.seconds) seconds; check the database URL and that the server runs."
                    )
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    func appliedMigrations() async throws -> [String] {
        switch self {
        case .sqlite(let database): try database.appliedMigrations()
        case .postgres(let engine): try await engine.appliedMigrations()
        }
    }

    /// Services that tell this instance of other instances' writes as they commit.
    func listeners(site: ReaderSite) -> [any Service] {
        switch self {
        case .sqlite: []
        case .postgres(let engine): [ContentListener(engine: engine, site: site)]
        }
    }

    func makeStores() -> Stores {
        switch self {
        case .sqlite(let database): database.makeStores()
        case .postgres(let engine): engine.makeStores()
        }
    }
}
