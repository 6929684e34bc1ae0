import Foundation
import GRDB
import MastheadCore

/// The back office's view of articles: every status, revisions, scheduling.
extension SQLiteArticleStore {
    func backOfficeList(_ filter: BackOfficeFilter, page: PageRequest) async throws -> Paged<BackOfficeArticle> {
        try await pool.read { db in
            var conditions = ["1 = 1"]
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let status = filter.status {
                conditions.append("a.status = ?")
                arguments.append(status.rawValue)
            }
            if let owner = filter.ownedBy {
                conditions.append("(a.created_by = ? OR EXISTS (SELECT 1 FROM article_author x WHERE x.article_id = a.id AND x.author_id = ?))")
                arguments += [owner.id.rawValue, owner.authorID?.rawValue]
            }
            let condition = conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article a WHERE \(condition)", arguments: StatementArguments(arguments)) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.slug, a.headline, a.status, a.published_at, s.name AS section_name,
                        (SELECT MAX(r.saved_at) FROM article_revision r WHERE r.article_id = a.id) AS last_saved_at
                    FROM article a JOIN section s ON s.id = a.section_id
                    WHERE \(condition)
                    ORDER BY COALESCE(last_saved_at, a.published_at) DESC, a.id DESC LIMIT ? OFFSET ?
                    """,
                arguments: StatementArguments(arguments + [page.perPage, page.offset])
            )
            let authors = try Self.authors(of: rows.map { ArticleID($0["id"]) }, db)
            let items = try rows.map { row in
                let id = ArticleID(row["id"])
                return BackOfficeArticle(
                    id: id,
                    slug: try Self.slug(row["slug"]),
                    headline: row["headline"],
                    status: ArticleStatus(rawValue: row["status"]) ?? .draft,
                    sectionName: row["section_name"],
                    authorNames: authors[id]?.map(\.name) ?? [],
                    publishedAt: (row["published_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    lastSavedAt: (row["last_saved_at"] as Double?).map(Date.init(timeIntervalSince1970:))
                )
            }
            return Paged(items: items, page: page.page, perPage: page.perPage, total: total)
        }
    }

    func revisions(of article: ArticleID) async throws -> [Revision] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "\(Self.revisionSelect) WHERE r.article_id = ? ORDER BY r.number DESC", arguments: [article.rawValue])
                .map(Self.revision(from:))
        }
    }

    func revision(_ id: RevisionID) async throws -> Revision? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "\(Self.revisionSelect) WHERE r.id = ?", arguments: [id.rawValue]).map(Self.revision(from:))
        }
    }

    func publishScheduled(dueBy now: Date) async throws -> [ArticleID] {
        try await pool.write { db in
            let log = try SQLiteContentLog(db)
            // One statement claims and flips the rows, so two processes can never publish the same article twice.
            let ids = try Int64.fetchAll(
                db,
                sql: "UPDATE article SET status = 'published' WHERE status = 'scheduled' AND published_at <= ? RETURNING id",
                arguments: [now.timeIntervalSince1970]
            )
            var keys: [String] = []
            for id in ids {
                try SQLiteSearchIndex.index(id, db)  // searchable in the same transaction
                try SQLiteWebhookStore.enqueue(PendingArticleEvents(events: [ArticleEvent.published], occurredAt: now), about: id, db)
                // Saved while embargoed, it had no related list, and no story pointed to it.
                let relisted = try Self.relate(id, db)
                keys += SurrogateKeys.purge(article: ArticleID(id), lists: try SQLiteContentLog.listKeys(of: id, db))
                keys += relisted.map { SurrogateKeys.article(ArticleID($0)) }
            }
            try log.close(keys: keys, db)
            return ids.map(ArticleID.init)
        }
    }

    // MARK: - Revisions

    static let revisionSelect = """
        SELECT r.id, r.article_id, r.number, r.account_id, r.saved_at, r.snapshot, a.name AS account_name
        FROM article_revision r LEFT JOIN account a ON a.id = r.account_id
        """

    static func recordRevision(of article: Int64, _ draft: ArticleDraft, _ db: Database) throws {
        var snapshot = draft.article
        snapshot.id = ArticleID(article)
        snapshot.slug = draft.slug.rawValue
        let json = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM article_revision WHERE article_id = ?", arguments: [article]) ?? 0) + 1
        try db.execute(
            sql: "INSERT INTO article_revision (article_id, number, account_id, saved_at, snapshot) VALUES (?, ?, ?, ?, ?)",
            arguments: [article, number, draft.savedBy?.rawValue, draft.savedAt.timeIntervalSince1970, json]
        )
    }

    static func revision(from row: Row) throws -> Revision {
        let json: String = row["snapshot"]
        return Revision(
            id: RevisionID(row["id"]),
            article: ArticleID(row["article_id"]),
            number: row["number"],
            savedBy: (row["account_id"] as Int64?).map(AccountID.init),
            savedByName: row["account_name"],
            savedAt: Date(timeIntervalSince1970: row["saved_at"]),
            snapshot: try JSONDecoder().decode(ArticleInput.self, from: Data(json.utf8))
        )
    }
}
