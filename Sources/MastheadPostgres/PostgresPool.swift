import Foundation
import Logging
import MastheadCore
import PostgresNIO
import Synchronization

/// What runs the stores' statements: the site's pool (`PostgresPool`) or one of its
/// transactions (`PostgresPool.Transaction`). Values are always bound through
/// `PostgresQuery` interpolation (`\(value)` becomes `$n`); only fixed SQL
/// fragments from this module are ever spliced in with `unescaped:`.
protocol StatementRunner: Sendable {
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow]
    func run(_ query: PostgresQuery) async throws
}

/// The little the stores need from PostgresNIO's client: run a statement, read rows,
/// and do several in one transaction, each call held to the site's deadline and its
/// errors translated into Masthead's (an outage, a conflict, bad input).
struct PostgresPool: StatementRunner {
    let client: PostgresClient
    let logger: Logger
    let health: DatabaseHealth

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        let (client, logger) = (client, logger)
        return try await Self.translating {
            try await health.withinDeadline(health.deadline) { try await client.query(query, logger: logger).collect().map { $0.makeRandomAccess() } }
        }
    }

    func run(_ query: PostgresQuery) async throws {
        _ = try await rows(query)
    }

    /// Runs `body` in one transaction: all of it or none. Bulk work (imports,
    /// reindexing) passes a longer `deadline` than a reader's request may wait.
    func transaction<T: Sendable>(
        deadline: Duration? = nil,
        _ body: @escaping @Sendable (Transaction) async throws -> T
    ) async throws -> T {
        let (client, logger) = (client, logger)
        return try await Self.translating {
            try await health.withinDeadline(deadline ?? health.deadline) {
                try await client.withTransaction(logger: logger) { connection in
                    try await body(Transaction(connection: connection, logger: logger))
                }
            }
        }
    }

    struct Transaction: StatementRunner {
        let connection: PostgresConnection
        let logger: Logger

        func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
            try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
        }

        func run(_ query: PostgresQuery) async throws {
            _ = try await connection.query(query, logger: logger).collect()
        }
    }

    /// Constraint failures become errors a newsroom can act on; a lost connection a 503.
    static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            do {
                return try await body()
            } catch let error as PostgresTransactionError {
                // What failed inside the transaction matters, not the wrapper.
                if let inner = error.closureError ?? error.beginError ?? error.commitError { throw inner }
                throw error
            }
        } catch let error as PSQLError {
            switch error.serverInfo?[.sqlState] {
            case "23505": throw MastheadError(.conflict, "That name or address is already taken.", underlying: error)
            case "23503", "23514", "22P02": throw MastheadError(.invalidInput, "The change names something that does not exist.", underlying: error)
            case "53100": throw MastheadError(.storageFull, "The database server's disk is full; nothing was saved.", underlying: error)
            default: break
            }
            if error.serverInfo == nil || isOutage(sqlState: error.serverInfo?[.sqlState]) {
                throw MastheadError(.unavailable, "The database cannot be reached right now.", underlying: error)
            }
            throw error
        } catch let error as PostgresDecodingError {
            throw MastheadError(.internalFailure, "The database returned a value of an unexpected type (\(error.columnName)).", underlying: error)
        }
    }

    /// The server's own ways of saying it is going away or not there yet: a stop or
    /// crash ends running statements with 57P01/57P02, a starting server refuses
    /// with 57P03, and class 08 is a broken connection. Each is an outage (503),
    /// found by restarting PostgreSQL under load, where a query in flight got a 500.
    static func isOutage(sqlState: String?) -> Bool {
        guard let sqlState else { return false }
        return ["57P01", "57P02", "57P03", "53300"].contains(sqlState) || sqlState.hasPrefix("08")
    }

    static func describe(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return message }
        return "\(error.code)"
    }
}

extension StatementRunner {
    func one(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }

    /// The first column of the first row.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T? where T._DecodableType == T {
        guard let row = try await one(query) else { return nil }
        return try row[0].decode(T?.self) ?? nil
    }

    /// The first column of every row.
    func values<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> [T] {
        try await rows(query).map { try $0[0].decode(T.self) }
    }
}

extension PostgresRandomAccessRow {
    func get<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self)
    }
}

