import Foundation
import MastheadCore
import MastheadSQL
import PostgresNIO

/// Site settings (one JSON document under the key `site`) and curated lists.
struct PostgresSiteStore: SiteStore {
    let db: PostgresPool

    func settings() async throws -> SiteSettings? {
        guard let json = try await db.value("SELECT value FROM site_setting WHERE key = 'site'", as: String.self) else { return nil }
        do {
            return try JSONDecoder().decode(SiteSettings.self, from: Data(json.utf8))
        } catch {
            throw MastheadError(.internalFailure, "The stored site settings could not be read.", underlying: error)
        }
    }

    func saveSettings(_ settings: SiteSettings) async throws {
        let json = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try await db.run(
            "INSERT INTO site_setting (key, value) VALUES ('site', \(json)) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
    }

    func curatedList(_ list: CuratedList) async throws -> [ArticleID] {
        try await db.values("SELECT article_id FROM curated_item WHERE list = \(list.rawValue) ORDER BY position", as: Int64.self)
            .map(ArticleID.init)
    }

    func setCuratedList(_ list: CuratedList, to articles: [ArticleID]) async throws {
        var seen = Set<ArticleID>()
        let unique = articles.filter { seen.insert($0).inserted }.map(\.rawValue)
        try await db.transaction { tx in
            try await tx.run("DELETE FROM curated_item WHERE list = \(list.rawValue)")
            try await tx.run(
                """
                INSERT INTO curated_item (list, position, article_id)
                SELECT \(list.rawValue), position::int, id FROM unnest(\(unique)::bigint[]) WITH ORDINALITY AS x(id, position)
                """
            )
        }
    }

    func contentRevision() async throws -> Int64 {
        try await db.value("SELECT value FROM content_revision", as: Int64.self) ?? 0
    }

    func contentChanges(after: Int64, through: Int64) async throws -> [ContentChange] {
        var binds = PostgresBindings()
        binds.append(after)
        binds.append(through)
        return try await db.rows(PostgresQuery(unsafeSQL: ContentLogQueries.changes(after: "$1", through: "$2"), binds: binds)).map { row in
            ContentChange(firstRevision: try row.get("first_revision"), lastRevision: try row.get("last_revision"), storedKeys: try row.get("keys"))
        }
    }
}
