import Foundation
import Hummingbird
import Synchronization

/// A token bucket per client address: `burst` requests at once, then `perSecond`.
/// Cheap enough for the view beacon's path (a lock, a dictionary lookup).
/// Memory is bounded: past `maximumAddresses`, buckets that have refilled are
/// forgotten (they hold nothing a new bucket would not), and if the table is
/// still full, unknown addresses share one overflow bucket.
public final class AddressRateLimit: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    public let burst: Double
    public let perSecond: Double
    public let maximumAddresses: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    /// No limit at all: for load tests (`MASTHEAD_RATE_LIMITS=off`).
    public static var unlimited: AddressRateLimit { AddressRateLimit(burst: 0, perSecond: 0) }

    public init(burst: Int, perSecond: Double, maximumAddresses: Int = 100_000) {
        self.burst = Double(burst)
        self.perSecond = perSecond
        self.maximumAddresses = maximumAddresses
    }

    /// Takes one request's token; throws `Throttled` with the seconds until the next one.
    public func take(_ address: String, now: Date) throws(Throttled) {
        guard perSecond > 0 else { return }
        let wait: Double? = buckets.withLock { buckets in
            var key = address
            if buckets[key] == nil, buckets.count >= maximumAddresses {
                buckets = buckets.filter { $0.value.tokens + now.timeIntervalSince($0.value.updated) * perSecond < burst }
                if buckets.count >= maximumAddresses { key = "overflow" }
            }
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * perSecond)
            bucket.updated = now
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / perSecond }
            bucket.tokens -= 1
            return nil
        }
        if let wait { throw Throttled(status: .tooManyRequests, retryAfter: max(1, Int(wait.rounded(.up)))) }
    }
}

/// At most `limit` expensive requests at once across all clients. Up to
/// `queueLength` more wait their turn in order (a burst of readers is served a
/// moment later); beyond that the server is busy and says so (503, `Retry-After`)
/// rather than letting a queue grow without bound.
public final class WorkGate: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private enum Entry { case now, wait, refuse }

    public let limit: Int
    public let queueLength: Int
    private let state = Mutex(State())

    public init(limit: Int, queueLength: Int = 64) {
        self.limit = limit
        self.queueLength = queueLength
    }

    /// How many run and wait now.
    public var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.waiting.count) } }

    public func run<Value: Sendable>(_ work: () async throws -> Value) async throws -> Value {
        let entry: Entry = state.withLock { state in
            if state.running < limit {
                state.running += 1
                return .now
            }
            return state.waiting.count < queueLength ? .wait : .refuse
        }
        switch entry {
        case .refuse: throw Throttled(status: .serviceUnavailable, retryAfter: 1)
        case .wait:
            // The slot is handed over by `leave`, so `running` already counts this one on resume.
            await withCheckedContinuation { continuation in
                let admitted: Bool = state.withLock { state in
                    guard state.running >= limit else {
                        state.running += 1
                        return true
                    }
                    state.waiting.append(continuation)
                    return false
                }
                if admitted { continuation.resume() }
            }
        case .now: break
        }
        defer { leave() }
        return try await work()
    }

    private func leave() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { state in
            guard !state.waiting.isEmpty else {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}

/// "Come back later": 429 for one client over its rate, 503 for the whole server busy,
/// answered with `Retry-After` by `ErrorPageMiddleware`.
public struct Throttled: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let retryAfter: Int

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: [.retryAfter: String(retryAfter), .cacheControl: "no-store"])
    }
}
