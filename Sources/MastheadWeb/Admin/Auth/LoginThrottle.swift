import Foundation

/// Limits password guessing by counting attempts, not outcomes.
///
/// - An attempt is **reserved before** the password is checked, atomically for
///   every key it counts against, so concurrent guesses cannot all slip in
///   under the limit: attempts in flight count as failures until they end.
/// - Keys: the client address (always), and the account — either as
///   "any client" or, for a browser holding a device cookie from an earlier
///   sign-in to that account, as that device alone. A flood of guesses from
///   strangers therefore never locks the owner out on a browser they have used
///   before, and needs no signed-in session to get past.
/// - A success ends only its own reservation: it never clears failures, so
///   signing in to your own account does not buy more guesses at another.
/// - Guesses at one account from strangers are slowed down, growing with its
///   recent failures and jittered, before the hard limit answers 429.
public actor LoginThrottle {
    public struct Limits: Sendable {
        /// Failed or unfinished attempts per client address within `window`.
        public var perAddress = 10
        /// …per account from browsers without its device cookie.
        public var perAccount = 10
        /// …per account from one browser holding its device cookie.
        public var perDevice = 5
        public var window: TimeInterval = 15 * 60
        /// Slow-down for guesses at an account from strangers: from the third
        /// recent failure on, `pauseUnit` doubled per failure, at most `longestPause`.
        public var pauseUnit: Duration = .milliseconds(250)
        public var longestPause: Duration = .seconds(3)

        public init() {}
    }

    /// Who is trying: the client address, the normalised email and, when the
    /// browser carries a valid device cookie for that account, its id.
    public struct Attempt: Sendable, Hashable {
        public var address: String
        public var email: String
        public var device: String?

        public init(address: String, email: String, device: String?) {
            self.address = address
            self.email = email
            self.device = device
        }

        /// What the attempt counts against, each with its limit; `isAccount` marks the
        /// strangers' shared account budget, whose failures slow guesses down.
        func keys(_ limits: Limits) -> [(key: String, limit: Int, isAccount: Bool)] {
            let account =
                device.map { ("device:\(email):\($0)", limits.perDevice, false) } ?? ("account:" + email, limits.perAccount, true)
            return [("peer:" + address, limits.perAddress, false), account]
        }
    }

    /// A reserved attempt: what to wait before checking the password, and what to hand back to `finish`.
    public struct Ticket: Sendable {
        let keys: [String]
        public let pause: Duration
    }

    public let limits: Limits
    private var failures: [String: [Date]] = [:]
    private var inFlight: [String: Int] = [:]

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Reserves an attempt, or says how many seconds to wait before the next one.
    public func reserve(_ attempt: Attempt, now: Date) -> Result<Ticket, RetryAfter> {
        var wait: TimeInterval = 0
        var accountFailures = 0
        let counted = attempt.keys(limits)
        for (key, limit, isAccount) in counted {
            let recent = recentFailures(key, now: now)
            if isAccount { accountFailures = recent.count }
            if recent.count + inFlight[key, default: 0] >= limit {
                // In-flight attempts end within seconds; failures when they leave the window.
                let untilOldestLeaves = recent.first.map { limits.window - now.timeIntervalSince($0) } ?? 1
                wait = max(wait, recent.count >= limit ? untilOldestLeaves : 1)
            }
        }
        if wait > 0 { return .failure(RetryAfter(seconds: max(1, Int(wait.rounded(.up))))) }
        let keys = counted.map(\.key)
        for key in keys { inFlight[key, default: 0] += 1 }
        return .success(Ticket(keys: keys, pause: pause(afterFailures: accountFailures)))
    }

    /// Ends a reserved attempt; a failure stays counted for `window`.
    public func finish(_ ticket: Ticket, succeeded: Bool, now: Date) {
        for key in ticket.keys {
            let remaining = inFlight[key, default: 1] - 1
            inFlight[key] = remaining > 0 ? remaining : nil
            if !succeeded { failures[key, default: []].append(now) }
        }
        // Bound memory under a spray of addresses: forget keys with nothing recent.
        if failures.count > 100_000 { failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < limits.window } } }
    }

    /// How long a stranger's guess at an account waits, given its recent failures: nothing for
    /// the first two, then doubling from `pauseUnit`, at most `longestPause`, times 0.5–1.5.
    public func pause(afterFailures count: Int) -> Duration {
        guard count >= 2 else { return .zero }
        let doubled = limits.pauseUnit * (1 << min(count - 2, 16))
        let capped = min(doubled, limits.longestPause)
        return capped * Double.random(in: 0.5...1.5)
    }

    private func recentFailures(_ key: String, now: Date) -> [Date] {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }
}

/// Seconds a client should wait, for a `Retry-After` header.
public struct RetryAfter: Error, Sendable, Equatable {
    public let seconds: Int
}
