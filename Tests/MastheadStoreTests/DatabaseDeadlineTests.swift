import Foundation
import MastheadCore
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
