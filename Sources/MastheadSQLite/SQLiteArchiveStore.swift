import Foundation
import GRDB
import MastheadCore

/// Import ledger, old addresses and the archive walk.
struct SQLiteArchiveStore: ArchiveStore {
    let pool: DatabasePool

    func articleID(importKey: String) async throws -> ArticleID? {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT article_id FROM import_source WHERE key = ?", arguments: [importKey]).map(ArticleID.init)
        }
    }

    func recordImports(_ entries: [String: ArticleID]) async throws {
        guard !entries.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO import_source (key, article_id) VALUES (?, ?)")
            for (key, article) in entries { try statement.execute(arguments: [key, article.rawValue]) }
        }
    }

    func redirect(from path: String) async throws -> RedirectTarget? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT article_id, target FROM legacy_redirect WHERE path = ?", arguments: [path]) else {
                return nil
            }
            if let article = row["article_id"] as Int64? { return .article(ArticleID(article)) }
            return (row["target"] as String?).map(RedirectTarget.path)
        }
    }

    func saveRedirects(_ redirects: [PathRedirect]) async throws {
        guard !redirects.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO legacy_redirect (path, article_id, target) VALUES (?, ?, ?)")
            for redirect in redirects {
                switch redirect.to {
                case .article(let id): try statement.execute(arguments: [redirect.from, id.rawValue, nil])
                case .path(let path): try statement.execute(arguments: [redirect.from, nil, path])
                }
            }
        }
    }

    func redirects(to article: ArticleID) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT path FROM legacy_redirect WHERE article_id = ? ORDER BY path", arguments: [article.rawValue])
        }
    }

    func pathRedirects() async throws -> [PathRedirect] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT path, target FROM legacy_redirect WHERE target IS NOT NULL ORDER BY path").map { row in
                PathRedirect(from: row["path"], to: .path(row["target"]))
            }
        }
    }

    func articleIDs(after: ArticleID?, limit: Int) async throws -> [ArticleID] {
        try await pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM article WHERE id > ? ORDER BY id LIMIT ?", arguments: [after?.rawValue ?? 0, limit])
                .map(ArticleID.init)
        }
    }

    func takenSlugs(_ slugs: [Slug]) async throws -> Set<Slug> {
        guard !slugs.isEmpty else { return [] }
        return try await pool.read { db in
            var taken = Set<Slug>()
            // SQLite binds at most 32,766 values a statement; a batch is far below that.
            for part in stride(from: 0, to: slugs.count, by: 1000) {
                let chunk = slugs[part..<min(part + 1000, slugs.count)]
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let found = try String.fetchAll(
                    db,
                    // A slug in another article's history is reserved: its old address still leads there.
                    sql: "SELECT slug FROM article WHERE slug IN (\(marks)) UNION SELECT slug FROM article_slug_history WHERE slug IN (\(marks))",
                    arguments: StatementArguments(chunk.map(\.rawValue) + chunk.map(\.rawValue))
                )
                taken.formUnion(found.compactMap(Slug.init(validating:)))
            }
            return taken
        }
    }

    func formerSlugs(of article: ArticleID) async throws -> [Slug] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT slug FROM article_slug_history WHERE article_id = ? ORDER BY slug", arguments: [article.rawValue])
                .compactMap(Slug.init(validating:))
        }
    }

    func addFormerSlugs(_ slugs: [Slug], to article: ArticleID) async throws {
        guard !slugs.isEmpty else { return }
        try await pool.write { db in
            for slug in slugs {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO article_slug_history (slug, article_id)
                        SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM article WHERE slug = ?)
                        """,
                    arguments: [slug.rawValue, article.rawValue, slug.rawValue]
                )
            }
        }
    }
}
