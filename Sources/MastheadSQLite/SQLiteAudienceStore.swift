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
}