/// Whether the database answers. A call that misses its deadline marks it down;
/// while it is down, calls fail at once with a 503 except one probe every two
/// seconds (given one second), which brings it back up the moment the server
/// answers again.
final class DatabaseHealth: DatabaseActivityReporting {
    /// How long any database call may take before the request gets a 503: when the
    /// server is down or restarting, the pool would otherwise wait for a connection
    /// for as long as the reader does.
    /// One and a half seconds unless the database URL says otherwise (`?statement_deadline=SECONDS`:
    /// the test suite, which runs everything at once on two cores, allows a minute). The
    /// battery's F4 row holds it to that: a frozen server must cost a reader no more.
    let deadline: Duration

    init(deadline: Duration = .milliseconds(1_500)) {
        self.deadline = deadline
    }
    static let probeInterval: Int64 = 2_000

    /// Milliseconds since 1970 of the last missed deadline; 0 while healthy.
    private let downSince = Atomic<Int64>(0)
    private let lastProbe = Atomic<Int64>(0)
    private let inFlight = Atomic<Int>(0)
    private let completed = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)

    var activity: DatabaseActivity {
        DatabaseActivity(
            inFlight: inFlight.load(ordering: .relaxed),
            completed: completed.load(ordering: .relaxed),
            failed: failed.load(ordering: .relaxed)
        )
    }

    func withinDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let now = Int64(Date().timeIntervalSince1970 * 1_000)
        let down = downSince.load(ordering: .relaxed) != 0
        // While down, a probe waits one second, not five: a server that is back answers at once.
        let deadline = down ? Duration.seconds(1) : limit
        if down {
            let probe = lastProbe.load(ordering: .relaxed)
            guard now - probe >= Self.probeInterval, lastProbe.compareExchange(expected: probe, desired: now, ordering: .relaxed).exchanged else {
                throw MastheadError(.unavailable, "The database cannot be reached right now; try again in a moment.")
            }
        }
        inFlight.add(1, ordering: .relaxed)
        defer { inFlight.subtract(1, ordering: .relaxed) }
        do {
            let result = try await Self.race(body, deadline: deadline)
            downSince.store(0, ordering: .relaxed)
            completed.add(1, ordering: .relaxed)
            return result
        } catch let error as MastheadError where error.code == .unavailable {
            downSince.store(now, ordering: .relaxed)
            failed.add(1, ordering: .relaxed)
            throw error
        } catch {
            failed.add(1, ordering: .relaxed)
            throw error
        }
    }

    /// `body`'s result, or a 503 once `deadline` passes, whichever comes first. Not a
    /// task group: a group waits for every child to finish, and a query on a frozen
    /// server does not notice cancellation, so the reader would wait for the driver's
    /// own timeouts. The abandoned query is cancelled and finishes on its own.
    static func race<T: Sendable>(_ body: @escaping @Sendable () async throws -> T, deadline: Duration) async throws -> T {
        let outcome = Outcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.set(continuation)
            let work = Task {
                do {
                    outcome.resume(with: .success(try await body()))
                } catch {
                    outcome.resume(with: .failure(error))
                }
            }
            let timer = Task {
                try await Task.sleep(for: deadline)
                if outcome.resume(
                    with: .failure(MastheadError(.unavailable, "The database did not answer within \(deadline); try again in a moment."))
                ) {
                    work.cancel()
                }
            }
            outcome.onFinish { timer.cancel() }
        }
    }
}

/// A continuation resumed once, by whichever side of a race finishes first.
private final class Outcome<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var finished = false
        var onFinish: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    func onFinish(_ action: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            guard !state.finished else { return true }
            state.onFinish = action
            return false
        }
        if runNow { action() }
    }

    /// Resumes the waiter if nobody has; returns whether this call did.
    @discardableResult
    func resume(with result: Result<T, any Error>) -> Bool {
        let (continuation, action) = state.withLock { state -> (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?) in
            guard !state.finished else { return (nil, nil) }
            state.finished = true
            defer {
                state.continuation = nil
                state.onFinish = nil
            }
            return (state.continuation, state.onFinish)
        }
        guard let continuation else { return false }
        continuation.resume(with: result)
        action?()
        return true
    }
}
