import GRDB
import MastheadCore

/// Hourly view counts. Adds are upserts that increment, so several flushes of the
/// same hour (or several processes) add up instead of overwriting each other.
struct SQLiteAudienceStore: AudienceStore {
    let pool: DatabasePool

    func add(_ views: [HourlyViews]) async throws {
        guard !views.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO article_views_hourly (article_id, hour, views) VALUES (?, ?, ?)
                    ON CONFLICT (article_id, hour) DO UPDATE SET views = views + excluded.views
                    """
            )
            for row in views where row.views > 0 {
                try statement.execute(arguments: [row.article.rawValue, row.hour, row.views])
            }
        }
    }

    func totals(fromHour: Int64) async throws -> [ArticleID: Int] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT article_id, SUM(views) AS total FROM article_views_hourly WHERE hour >= ? GROUP BY article_id",
                arguments: [fromHour]
            )
            var totals: [ArticleID: Int] = [:]
            for row in rows { totals[ArticleID(row["article_id"])] = row["total"] }
            return totals
        }
    }

    func hourly(fromHour: Int64) async throws -> [HourlyViews] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT article_id, hour, views FROM article_views_hourly WHERE hour >= ?", arguments: [fromHour])
                .map { HourlyViews(article: ArticleID($0["article_id"]), hour: $0["hour"], views: $0["views"]) }
        }
    }

    func addReferrers(_ referrers: [ReferrerViews]) async throws {
        guard !referrers.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO article_referrer_daily (article_id, day, domain, views) VALUES (?, ?, ?, ?)
                    ON CONFLICT (article_id, day, domain) DO UPDATE SET views = views + excluded.views
                    """
            )
            for row in referrers where row.views > 0 {
                try statement.execute(arguments: [row.article.rawValue, row.day, row.domain, row.views])
            }
        }
    }

    func topReferrers(fromDay: Int64, article: ArticleID?, limit: Int) async throws -> [(domain: String, views: Int)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT domain, SUM(views) AS total FROM article_referrer_daily
                    WHERE day >= ? AND (? IS NULL OR article_id = ?)
                    GROUP BY domain ORDER BY total DESC, domain LIMIT ?
                    """,
                arguments: [fromDay, article?.rawValue, article?.rawValue, limit]
            ).map { (domain: $0["domain"], views: $0["total"]) }
        }
    }

    func viewsPerHour(fromHour: Int64, article: ArticleID?) async throws -> [Int64: Int] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT hour, SUM(views) AS total FROM article_views_hourly
                    WHERE hour >= ? AND (? IS NULL OR article_id = ?) GROUP BY hour
                    """,
                arguments: [fromHour, article?.rawValue, article?.rawValue]
            )
            return Dictionary(uniqueKeysWithValues: rows.map { (row: Row) -> (Int64, Int) in (row["hour"], row["total"]) })
        }
    }

    func viewsPerDay(fromDay: Int64, article: ArticleID?) async throws -> [Int64: Int] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT day, SUM(views) AS total FROM (
                        SELECT day, views FROM article_views_daily WHERE day >= ? AND (? IS NULL OR article_id = ?)
                        UNION ALL
                        SELECT hour / 24 AS day, views FROM article_views_hourly WHERE hour >= ? * 24 AND (? IS NULL OR article_id = ?)
                    ) GROUP BY day
                    """,
                arguments: [fromDay, article?.rawValue, article?.rawValue, fromDay, article?.rawValue, article?.rawValue]
            )
            return Dictionary(uniqueKeysWithValues: rows.map { (row: Row) -> (Int64, Int) in (row["day"], row["total"]) })
        }
    }

    func rollUp(beforeHour: Int64) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO article_views_daily (article_id, day, views)
                    SELECT article_id, hour / 24, SUM(views) FROM article_views_hourly WHERE hour < ? GROUP BY article_id, hour / 24
                    ON CONFLICT (article_id, day) DO UPDATE SET views = views + excluded.views
                    """,
                arguments: [beforeHour]
            )
            try db.execute(sql: "DELETE FROM article_views_hourly WHERE hour < ?", arguments: [beforeHour])
        }
    }
}
