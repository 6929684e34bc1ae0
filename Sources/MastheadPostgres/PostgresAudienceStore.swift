import MastheadCore
import PostgresNIO

/// View counts. Adds are batched upserts that increment (one statement per
/// flush, whatever its size), so several flushes of the same hour — or several
/// instances — add up instead of overwriting each other.
struct PostgresAudienceStore: AudienceStore {
    let db: PostgresPool

    func add(_ views: [HourlyViews]) async throws {
        let rows = views.filter { $0.views > 0 }
        guard !rows.isEmpty else { return }
        try await db.run(
            """
            INSERT INTO article_views_hourly (article_id, hour, views)
            SELECT article_id, hour, SUM(views) FROM unnest(\(rows.map(\.article.rawValue))::bigint[], \(rows.map(\.hour))::bigint[],
                \(rows.map { Int64($0.views) })::bigint[]) AS x(article_id, hour, views)
            GROUP BY article_id, hour
            ON CONFLICT (article_id, hour) DO UPDATE SET views = article_views_hourly.views + excluded.views
            """
        )
    }

    func totals(fromHour: Int64) async throws -> [ArticleID: Int] {
        var totals: [ArticleID: Int] = [:]
        for row in try await db.rows(
            "SELECT article_id, SUM(views)::bigint AS total FROM article_views_hourly WHERE hour >= \(fromHour) GROUP BY article_id"
        ) {
            totals[ArticleID(try row.get("article_id", as: Int64.self))] = Int(try row.get("total", as: Int64.self))
        }
        return totals
    }

    func hourly(fromHour: Int64) async throws -> [HourlyViews] {
        try await db.rows("SELECT article_id, hour, views FROM article_views_hourly WHERE hour >= \(fromHour)").map { row in
            HourlyViews(
                article: ArticleID(try row.get("article_id", as: Int64.self)),
                hour: try row.get("hour"),
                views: Int(try row.get("views", as: Int64.self))
            )
        }
    }

    func addReferrers(_ referrers: [ReferrerViews]) async throws {
        let rows = referrers.filter { $0.views > 0 }
        guard !rows.isEmpty else { return }
        try await db.run(
            """
            INSERT INTO article_referrer_daily (article_id, day, domain, views)
            SELECT article_id, day, domain, SUM(views) FROM unnest(\(rows.map(\.article.rawValue))::bigint[], \(rows.map(\.day))::bigint[],
                \(rows.map(\.domain))::text[], \(rows.map { Int64($0.views) })::bigint[]) AS x(article_id, day, domain, views)
            GROUP BY article_id, day, domain
            ON CONFLICT (article_id, day, domain) DO UPDATE SET views = article_referrer_daily.views + excluded.views
            """
        )
    }

    func topReferrers(fromDay: Int64, article: ArticleID?, limit: Int) async throws -> [(domain: String, views: Int)] {
        try await db.rows(
            """
            SELECT domain, SUM(views)::bigint AS total FROM article_referrer_daily
            WHERE day >= \(fromDay) AND (\(article?.rawValue)::bigint IS NULL OR article_id = \(article?.rawValue))
            GROUP BY domain ORDER BY total DESC, domain LIMIT \(limit)
            """
        ).map { (domain: try $0.get("domain", as: String.self), views: Int(try $0.get("total", as: Int64.self))) }
    }

    func viewsPerHour(fromHour: Int64, article: ArticleID?) async throws -> [Int64: Int] {
        let rows = try await db.rows(
            """
            SELECT hour, SUM(views)::bigint AS total FROM article_views_hourly
            WHERE hour >= \(fromHour) AND (\(article?.rawValue)::bigint IS NULL OR article_id = \(article?.rawValue)) GROUP BY hour
            """
        )
        var result: [Int64: Int] = [:]
        for row in rows { result[try row.get("hour")] = Int(try row.get("total", as: Int64.self)) }
        return result
    }

    func viewsPerDay(fromDay: Int64, article: ArticleID?) async throws -> [Int64: Int] {
        let rows = try await db.rows(
            """
            SELECT day, SUM(views)::bigint AS total FROM (
                SELECT day, views FROM article_views_daily
                WHERE day >= \(fromDay) AND (\(article?.rawValue)::bigint IS NULL OR article_id = \(article?.rawValue))
                UNION ALL
                SELECT hour / 24 AS day, views FROM article_views_hourly
                WHERE hour >= \(fromDay) * 24 AND (\(article?.rawValue)::bigint IS NULL OR article_id = \(article?.rawValue))
            ) AS both_tables GROUP BY day
            """
        )
        var result: [Int64: Int] = [:]
        for row in rows { result[try row.get("day")] = Int(try row.get("total", as: Int64.self)) }
        return result
    }

    func rollUp(beforeHour: Int64) async throws {
        try await db.transaction { tx in
            try await tx.run(
                """
                INSERT INTO article_views_daily (article_id, day, views)
                SELECT article_id, hour / 24, SUM(views) FROM article_views_hourly WHERE hour < \(beforeHour) GROUP BY article_id, hour / 24
                ON CONFLICT (article_id, day) DO UPDATE SET views = article_views_daily.views + excluded.views
                """
            )
            try await tx.run("DELETE FROM article_views_hourly WHERE hour < \(beforeHour)")
        }
    }
}
