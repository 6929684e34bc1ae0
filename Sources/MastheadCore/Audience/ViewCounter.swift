import Foundation
import Synchronization

/// Counts article views in memory: the request path does a hash, a dictionary
/// lookup and an increment under a lock; `ViewFlusher` moves the counts to the
/// store every few seconds.
///
/// Privacy: a visitor is recognised only by a hash of (salt, address, user agent,
/// article) where the random salt lives in memory and is replaced every day, so
/// the hashes cannot be reversed or linked across days, and nothing about the
/// visitor is ever written anywhere. A repeat within `dedupeWindow` is not counted.
///
/// Budgets: one address counts at most `budget.perArticle` views of an article
/// and `budget.perAddress` views in all per clock hour, whatever User-Agent it
/// sends, so rotating User-Agents (or cookies, or anything else a client
/// controls) cannot buy a place in Trending. Readers behind one address (an
/// office, a carrier's NAT) share its budget; that is the price.
/// Memory is bounded: at most `maximumVisitors` remembered visits; beyond that,
/// after forgetting expired ones, new views are shed (and counted as shed).
public final class ViewCounter: Sendable {
    public enum Outcome: Sendable, Equatable {
        case counted, duplicate, overBudget, shed
    }

    /// Views one address may add per clock hour.
    public struct Budget: Sendable {
        public var perArticle = 10
        public var perAddress = 120

        public init(perArticle: Int = 10, perAddress: Int = 120) {
            self.perArticle = perArticle
            self.perAddress = perAddress
        }
    }

    public struct Statistics: Sendable, Equatable {
        public var counted = 0
        public var duplicates = 0
        public var bots = 0
        public var shed = 0
        /// Views beyond an address's hourly budget.
        public var overBudget = 0
    }

    /// What a flush takes away.
    public struct Batch: Sendable {
        public var views: [HourlyViews]
        public var referrers: [ReferrerViews]
    }

    private struct State {
        var salt = UInt64.random(in: .min ... .max)
        var saltDay: Int64 = 0
        var lastSeen: [Int: Date] = [:]
        /// Views counted this hour per salted hash of (address, article) and of (address).
        var spent: [Int: Int] = [:]
        var spentHour: Int64 = 0
        var hourly: [HourKey: Int] = [:]
        var referrers: [ReferrerKey: Int] = [:]
        var statistics = Statistics()
    }

    private struct HourKey: Hashable {
        var article: ArticleID
        var hour: Int64
    }

    private struct ReferrerKey: Hashable {
        var article: ArticleID
        var day: Int64
        var domain: String
    }

    public let dedupeWindow: TimeInterval
    public let maximumVisitors: Int
    public let budget: Budget
    /// Off, `record` forgets every view at once (`MASTHEAD_VIEW_COUNTING=off`).
    public let enabled: Bool
    private let state = Mutex(State())

    public init(dedupeWindow: TimeInterval = 30 * 60, maximumVisitors: Int = 500_000, budget: Budget = Budget(), enabled: Bool = true) {
        self.dedupeWindow = dedupeWindow
        self.maximumVisitors = maximumVisitors
        self.budget = budget
        self.enabled = enabled
    }

