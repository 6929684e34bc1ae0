import Foundation
import MastheadCore
import PostgresNIO

/// The back office's view of articles: every status, revisions, scheduling.
extension PostgresArticleStore {
    func backOfficeList(_ filter: BackOfficeFilter, page: PageRequest) async throws -> Paged<BackOfficeArticle> {
        let status = filter.status?.rawValue
        let owner = filter.ownedBy?.id.rawValue
        let ownerAuthor = filter.ownedBy?.authorID?.rawValue
        let count =
            try await db.value(
                """
                SELECT COUNT(*) FROM article a WHERE (\(status)::text IS NULL OR a.status = \(status))
                AND (\(owner)::bigint IS NULL OR a.created_by = \(owner)
                    OR EXISTS (SELECT 1 FROM article_author x WHERE x.article_id = a.id AND x.author_id = \(ownerAuthor)))
                """,
                as: Int64.self
            ) ?? 0
        let rows = try await db.rows(
            """
            SELECT * FROM (
                SELECT a.id, a.slug, a.headline, a.status, a.published_at, s.name AS section_name,
                    (SELECT MAX(r.saved_at) FROM article_revision r WHERE r.article_id = a.id) AS last_saved_at
                FROM article a JOIN section s ON s.id = a.section_id
                WHERE (\(status)::text IS NULL OR a.status = \(status))
                AND (\(owner)::bigint IS NULL OR a.created_by = \(owner)
                    OR EXISTS (SELECT 1 FROM article_author x WHERE x.article_id = a.id AND x.author_id = \(ownerAuthor)))
            ) AS listed
            ORDER BY COALESCE(last_saved_at, published_at) DESC NULLS LAST, id DESC LIMIT \(page.perPage) OFFSET \(page.offset)
            """
        )
        let authors = try await PostgresRows.authors(of: rows.map { ArticleID(try $0.get("id", as: Int64.self)) }, db)
        let items = try rows.map { row in
            let id = ArticleID(try row.get("id", as: Int64.self))
            return BackOfficeArticle(
                id: id,
                slug: try PostgresRows.slug(row.get("slug")),
                headline: try row.get("headline"),
                status: ArticleStatus(rawValue: try row.get("status")) ?? .draft,
                sectionName: try row.get("section_name"),
                authorNames: authors[id]?.map(\.name) ?? [],
                publishedAt: try row.get("published_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
                lastSavedAt: try row.get("last_saved_at", as: Double?.self).map(Date.init(timeIntervalSince1970:))
            )
        }
        return Paged(items: items, page: page.page, perPage: page.perPage, total: Int(count))
    }

    func revisions(of article: ArticleID) async throws -> [Revision] {
        try await db.rows("\(unescaped: Self.revisionSelect) WHERE r.article_id = \(article.rawValue) ORDER BY r.number DESC")
            .map(Self.revision(from:))
    }

    func revision(_ id: RevisionID) async throws -> Revision? {
        try await db.one("\(unescaped: Self.revisionSelect) WHERE r.id = \(id.rawValue)").map(Self.revision(from:))
    }

    func publishScheduled(dueBy now: Date) async throws -> [ArticleID] {
        try await db.transaction { tx in
            let log = try await PostgresContentLog(tx)
            // One statement claims and flips the rows: however many instances run the
            // scheduler, each article is published (and announced) exactly once.
            let ids = try await tx.values(
                """
                UPDATE article SET status = 'published' WHERE status = 'scheduled' AND published_at <= \(now.timeIntervalSince1970)
                RETURNING id
                """,
                as: Int64.self
            )
            var keys: [String] = []
            for id in ids {
                try await PostgresSearchIndex.index(id, bodyText: nil, tx)
                try await PostgresWebhookStore.enqueue(PendingArticleEvents(events: [ArticleEvent.published], occurredAt: now), about: id, tx)
                // Saved while embargoed, it had no related list, and no story pointed to it.
                let relisted = try await Self.relate(id, tx)
                keys += SurrogateKeys.purge(article: ArticleID(id), lists: try await PostgresContentLog.listKeys(of: id, tx))
                keys += relisted.map { SurrogateKeys.article(ArticleID($0)) }
            }
            try await log.close(keys: keys, tx)
            return ids.map(ArticleID.init)
        }
    }

    // MARK: - Revisions

    static let revisionSelect = """
        SELECT r.id, r.article_id, r.number, r.account_id, r.saved_at, r.snapshot, a.name AS account_name
        FROM article_revision r LEFT JOIN account a ON a.id = r.account_id
        """

    static func recordRevision(of article: Int64, _ draft: ArticleDraft, _ tx: PostgresPool.Transaction) async throws {
        var snapshot = draft.article
        snapshot.id = ArticleID(article)
        snapshot.slug = draft.slug.rawValue
        let json = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        try await tx.run(
            """
            INSERT INTO article_revision (article_id, number, account_id, saved_at, snapshot)
            SELECT \(article), COALESCE(MAX(number), 0) + 1, \(draft.savedBy?.rawValue), \(draft.savedAt.timeIntervalSince1970), \(json)
            FROM article_revision WHERE article_id = \(article)
            """
        )
    }

    static func revision(from row: PostgresRandomAccessRow) throws -> Revision {
        let json: String = try row.get("snapshot")
        return Revision(
            id: RevisionID(try row.get("id", as: Int64.self)),
            article: ArticleID(try row.get("article_id", as: Int64.self)),
            number: try row.get("number"),
            savedBy: try row.get("account_id", as: Int64?.self).map(AccountID.init),
            savedByName: try row.get("account_name"),
            savedAt: Date(timeIntervalSince1970: try row.get("saved_at")),
            snapshot: try JSONDecoder().decode(ArticleInput.self, from: Data(json.utf8))
        )
    }
}
