import Foundation
import MastheadCore
import PostgresNIO

/// Import ledger, old addresses and the archive walk.
struct PostgresArchiveStore: ArchiveStore {
    let db: PostgresPool

    func articleID(importKey: String) async throws -> ArticleID? {
        try await db.value("SELECT article_id FROM import_source WHERE key = \(importKey)", as: Int64.self).map(ArticleID.init)
    }

    func recordImports(_ entries: [String: ArticleID]) async throws {
        guard !entries.isEmpty else { return }
        let keys = Array(entries.keys)
        let ids = keys.map { entries[$0]!.rawValue }
        try await db.run(
            """
            INSERT INTO import_source (key, article_id) SELECT * FROM unnest(\(keys)::text[], \(ids)::bigint[])
            ON CONFLICT (key) DO UPDATE SET article_id = excluded.article_id
            """
        )
    }

    func redirect(from path: String) async throws -> RedirectTarget? {
        guard let row = try await db.one("SELECT article_id, target FROM legacy_redirect WHERE path = \(path)") else { return nil }
        if let article = try row["article_id"].decode(Int64?.self) { return .article(ArticleID(article)) }
        return try row["target"].decode(String?.self).map(RedirectTarget.path)
    }

    func saveRedirects(_ redirects: [PathRedirect]) async throws {
        guard !redirects.isEmpty else { return }
        // One row per address: the last one given wins, as in SQLite's INSERT OR REPLACE.
        var byPath: [String: RedirectTarget] = [:]
        for redirect in redirects { byPath[redirect.from] = redirect.to }
        var articlePaths: [String] = []
        var articles: [Int64] = []
        var pagePaths: [String] = []
        var targets: [String] = []
        for (path, target) in byPath {
            switch target {
            case .article(let id):
                articlePaths.append(path)
                articles.append(id.rawValue)
            case .path(let page):
                pagePaths.append(path)
                targets.append(page)
            }
        }
        let (byArticle, byPage) = ((articlePaths, articles), (pagePaths, targets))
        try await db.transaction { tx in
            let (articlePaths, articles) = byArticle
            let (pagePaths, targets) = byPage
            try await tx.run(
                """
                INSERT INTO legacy_redirect (path, article_id, target)
                SELECT p, a, NULL FROM unnest(\(articlePaths)::text[], \(articles)::bigint[]) AS x(p, a)
                ON CONFLICT (path) DO UPDATE SET article_id = excluded.article_id, target = NULL
                """
            )
            try await tx.run(
                """
                INSERT INTO legacy_redirect (path, article_id, target)
                SELECT p, NULL, t FROM unnest(\(pagePaths)::text[], \(targets)::text[]) AS x(p, t)
                ON CONFLICT (path) DO UPDATE SET article_id = NULL, target = excluded.target
                """
            )
        }
    }

    func redirects(to article: ArticleID) async throws -> [String] {
        try await db.values("SELECT path FROM legacy_redirect WHERE article_id = \(article.rawValue) ORDER BY path", as: String.self)
    }

    func pathRedirects() async throws -> [PathRedirect] {
        try await db.rows("SELECT path, target FROM legacy_redirect WHERE target IS NOT NULL ORDER BY path").map { row in
            PathRedirect(from: try row.get("path"), to: .path(try row.get("target")))
        }
    }

    func articleIDs(after: ArticleID?, limit: Int) async throws -> [ArticleID] {
        try await db.values("SELECT id FROM article WHERE id > \(after?.rawValue ?? 0) ORDER BY id LIMIT \(limit)", as: Int64.self).map(
            ArticleID.init
        )
    }

    func takenSlugs(_ slugs: [Slug]) async throws -> Set<Slug> {
        guard !slugs.isEmpty else { return [] }
        // A slug in another article's history is reserved: its old address still leads there.
        let found = try await db.values(
            """
            SELECT slug FROM article WHERE slug = ANY(\(slugs.map(\.rawValue))::text[])
            UNION SELECT slug FROM article_slug_history WHERE slug = ANY(\(slugs.map(\.rawValue))::text[])
            """,
            as: String.self
        )
        return Set(found.compactMap(Slug.init(validating:)))
    }

    func formerSlugs(of article: ArticleID) async throws -> [Slug] {
        try await db.values("SELECT slug FROM article_slug_history WHERE article_id = \(article.rawValue) ORDER BY slug", as: String.self)
            .compactMap(Slug.init(validating:))
    }

    func addFormerSlugs(_ slugs: [Slug], to article: ArticleID) async throws {
        guard !slugs.isEmpty else { return }
        try await db.run(
            """
            INSERT INTO article_slug_history (slug, article_id)
            SELECT s, \(article.rawValue) FROM unnest(\(slugs.map(\.rawValue))::text[]) AS s
            WHERE NOT EXISTS (SELECT 1 FROM article WHERE article.slug = s)
            ON CONFLICT (slug) DO NOTHING
            """
        )
    }
}
