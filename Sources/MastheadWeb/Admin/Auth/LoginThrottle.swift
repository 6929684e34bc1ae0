import Foundation

/// Counts failed sign-ins per account and per client address; after
/// `maximumFailures` within `window` further attempts get 429 until the window
/// has passed. Nobody is locked out for good, and a flood of addresses cannot
/// unlock an account (both keys must be under the limit).
public actor LoginThrottle {
    public let maximumFailures: Int
    public let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    public init(maximumFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maximumFailures = maximumFailures
        self.window = window
    }

    /// Seconds to wait before trying again, or `nil` when an attempt is allowed.
    public func retryAfter(keys: [String], now: Date) -> Int? {
        var wait: TimeInterval = 0
        for key in keys {
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent.isEmpty ? nil : recent
            if recent.count >= maximumFailures, let oldest = recent.first {
                wait = max(wait, window - now.timeIntervalSince(oldest))
            }
        }
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    public func recordFailure(keys: [String], now: Date) {
        for key in keys { failures[key, default: []].append(now) }
        // Bound memory under a spray of addresses: forget the oldest keys first.
        if failures.count > 100_000 { failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } } }
    }

    public func recordSuccess(keys: [String]) {
        for key in keys { failures[key] = nil }
    }
}
