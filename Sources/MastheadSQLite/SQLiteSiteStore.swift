import Foundation
import GRDB
import MastheadCore
import MastheadSQL

/// Site settings (one JSON document under the key `site`) and curated lists.
struct SQLiteSiteStore: SiteStore {
    let pool: DatabasePool

    func settings() async throws -> SiteSettings? {
        let json = try await pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM site_setting WHERE key = 'site'") }
        guard let json else { return nil }
        do {
            return try JSONDecoder().decode(SiteSettings.self, from: Data(json.utf8))
        } catch {
            throw MastheadError(.internalFailure, "The stored site settings could not be read.", underlying: error)
        }
    }

    func saveSettings(_ settings: SiteSettings) async throws {
        let json = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO site_setting (key, value) VALUES ('site', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: [json]
            )
        }
    }

    func curatedList(_ list: CuratedList) async throws -> [ArticleID] {
        try await pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT article_id FROM curated_item WHERE list = ? ORDER BY position", arguments: [list.rawValue])
                .map(ArticleID.init)
        }
    }

    func setCuratedList(_ list: CuratedList, to articles: [ArticleID]) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM curated_item WHERE list = ?", arguments: [list.rawValue])
            var seen = Set<ArticleID>()
            for article in articles where seen.insert(article).inserted {
                try db.execute(
                    sql: "INSERT INTO curated_item (list, position, article_id) VALUES (?, ?, ?)",
                    arguments: [list.rawValue, seen.count, article.rawValue]
                )
            }
        }
    }

    func contentRevision() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT value FROM content_revision") ?? 0 }
    }

    func contentChanges(after: Int64, through: Int64) async throws -> [ContentChange] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: ContentLogQueries.changes(after: "?1", through: "?2"), arguments: [after, through]).map { row in
                ContentChange(firstRevision: row["first_revision"], lastRevision: row["last_revision"], storedKeys: row["keys"])
            }
        }
    }
}
