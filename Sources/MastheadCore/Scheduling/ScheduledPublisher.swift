import Logging
import ServiceLifecycle

/// Publishes scheduled (embargoed) articles when their time comes, checking every
/// `interval`. `buildApplication` also calls `publishDue()` before the first
/// request, so a time that passed while the server was down publishes at once. The store flips rows in one statement, so
/// several instances can run this together and each article publishes once.
public struct ScheduledPublisher: Service {
    let stores: Stores
    let clock: WallClock
    let interval: Duration
    let logger: Logger

    public init(stores: Stores, clock: WallClock, interval: Duration = .seconds(1), logger: Logger) {
        self.stores = stores
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// Publishes what is due now; returns how many.
    @discardableResult
    public func publishDue() async throws -> Int {
        // The store queues each one's `article.published` event in the same transaction.
        let published = try await stores.articles.publishScheduled(dueBy: clock.now)
        for id in published { logger.info("Published a scheduled article", metadata: ["article": "\(id)"]) }
        return published.count
    }

    /// Checks on a timer. The start-up check belongs in `beforeServerStarts`, after
    /// migrations, so the first tick waits one interval rather than racing them.
    public func run() async throws {
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            do {
                try await publishDue()
            } catch is CancellationError {
                return
            } catch {
                logger.error("Publishing scheduled articles failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
