import Foundation

/// Most Popular and Trending, from the audience store's hourly counts.
///
/// Most Popular ranks published articles by views over the last 24 hours; when
/// fewer than `limit` articles reach `minimumViews` there (a quiet site, a quiet
/// night) it looks at the last 7 days instead, so the list is neither empty nor
/// random. Callers cache the result; it is recomputed on a timer, not per request.
public struct Popularity: Sendable {
    public var stores: Stores
    public var clock: WallClock
    public var minimumViews = 5
    public var trending = TrendingScore()

    public init(stores: Stores, clock: WallClock) {
        self.stores = stores
        self.clock = clock
    }

    public func mostPopular(limit: Int) async throws -> [ArticleSummary] {
        let now = clock.now
        let currentHour = HourlyViews.hour(of: now)
        let windows: [Int64] = [24, 24 * 7]
        for hours in windows {
            let totals: [ArticleID: Int] = try await stores.audience.totals(fromHour: currentHour - hours + 1)
            let ranked: [ArticleID] = totals.filter { $0.value >= minimumViews }
                .sorted { (a: (key: ArticleID, value: Int), b: (key: ArticleID, value: Int)) in
                    a.value != b.value ? a.value > b.value : a.key > b.key
                }
                .map(\.key)
            // Fetch a few extra: some of the most-read may have been unpublished since.
            let summaries = try await stores.articles.summaries(ids: Array(ranked.prefix(limit * 2)), now: now)
            if summaries.count >= limit || hours > 24 {
                return Array(summaries.prefix(limit))
            }
        }
        return []
    }

    public func trendingNow(limit: Int) async throws -> [ArticleSummary] {
        let now = clock.now
        let currentHour = HourlyViews.hour(of: now)
        let rows = try await stores.audience.hourly(fromHour: trending.firstHour(currentHour: currentHour))
        let ranked = trending.rank(rows, currentHour: currentHour, limit: limit * 2).map(\.article)
        return Array(try await stores.articles.summaries(ids: ranked, now: now).prefix(limit))
    }
}
