import Foundation
import Logging
import MastheadCore
import NIOCore
import PostgresNIO

/// A site's PostgreSQL database: a connection pool (`PostgresClient`) and the
/// versioned schema. Several Masthead instances may share one database.
///
/// A command's pool runs in a task of its own from `init` until `close()`; the
/// server's runs as a service of its service group (`poolService`), listed first so
/// it shuts down last, after the services that still write (the view flusher).
public final class PostgresEngine: Sendable {
    public let client: PostgresClient
    let logger: Logger
    let health: DatabaseHealth

    /// Who runs the connection pool.
    public enum PoolRunner: Sendable {
        /// A task of the engine's own, from `init` until `close()`: commands and tests.
        case ownTask
        /// The caller's service group, through `poolService`: the server.
        case serviceGroup
    }

    /// How long one database call may take (`?statement_deadline=SECONDS`, 1.5 s unless set).
    public var statementDeadline: Duration { health.deadline }
    private let running: Task<Void, Never>?

    /// The pool, to run in a service group; nil when the engine runs it itself.
    public let poolService: PostgresClient?

    /// One direct connection's settings, to try the login before the pool takes over
    /// (`nil` with TLS, where the pool's own errors have to do).
    private let probe: PostgresConnection.Configuration?

    /// Connects lazily: `init` only checks the URL; `migrate()` is the first round trip.
    public init(url: String, logger: Logger, pool: PoolRunner = .ownTask) throws {
        let settings = try Self.settings(from: url)
        let configuration = settings.client
        health = DatabaseHealth(deadline: settings.deadline)
        probe = settings.probe
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        let client = client
        switch pool {
        case .ownTask:
            running = Task { await client.run() }
            poolService = nil
        case .serviceGroup:
            running = nil
            poolService = client
        }
    }

