import Foundation

/// Views of one article in one clock hour: the unit the audience table stores.
public struct HourlyViews: Sendable, Hashable {
    public var article: ArticleID
    /// Hours since 1970-01-01T00:00Z.
    public var hour: Int64
    public var views: Int

    public init(article: ArticleID, hour: Int64, views: Int) {
        self.article = article
        self.hour = hour
        self.views = views
    }

    public static func hour(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 3600).rounded(.down))
    }
}

/// Per-article, per-hour view counts, added to by the view counter and read by
/// the popularity lists.
public protocol AudienceStore: Sendable {
    /// Adds the counts (never replaces them), in one transaction.
    func add(_ views: [HourlyViews]) async throws
    /// Total views per article from `fromHour` on.
    func totals(fromHour: Int64) async throws -> [ArticleID: Int]
    /// Every hourly row from `fromHour` on, for trending.
    func hourly(fromHour: Int64) async throws -> [HourlyViews]
    /// Adds referrer counts (never replaces them), in one transaction.
    func addReferrers(_ referrers: [ReferrerViews]) async throws
    /// The referring domains with the most views from `fromDay` on, for one article or all.
    func topReferrers(fromDay: Int64, article: ArticleID?, limit: Int) async throws -> [(domain: String, views: Int)]
    /// Views per hour summed over all articles (or one), from `fromHour` on.
    func viewsPerHour(fromHour: Int64, article: ArticleID?) async throws -> [Int64: Int]
    /// Views per day summed, from `fromDay` on, counting rolled-up and hourly rows alike.
    func viewsPerDay(fromDay: Int64, article: ArticleID?) async throws -> [Int64: Int]
    /// Folds hourly rows older than `beforeHour` into daily rows, in one transaction.
    func rollUp(beforeHour: Int64) async throws
}
