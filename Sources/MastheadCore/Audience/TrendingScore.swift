import Foundation

/// How "Trending" is decided: which articles' readership is rising fastest
/// against their own recent baseline. Pure functions over hourly counts.
///
/// For each article, with `r` the views per hour over the recent window (the last
/// `recentHours` complete-or-current hours) and `b` the views per hour over the
/// `baselineHours` before it:
///
///     score = (r − b) / √(b + smoothing)
///
/// a Poisson z-score: the rise in standard deviations of what the article usually
/// gets. `smoothing` keeps a brand-new article (b = 0) from scoring infinity on a
/// handful of views, and an article must have at least `minimumRecentViews` in the
/// window, so one view on an old story never trends. Only rising articles
/// (score > 0) are listed.
public struct TrendingScore: Sendable {
    public var recentHours: Int64 = 3
    public var baselineHours: Int64 = 24
    public var smoothing: Double = 4
    public var minimumRecentViews = 10

    public init() {}

    public struct Ranked: Sendable, Hashable {
        public var article: ArticleID
        public var score: Double
    }

    /// Articles ranked by score, highest first, for the hour `currentHour`.
    public func rank(_ rows: [HourlyViews], currentHour: Int64, limit: Int) -> [Ranked] {
        let recentStart = currentHour - recentHours + 1
        let baselineStart = recentStart - baselineHours
        var recent: [ArticleID: Int] = [:]
        var baseline: [ArticleID: Int] = [:]
        for row in rows where row.hour <= currentHour {
            if row.hour >= recentStart {
                recent[row.article, default: 0] += row.views
            } else if row.hour >= baselineStart {
                baseline[row.article, default: 0] += row.views
            }
        }
        var ranked: [Ranked] = []
        for (article, recentViews) in recent where recentViews >= minimumRecentViews {
            let score = score(recentViews: recentViews, baselineViews: baseline[article] ?? 0)
            if score > 0 { ranked.append(Ranked(article: article, score: score)) }
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.article > $1.article }
        return Array(ranked.prefix(limit))
    }

    public func score(recentViews: Int, baselineViews: Int) -> Double {
        let r = Double(recentViews) / Double(recentHours)
        let b = Double(baselineViews) / Double(baselineHours)
        return (r - b) / (b + smoothing).squareRoot()
    }

    /// The first hour `rank` looks at, for fetching just enough rows.
    public func firstHour(currentHour: Int64) -> Int64 {
        currentHour - recentHours + 1 - baselineHours
    }
}