    /// Records one view. `referrerDomain` is a host name only, never a URL.
    @discardableResult
    public func record(article: ArticleID, address: String, userAgent: String, referrerDomain: String?, at now: Date) -> Outcome {
        guard enabled else { return .shed }
        let day = Int64((now.timeIntervalSince1970 / 86_400).rounded(.down))
        return state.withLock { state in
            if state.saltDay != day {
                state.salt = UInt64.random(in: .min ... .max)
                state.saltDay = day
                state.lastSeen.removeAll(keepingCapacity: true)
            }
            let visitor = Self.key(state.salt, address, userAgent, article)
            if let seen = state.lastSeen[visitor], now.timeIntervalSince(seen) < dedupeWindow {
                state.statistics.duplicates += 1
                return .duplicate
            }
            let hour = HourlyViews.hour(of: now)
            if state.spentHour != hour {
                state.spentHour = hour
                state.spent.removeAll(keepingCapacity: true)
            }
            let fromAddress = Self.key(state.salt, address, "", ArticleID(0))
            let ofArticle = Self.key(state.salt, address, "", article)
            if state.spent[fromAddress, default: 0] >= budget.perAddress || state.spent[ofArticle, default: 0] >= budget.perArticle {
                state.statistics.overBudget += 1
                return .overBudget
            }
            if state.lastSeen.count >= maximumVisitors {
                state.lastSeen = state.lastSeen.filter { now.timeIntervalSince($0.value) < dedupeWindow }
                if state.lastSeen.count >= maximumVisitors {
                    state.statistics.shed += 1
                    return .shed
                }
            }
            let hourKey = HourKey(article: article, hour: hour)
            if state.hourly[hourKey] == nil, state.hourly.count >= maximumVisitors {
                state.statistics.shed += 1
                return .shed
            }
            // The budget's memory is bounded like the visits': two entries per counted view at most.
            if state.spent.count >= 2 * maximumVisitors {
                state.statistics.shed += 1
                return .shed
            }
            state.lastSeen[visitor] = now
            state.spent[fromAddress, default: 0] += 1
            state.spent[ofArticle, default: 0] += 1
            state.hourly[hourKey, default: 0] += 1
            if let referrerDomain {
                state.referrers[ReferrerKey(article: article, day: day, domain: referrerDomain), default: 0] += 1
            }
            state.statistics.counted += 1
            return .counted
        }
    }

    private static func key(_ salt: UInt64, _ address: String, _ userAgent: String, _ article: ArticleID) -> Int {
        var hasher = Hasher()
        hasher.combine(salt)
        hasher.combine(address)
        hasher.combine(userAgent)
        hasher.combine(article)
        return hasher.finalize()
    }

    public func recordBot() {
        state.withLock { $0.statistics.bots += 1 }
    }

    /// Takes every count gathered since the last call.
    public func drain() -> Batch {
        state.withLock { state in
            let views = state.hourly.map { HourlyViews(article: $0.key.article, hour: $0.key.hour, views: $0.value) }
            let referrers = state.referrers.map { ReferrerViews(article: $0.key.article, day: $0.key.day, domain: $0.key.domain, views: $0.value) }
            state.hourly.removeAll(keepingCapacity: true)
            state.referrers.removeAll(keepingCapacity: true)
            return Batch(views: views, referrers: referrers)
        }
    }

    /// Puts counts back after a failed flush, so the next one tries again.
    public func restore(_ batch: Batch) {
        state.withLock { state in
            for row in batch.views { state.hourly[HourKey(article: row.article, hour: row.hour), default: 0] += row.views }
            for row in batch.referrers {
                state.referrers[ReferrerKey(article: row.article, day: row.day, domain: row.domain), default: 0] += row.views
            }
        }
    }

    public var statistics: Statistics { state.withLock { $0.statistics } }
}

/// Views of one article that arrived from one referring site on one day.
public struct ReferrerViews: Sendable, Hashable {
    public var article: ArticleID
    /// Days since 1970-01-01 (UTC).
    public var day: Int64
    public var domain: String
    public var views: Int

    public init(article: ArticleID, day: Int64, domain: String, views: Int) {
        self.article = article
        self.day = day
        self.domain = domain
        self.views = views
    }

    /// The host of a referrer URL, lowercased, without `www.`; `nil` for none,
    /// for nonsense, and for this site itself.
    public static func domain(of referrer: String?, siteHost: String?) -> String? {
        guard let referrer, !referrer.isEmpty, referrer.count <= 2048, let url = URL(string: referrer),
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", var host = url.host?.lowercased(), !host.isEmpty
        else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        guard host.count <= 253, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        if let siteHost, host == siteHost.lowercased() || "www." + host == siteHost.lowercased() { return nil }
        return host
    }
}
