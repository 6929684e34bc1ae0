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

/// At most `limit` expensive requests at once across all clients; the rest are
/// told to come back (503) rather than queued behind them.
public final class WorkGate: Sendable {
    public let limit: Int
    private let running = Mutex(0)

    public init(limit: Int) {
        self.limit = limit
    }

    public func run<Value: Sendable>(_ work: () async throws -> Value) async throws -> Value {
        let entered = running.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard entered else { throw Throttled(status: .serviceUnavailable, retryAfter: 1) }
        defer { running.withLock { $0 -= 1 } }
        return try await work()
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