    /// Creates a new, empty database on the server `url` points at (its user needs
    /// CREATEDB) and returns its URL: one per test, so tests never share rows.
    public static func createScratchDatabase(on url: String, logger: Logger) async throws -> String {
        guard var components = URLComponents(string: url) else { throw MastheadError(.configuration, "\(url) is not a URL.") }
        let name = "masthead_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let server = try PostgresEngine(url: url, logger: logger)
        defer { server.close() }
        // Identifiers cannot be bound; this one is made here of letters and digits only.
        try await PostgresPool.translating { _ = try await server.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger) }
        components.path = "/" + name
        guard let scratch = components.string else { throw MastheadError(.configuration, "\(url) is not a URL.") }
        return scratch
    }

    /// Drops a database `createScratchDatabase` made, ending its connections (a test's
    /// leftover clients with it). Refuses any other name.
    public static func dropScratchDatabase(_ scratch: String, on url: String, logger: Logger) async throws {
        guard let name = URLComponents(string: scratch)?.path.dropFirst(), name.hasPrefix("masthead_t_"), name.count == 27,
            name.dropFirst(11).allSatisfy({ $0.isHexDigit })
        else { throw MastheadError(.configuration, "\(scratch) is not a scratch database.") }
        let server = try PostgresEngine(url: url, logger: logger)
        defer { server.close() }
        try await PostgresPool.translating {
            _ = try await server.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
        }
    }

    /// Calls `changed` whenever any instance commits a content change (LISTEN on
    /// `masthead_content`), until cancelled. A dropped connection is re-established
    /// after a second, and `changed` is called once then too, for what was missed.
    public func watchContentChanges(_ changed: @escaping @Sendable () async -> Void) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: "masthead_content") { notifications in
                        await changed()
                        for try await _ in notifications { await changed() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("Listening for content changes failed; retrying", metadata: ["error": "\(String(reflecting: error).prefix(200))"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Ends a pool the engine runs itself; a service group ends its own at shutdown.
    public func close() {
        running?.cancel()
    }

    /// Parses `postgres://user:password@host:port/database` (also `postgresql://`);
    /// `?sslmode=require` asks for TLS, `?statement_deadline=SECONDS` sets how long a
    /// call may take. Throws one clear sentence for anything else.
    static func settings(
        from text: String
    ) throws -> (client: PostgresClient.Configuration, probe: PostgresConnection.Configuration?, deadline: Duration) {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw MastheadError(.configuration, "The database URL must look like postgres://user:password@host:5432/database.")
        }
        guard let host = url.host, !host.isEmpty, let user = url.user, !user.isEmpty else {
            throw MastheadError(.configuration, "The database URL names no host or no user: postgres://user:password@host:5432/database.")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw MastheadError(.configuration, "The database URL names no database: postgres://user:password@host:5432/database.")
        }
        let mode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        if let unknown = url.queryItems?.first(where: { !["sslmode", "statement_deadline"].contains($0.name) }) {
            throw MastheadError(.configuration, "The database URL's option \(unknown.name) is not known; use sslmode or statement_deadline.")
        }
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "require": tls = .require(.makeClientConfiguration())
        default: throw MastheadError(.configuration, "The database URL's sslmode must be disable or require, not \(mode).")
        }
        var configuration = PostgresClient.Configuration(
            host: host,
            port: url.port ?? 5432,
            username: user.removingPercentEncoding ?? user,
            password: url.password?.removingPercentEncoding,
            database: database,
            tls: tls
        )
        // Fail fast when the database is gone: a reader page waits at most a few seconds, never hangs.
        configuration.options.connectTimeout = .seconds(3)
        // Enough for two cores' worth of requests; several instances share the server's connection limit.
        configuration.options.maximumConnections = 8
        var probe: PostgresConnection.Configuration?
        if mode == "disable" {
            probe = PostgresConnection.Configuration(
                host: host,
                port: url.port ?? 5432,
                username: configuration.username,
                password: configuration.password,
                database: database,
                tls: .disable
            )
            probe?.options.connectTimeout = .seconds(5)
        }
        // 1.5 s: a frozen server must cost a reader under two seconds (battery F4), and
        // the slowest reader query measured (search, 1M articles, cold) takes 0.16 s.
        let seconds = url.queryItems?.first { $0.name == "statement_deadline" }?.value.flatMap(Double.init) ?? 1.5
        return (configuration, probe, .milliseconds(Int64(max(0.5, min(seconds, 3_600)) * 1_000)))
    }

    /// Applies every migration not yet applied, in one transaction each, holding
    /// an advisory lock so instances starting together migrate once.
    public func migrate() async throws {
        try await checkLogin()
        try await translatingConnectionErrors {
            try await PostgresMigrations.migrate(client, logger: logger)
        }
    }

    /// One direct connection first: the pool retries a refused login quietly for
    /// ever, where start-up should stop with the server's own reason.
    func checkLogin() async throws {
        guard let probe else { return }
        do {
            let connection = try await PostgresConnection.connect(configuration: probe, id: 0, logger: logger)
            try await connection.close()
        } catch let error as PSQLError {
            let place = "\(probe.host ?? "?"):\(probe.port ?? 5432)"
            if let message = error.serverInfo?[.message] {
                throw MastheadError(.configuration, "PostgreSQL at \(place) refused to connect: \(message).", underlying: error)
            }
            throw MastheadError(
                .configuration,
                "PostgreSQL at \(place) could not be reached (\(error.code)); check the URL and that the server runs."
            )
        }
    }

    public func appliedMigrations() async throws -> [String] {
        try await translatingConnectionErrors {
            try await PostgresMigrations.applied(client, logger: logger)
        }
    }

    public func makeStores() -> Stores {
        let db = PostgresPool(client: client, logger: logger, health: health)
        return Stores(
            articles: PostgresArticleStore(db: db),
            taxonomy: PostgresTaxonomyStore(db: db),
            site: PostgresSiteStore(db: db),
            audience: PostgresAudienceStore(db: db),
            accounts: PostgresAccountStore(db: db),
            media: PostgresMediaStore(db: db),
            webhooks: PostgresWebhookStore(db: db),
            search: PostgresSearchIndex(db: db),
            archive: PostgresArchiveStore(db: db),
            activity: health
        )
    }

    private func translatingConnectionErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw MastheadError(.configuration, "PostgreSQL refused or could not be reached: \(PostgresPool.describe(error)).", underlying: error)
        }
    }
}
