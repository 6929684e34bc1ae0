import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import MastheadCore
import MastheadWeb
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// Sends queued webhook deliveries: a JSON body signed with HMAC-SHA256 in
/// `X-Masthead-Signature: sha256=<hex>`, retried with growing waits (30 s, 1 min,
/// 2 min … up to `maximumAttempts`), never following redirects, refusing targets
/// on internal networks at every attempt.
public struct WebhookDispatcher: Service {
    public struct Options: Sendable {
        public var interval: Duration = .seconds(2)
        public var maximumAttempts = 6
        public var firstRetry: TimeInterval = 30
        public var addressPolicy = AddressPolicy()
        public var timeout: TimeAmount = .seconds(10)
        public init() {}
    }

    let stores: Stores
    let clock: WallClock
    let options: Options
    let logger: Logger

    public init(stores: Stores, clock: WallClock, options: Options, logger: Logger) {
        self.stores = stores
        self.clock = clock
        self.options = options
        self.logger = logger
    }

    public func run() async throws {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: options.timeout, read: options.timeout)
        )
        configuration.decompression = .disabled
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        await deliverUntilShutdown(with: client)
        try await client.shutdown()
    }

    private func deliverUntilShutdown(with client: HTTPClient) async {
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: options.interval) }
            } catch {
                return
            }
            do {
                for delivery in try await stores.webhooks.dueDeliveries(now: clock.now, limit: 20) {
                    try await send(delivery, with: client)
                }
            } catch is CancellationError {
                return
            } catch {
                logger.error("Webhook deliveries failed", metadata: ["error": "\(error)"])
            }
        }
    }

    func send(_ delivery: WebhookDelivery, with client: HTTPClient) async throws {
        enum Outcome {
            case delivered(Int)
            case failed(String)
        }
        let result: Outcome
        if let problem = options.addressPolicy.problem(with: delivery.webhook.url) {
            result = .failed("Refused: \(problem)")
        } else {
            var request = HTTPClientRequest(url: delivery.webhook.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "Masthead-Webhooks/1")
            request.headers.add(name: "X-Masthead-Event", value: delivery.event)
            request.headers.add(name: "X-Masthead-Delivery", value: String(delivery.id))
            request.headers.add(name: "X-Masthead-Signature", value: "sha256=" + Self.signature(delivery.payload, secret: delivery.webhook.secret))
            request.body = .bytes(ByteBuffer(string: delivery.payload))
            do {
                let response = try await client.execute(request, timeout: options.timeout)
                result = (200..<300).contains(response.status.code) ? .delivered(Int(response.status.code)) : .failed("HTTP \(response.status.code)")
            } catch {
                result = .failed("\(error)")
            }
        }
        let now = clock.now
        switch result {
        case .delivered(let status):
            try await stores.webhooks.recordAttempt(delivery.id, state: .delivered, result: "HTTP \(status)", nextAttemptAt: now)
        case .failed(let reason):
            let attempts = delivery.attempts + 1
            let giveUp = attempts >= options.maximumAttempts || reason.hasPrefix("Refused")
            let wait = options.firstRetry * pow(2, Double(attempts - 1))
            try await stores.webhooks.recordAttempt(
                delivery.id,
                state: giveUp ? .failed : .pending,
                result: reason,
                nextAttemptAt: now.addingTimeInterval(wait)
            )
            logger.warning(
                "Webhook delivery failed",
                metadata: ["delivery": "\(delivery.id)", "attempt": "\(attempts)", "reason": "\(reason.prefix(200))"]
            )
        }
    }

    /// HMAC-SHA256 of the body with the webhook's secret, as lowercase hex.
    public static func signature(_ payload: String, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }
}
