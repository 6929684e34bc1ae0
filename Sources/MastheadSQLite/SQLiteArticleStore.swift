import Foundation
import GRDB
import MastheadCore
import MastheadSQL

/// Articles in SQLite. Every query binds its values (`arguments:`); the only text
/// ever spliced into SQL is this file's own fixed fragments and `?` placeholders.
struct SQLiteArticleStore: ArticleStore {
    let pool: DatabasePool

    // MARK: - Reading

    func article(slug: Slug) async throws -> Article? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "\(Self.articleSelect) WHERE a.slug = ?", arguments: [slug.rawValue]) else {
                return nil
            }
            return try Self.article(from: row, db)
        }
    }

    func article(id: ArticleID) async throws -> Article? {
        try await pool.read { db in try Self.article(id: id.rawValue, db) }
    }

    /// The article as the caller's transaction sees it.
    static func article(id: Int64, _ db: Database) throws -> Article? {
        guard let row = try Row.fetchOne(db, sql: "\(articleSelect) WHERE a.id = ?", arguments: [id]) else { return nil }
        return try article(from: row, db)
    }

    func related(to article: ArticleID, now: Date) async throws -> [ArticleSummary] {
        let ids = try await pool.read { db in
            try Int64.fetchAll(
                db,
                sql: "SELECT related_id FROM article_related WHERE article_id = ? ORDER BY position",
                arguments: [article.rawValue]
            )
        }
        return try await summaries(ids: ids.map(ArticleID.init), now: now)
    }

    func articleID(formerSlug: Slug) async throws -> ArticleID? {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT article_id FROM article_slug_history WHERE slug = ?", arguments: [formerSlug.rawValue])
                .map(ArticleID.init)
        }
    }

    func list(_ filter: ArticleFilter, page: PageRequest, now: Date) async throws -> Paged<ArticleSummary> {
        try await pool.read { db in
            var join = ""
            var condition = ArticleVisibility.readableBy() + "?"
            var arguments: [any DatabaseValueConvertible] = [now.timeIntervalSince1970]
            switch filter {
            case .all:
                break
            case .section(let id):
                condition += " AND a.section_id = ?"
                arguments.append(id.rawValue)
            case .tag(let id):
                join = "JOIN article_tag t ON t.article_id = a.id"
                condition += " AND t.tag_id = ?"
                arguments.append(id.rawValue)
            case .author(let id):
                join = "JOIN article_author w ON w.article_id = a.id"
                condition += " AND w.author_id = ?"
                arguments.append(id.rawValue)
            case .published(let range):
                condition += " AND a.published_at >= ? AND a.published_at < ?"
                arguments += [range.lowerBound.timeIntervalSince1970, range.upperBound.timeIntervalSince1970]
            }
            let total =
                try Int.fetchOne(
                    db,
                    sql: "SELECT COUNT(*) FROM article a \(join) WHERE \(condition)",
                    arguments: StatementArguments(arguments)
                ) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: "\(Self.summarySelect) \(join) WHERE \(condition) ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments + [page.perPage, page.offset])
            )
            let items = try Self.summaries(from: rows, db)
            return Paged(items: items, page: page.page, perPage: page.perPage, total: total)
        }
    }

    func summaries(ids: [ArticleID], now: Date) async throws -> [ArticleSummary] {
        guard !ids.isEmpty else { return [] }
        return try await pool.read { db in
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                // `+a.status` keeps the planner on the primary key: left to itself it picks the
                // status index for longer id lists and reads every published article.
                sql: "\(Self.summarySelect) WHERE a.id IN (\(placeholders)) AND \(ArticleVisibility.readableBy(skipStatusIndex: true))?",
                arguments: StatementArguments(ids.map(\.rawValue) + [now.timeIntervalSince1970])
            )
            let byID = Dictionary(uniqueKeysWithValues: try Self.summaries(from: rows, db).map { ($0.id, $0) })
            return ids.compactMap { byID[$0] }
        }
    }

    func sitemapEntries(offset: Int, limit: Int, now: Date) async throws -> [SitemapEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT slug, headline, published_at, updated_at FROM article
                    WHERE \(ArticleVisibility.readableBy(nil))? ORDER BY published_at, id LIMIT ? OFFSET ?
                    """,
                arguments: [now.timeIntervalSince1970, limit, offset]
            ).map { row in
                SitemapEntry(
                    slug: try Self.slug(row["slug"]),
                    headline: row["headline"],
                    publishedAt: Date(timeIntervalSince1970: row["published_at"]),
                    updatedAt: (row["updated_at"] as Double?).map(Date.init(timeIntervalSince1970:))
                )
            }
        }
    }

    func publishedCount(now: Date) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM article WHERE \(ArticleVisibility.readableBy(nil))?",
                arguments: [now.timeIntervalSince1970]
            ) ?? 0
        }
    }

    func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? 0 }
    }

    // MARK: - Writing

    func save(_ draft: ArticleDraft) async throws -> ArticleID {
        try await Self.translatingConstraints(draft) {
            try await pool.write { db in
                // The change record names every page the save touches, so caches drop those alone.
                let log = try SQLiteContentLog(db)
                let listed = try draft.id.map { try SQLiteContentLog.listKeys(of: $0.rawValue, db) } ?? []
                let id = try Self.write(draft, db)
                let relisted = try Self.relate(id.rawValue, db)
                try log.close(
                    keys: SurrogateKeys.purge(article: id, lists: listed + SQLiteContentLog.listKeys(of: id.rawValue, db))
                        + relisted.map { SurrogateKeys.article(ArticleID($0)) },
                    db
                )
                return id
            }
        }
    }

    /// Works out the article's related list, then fresh lists for the stories it relates
    /// to, so yesterday's story can point to today's follow-up (at most
    /// `RelatedScores.count` more). Returns those whose list changed: their pages changed too.
    static func relate(_ id: Int64, _ db: Database) throws -> [Int64] {
        func relatedIDs(_ article: Int64) throws -> [Int64] {
            try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT related_id FROM article_related WHERE article_id = ? ORDER BY position"),
                arguments: [article]
            )
        }
        try SQLiteRelatedArticles.compute(for: id, db)
        var changed: [Int64] = []
        for other in try relatedIDs(id) {
            let before = try relatedIDs(other)
            try SQLiteRelatedArticles.compute(for: other, db)
            if try relatedIDs(other) != before { changed.append(other) }
        }
        return changed
    }

    func saveAll(_ drafts: [ArticleDraft]) async throws -> [ArticleID] {
        try await Self.translatingConstraints(nil) {
            try await pool.write { db in
                // Related articles once every draft is in: a full-text query in the middle of
                // the inserts would flush the index's pending words each time, leaving a
                // segment per article to merge (bulk loads slowed to a crawl as they grew).
                let ids = try drafts.map { try Self.write($0, db) }
                for id in ids { try SQLiteRelatedArticles.compute(for: id.rawValue, db) }
                return ids
            }
        }
    }

    /// Writes one draft with everything that hangs off it, inside the caller's transaction.
    private static func write(_ named: ArticleDraft, _ db: Database) throws -> ArticleID {
        // Named tags become ids first, so the revision records the tags as saved.
        var draft = named
        draft.article.tagIDs += try named.tagNames.map { try Self.tagID(for: $0, db) }
        draft.tagNames = []
        let article = draft.article
        let teaser = Teaser.make(standfirst: article.standfirst, bodyMarkdown: article.bodyMarkdown)
        let image = article.leadImage
        let values: [(any DatabaseValueConvertible)?] = [
            draft.slug.rawValue, article.headline, article.standfirst, teaser, article.sectionID.rawValue,
            image?.url, image?.alt ?? "", image?.credit ?? "", image?.caption ?? "", image?.width, image?.height,
            article.bodyMarkdown, draft.bodyHTML.rawValue, article.status.rawValue,
            article.publishedAt?.timeIntervalSince1970, article.updatedAt?.timeIntervalSince1970,
            article.rightsOverride, article.seoTitle, article.seoDescription, article.datelineZone,
        ]
        let id: Int64
        if let existing = draft.id {
            // A changed slug keeps the old one as a permanent redirect.
            if let old = try String.fetchOne(db.cachedStatement(sql: "SELECT slug FROM article WHERE id = ?"), arguments: [existing.rawValue]),
                old != draft.slug.rawValue
            {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO article_slug_history (slug, article_id) VALUES (?, ?)").execute(arguments: [
                    old, existing.rawValue,
                ]
                )
            }
            try db.cachedStatement(
                sql: """
                    UPDATE article SET slug = ?, headline = ?, standfirst = ?, teaser = ?, section_id = ?,
                        lead_image_url = ?, lead_image_alt = ?, lead_image_credit = ?, lead_image_caption = ?,
                        lead_image_width = ?, lead_image_height = ?, body_markdown = ?, body_html = ?, status = ?,
                        published_at = ?, updated_at = ?, rights_override = ?, seo_title = ?, seo_description = ?,
                        dateline_zone = ?
                    WHERE id = ?
                    """
            ).execute(arguments: StatementArguments(values + [existing.rawValue]))
            guard db.changesCount == 1 else { throw MastheadError(.notFound, "There is no article \(existing).") }
            id = existing.rawValue
            for table in ["article_author", "article_tag", "correction"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE article_id = ?", arguments: [id])
            }
        } else {
            try db.cachedStatement(
                sql: """
                    INSERT INTO article (slug, headline, standfirst, teaser, section_id, lead_image_url, lead_image_alt,
                        lead_image_credit, lead_image_caption, lead_image_width, lead_image_height, body_markdown,
                        body_html, status, published_at, updated_at, rights_override, seo_title, seo_description, dateline_zone,
                        created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: StatementArguments(values + [article.createdBy?.rawValue]))
            id = db.lastInsertedRowID
        }
        for (position, author) in article.authorIDs.enumerated() {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_author (article_id, author_id, position) VALUES (?, ?, ?)").execute(
                arguments: [id, author.rawValue, position]
            )
        }
        for (position, tag) in article.tagIDs.enumerated() {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_tag (article_id, tag_id, position) VALUES (?, ?, ?)").execute(arguments: [
                id, tag.rawValue, position,
            ]
            )
        }
        for correction in article.corrections {
            try db.cachedStatement(sql: "INSERT INTO correction (article_id, kind, note, created_at) VALUES (?, ?, ?, ?)").execute(arguments: [
                id, correction.kind.rawValue, correction.note, correction.date.timeIntervalSince1970,
            ]
            )
        }
        // A slug in use is nobody's former slug any more.
        try db.cachedStatement(sql: "DELETE FROM article_slug_history WHERE slug = ?").execute(arguments: [draft.slug.rawValue])
        try Self.recordRevision(of: id, draft, db)
        try SQLiteSearchIndex.index(id, bodyText: draft.bodyText, db)
        if let events = draft.events { try SQLiteWebhookStore.enqueue(events, about: id, db) }
        return ArticleID(id)
    }

    /// The tag with this name's slug, created if there is none yet.
    private static func tagID(for tag: TagName, _ db: Database) throws -> TagID {
        try db.cachedStatement(sql: "INSERT INTO tag (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING").execute(arguments: [
            tag.slug.rawValue, tag.name,
        ])
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM tag WHERE slug = ?"), arguments: [tag.slug.rawValue]) else {
            throw MastheadError(.internalFailure, "The tag \(tag.slug) vanished while being created.")
        }
        return TagID(id)
    }

    /// Turns constraint failures into errors a newsroom can act on; `draft` names the slug when there is one draft.
    private static func translatingConstraints<T>(_ draft: ArticleDraft?, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            let slug = draft.map { " \"\($0.slug)\"" } ?? ""
            throw MastheadError(.conflict, "Another article already uses the slug\(slug).", underlying: error)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw MastheadError(.invalidInput, "The article names a section, author or tag that does not exist.", underlying: error)
        }
    }
}
