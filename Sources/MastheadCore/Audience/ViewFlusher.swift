import Foundation
import Logging
import ServiceLifecycle

/// Moves the view counter's counts to the store every `interval`, and once more
/// when the server shuts down. A crash (`kill -9`) loses at most the views of the
/// last interval; a graceful stop loses none. Once an hour it also folds hourly
/// rows older than `retentionDays` into daily rows, so the table stays small.
public struct ViewFlusher: Service {
    public struct Options: Sendable {
        public var interval: Duration = .seconds(5)
        /// Hourly detail is kept this long (at least 8 days: Most Popular looks back 7).
        public var retentionDays = 14
        public init() {}
    }

    let counter: ViewCounter
    let stores: Stores
    let clock: WallClock
    let options: Options
    let logger: Logger

    public init(counter: ViewCounter, stores: Stores, clock: WallClock, options: Options = .init(), logger: Logger) {
        self.counter = counter
        self.stores = stores
        self.clock = clock
        self.options = options
        self.logger = logger
    }

    public func run() async throws {
        var lastRollUpHour: Int64 = 0
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: options.interval) }
            } catch {
                break
            }
            await flush()
            let hour = HourlyViews.hour(of: clock.now)
            if hour != lastRollUpHour {
                lastRollUpHour = hour
                do {
                    try await stores.audience.rollUp(beforeHour: hour - Int64(max(options.retentionDays, 8)) * 24)
                } catch {
                    logger.error("Rolling up old view counts failed", metadata: ["error": "\(error)"])
                }
            }
        }
        await flush()  // shutting down: nothing counted is left behind
    }

    /// Writes what has been counted; on failure the counts go back for the next try.
    public func flush() async {
        let batch = counter.drain()
        guard !batch.views.isEmpty || !batch.referrers.isEmpty else { return }
        let started = ContinuousClock.now
        // Views of articles readers cannot see (unknown ids, drafts, withdrawn stories) are dropped here,
        // in one lookup per batch, so the request path never touches the store.
        let now = clock.now
        var visible = Set<ArticleID>()
        do {
            let ids = Array(Set(batch.views.map(\.article) + batch.referrers.map(\.article)))
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                visible.formUnion(try await stores.articles.summaries(ids: chunk, now: now).map(\.id))
            }
        } catch {
            counter.restore(batch)
            logger.error("Checking viewed articles failed; will retry", metadata: ["error": "\(error)"])
            return
        }
        let views = batch.views.filter { visible.contains($0.article) }
        let referrers = batch.referrers.filter { visible.contains($0.article) }
        do {
            try await stores.audience.add(views)
        } catch {
            counter.restore(ViewCounter.Batch(views: views, referrers: referrers))
            logger.error("Flushing view counts failed; will retry", metadata: ["error": "\(error)"])
            return
        }
        do {
            try await stores.audience.addReferrers(referrers)
        } catch {
            counter.restore(ViewCounter.Batch(views: [], referrers: referrers))
            logger.error("Flushing referrer counts failed; will retry", metadata: ["error": "\(error)"])
        }
        logger.debug("Flushed view counts", metadata: ["rows": "\(views.count)", "took": "\(ContinuousClock.now - started)"])
    }
}
