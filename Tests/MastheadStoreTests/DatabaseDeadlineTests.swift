import Foundation
import MastheadCore
import PostgresNIO
import Testing

@testable import MastheadPostgres

/// Found by the battery's F4 row: with PostgreSQL frozen, readers waited five
/// seconds for the driver instead of the deadline, because a task group waits for
/// a child that does not notice cancellation.
@Suite("Database deadlines")
struct DatabaseDeadlineTests {
    @Test func aCallThatIgnoresCancellationStillAnswersAtTheDeadline() async throws {
        let started = ContinuousClock.now
        let error = await #expect(throws: MastheadError.self) {
            _ = try await DatabaseHealth.race(
                {
                    // A driver call stuck on a frozen server: it notices nothing for three seconds.
                    await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
                        DispatchQueue.global().asyncAfter(deadline: .now() + 3) { continuation.resume() }
                    }
                    return 1
                },
                deadline: .milliseconds(200)
            )
        }
        #expect(error?.code == .unavailable)
        // Not a timing target (the whole suite shares two cores): only that the answer
        // came long before the stuck call would have let a task group go.
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func aCallThatAnswersInTimeGivesItsResult() async throws {
        #expect(try await DatabaseHealth.race({ 42 }, deadline: .seconds(1)) == 42)
        await #expect(throws: CancellationError.self) {
            try await DatabaseHealth.race({ throw CancellationError() }, deadline: .seconds(1))
        }
    }
}

/// Found by the battery's F3 row at T1 length: PostgreSQL stopped ten times under
/// load, and a statement in flight when the server shut down answered 500, because
/// the server's "terminating connection" (57P01) was not read as an outage.
@Suite("Database outages", .enabled(if: StoreEngine.postgresURL != nil))
struct DatabaseOutageTests {
    @Test func aStatementEndedByTheServerShuttingDownIsAnOutage() async throws {
        let engine = try await PostgresTestDatabase.fresh()
        defer { engine.close() }
        let pg = PostgresPool(client: engine.client, logger: engine.logger, health: engine.health)
        let marker = "masthead_outage_\(UInt32.random(in: 0 ... .max))"
        async let stopped: Void = {
            // What `pg_ctl stop` does to each backend: SIGTERM, which ends the statement with 57P01.
            for _ in 0..<100 {
                try await Task.sleep(for: .milliseconds(50))
                let ended = try await pg.value(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE \("%" + marker + "%") AND pid <> pg_backend_pid()",
                    as: Int.self
                )
                if ended ?? 0 > 0 { return }
            }
        }()
        let error = await #expect(throws: MastheadError.self) {
            try await pg.transaction(deadline: .seconds(30)) { transaction in
                // The marker goes into the statement's text, where pg_stat_activity shows it.
                try await transaction.run(PostgresQuery(unsafeSQL: "SELECT pg_sleep(20) /* \(marker) */"))
            }
        }
        try await stopped
        #expect(error?.code == .unavailable)
        #expect(PostgresPool.isOutage(sqlState: "57P01") && PostgresPool.isOutage(sqlState: "08006") && !PostgresPool.isOutage(sqlState: "23505"))
    }
}
