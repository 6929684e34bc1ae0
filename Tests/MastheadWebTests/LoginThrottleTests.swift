import Foundation
import MastheadWeb
import Testing

@Suite("The sign-in throttle's arithmetic")
struct LoginThrottleTests {
    let now = Date(timeIntervalSince1970: 1_796_040_000)

    func attempt(_ address: String, device: String? = nil) -> LoginThrottle.Attempt {
        .init(address: address, email: "ed@courier.example", device: device)
    }

    @Test func attemptsInFlightCountUntilTheyEnd() async throws {
        let throttle = LoginThrottle()
        var tickets: [LoginThrottle.Ticket] = []
        for _ in 0..<10 { tickets.append(try await throttle.reserve(attempt("198.51.100.1"), now: now).get()) }
        guard case .failure(let wait) = await throttle.reserve(attempt("198.51.100.1"), now: now) else {
            Issue.record("an eleventh concurrent attempt was let in")
            return
        }
        #expect(wait.seconds >= 1)
        // Successes end their reservation without leaving a failure behind.
        for ticket in tickets { await throttle.finish(ticket, succeeded: true, now: now) }
        #expect((try? await throttle.reserve(attempt("198.51.100.1"), now: now).get()) != nil)
    }

    @Test func failuresLeaveTheWindowAndTheWaitSaysWhen() async throws {
        let throttle = LoginThrottle()
        for second in 0..<10 {
            let ticket = try await throttle.reserve(attempt("198.51.100.\(second)"), now: now).get()
            await throttle.finish(ticket, succeeded: false, now: now.addingTimeInterval(Double(second)))
        }
        let later = now.addingTimeInterval(60)
        guard case .failure(let wait) = await throttle.reserve(attempt("192.0.2.1"), now: later) else {
            Issue.record("the account was not throttled for a stranger after ten failures")
            return
        }
        #expect(wait.seconds == 15 * 60 - 60)
        #expect((try? await throttle.reserve(attempt("192.0.2.1"), now: now.addingTimeInterval(15 * 60 + 1)).get()) != nil)
        // The owner's device has its own budget.
        #expect((try? await throttle.reserve(attempt("192.0.2.1", device: "owner-browser"), now: later).get()) != nil)
    }

    @Test func strangersGuessesAreSlowedDownWithJitter() async {
        let throttle = LoginThrottle()
        #expect(await throttle.pause(afterFailures: 0) == .zero)
        #expect(await throttle.pause(afterFailures: 1) == .zero)
        let third = await throttle.pause(afterFailures: 2)
        #expect(third >= .milliseconds(125) && third <= .milliseconds(375))
        let many = await (0..<20).asyncMap { _ in await throttle.pause(afterFailures: 40) }
        #expect(many.allSatisfy { $0 >= .milliseconds(1500) && $0 <= .milliseconds(4500) })
        #expect(Set(many).count > 1, "the pause is jittered")
    }
}

extension Sequence {
    fileprivate func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var results: [T] = []
        for element in self { results.append(await transform(element)) }
        return results
    }
}
