import Foundation
import MastheadCore
import MastheadSQL
import PostgresNIO

/// Articles in PostgreSQL, with the same semantics as SQLite's store (the
/// conformance suite in MastheadStoreTests runs against both).
struct PostgresArticleStore: ArticleStore {
    let db: PostgresPool

    // MARK: - Reading

    func article(slug: Slug) async throws -> Article? {
        try await db.one("\(unescaped: PostgresRows.wholeArticleSelect) WHERE a.slug = \(slug.rawValue)").map(PostgresRows.article(from:))
    }

    func article(id: ArticleID) async throws -> Article? {
        try await db.one("\(unescaped: PostgresRows.wholeArticleSelect) WHERE a.id = \(id.rawValue)").map(PostgresRows.article(from:))
    }

    func related(to article: ArticleID, now: Date) async throws -> [ArticleSummary] {
        let ids = try await db.values(
            "SELECT related_id FROM article_related WHERE article_id = \(article.rawValue) ORDER BY position",
            as: Int64.self
        )
        return try await summaries(ids: ids.map(ArticleID.init), now: now)
    }

    func articleID(formerSlug: Slug) async throws -> ArticleID? {
        try await db.value("SELECT article_id FROM article_slug_history WHERE slug = \(formerSlug.rawValue)", as: Int64.self).map(ArticleID.init)
    }

    func list(_ filter: ArticleFilter, page: PageRequest, now: Date) async throws -> Paged<ArticleSummary> {
        var section: Int64?
        var tag: Int64?
        var author: Int64?
        var from: Double?
        var until: Double?
        switch filter {
        case .all: break
        case .section(let id): section = id.rawValue
        case .tag(let id): tag = id.rawValue
        case .author(let id): author = id.rawValue
        case .published(let range): (from, until) = (range.lowerBound.timeIntervalSince1970, range.upperBound.timeIntervalSince1970)
        }
        let time = now.timeIntervalSince1970
        // One statement for every filter: an absent filter is a NULL parameter. PostgresNIO
        // plans each query with its values, so the planner still sees which filters apply.
        let count =
            try await db.value(
                """
                SELECT COUNT(*) FROM article a WHERE \(unescaped: ArticleVisibility.readableBy())\(time)
                AND (\(section)::bigint IS NULL OR a.section_id = \(section))
                AND (\(tag)::bigint IS NULL OR EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = a.id AND t.tag_id = \(tag)))
                AND (\(author)::bigint IS NULL OR EXISTS (SELECT 1 FROM article_author w WHERE w.article_id = a.id AND w.author_id = \(author)))
                AND (\(from)::float8 IS NULL OR (a.published_at >= \(from) AND a.published_at < \(until)))
                """,
                as: Int64.self
            ) ?? 0
        let rows = try await db.rows(
            """
            \(unescaped: PostgresRows.summarySelect) WHERE \(unescaped: ArticleVisibility.readableBy())\(time)
            AND (\(section)::bigint IS NULL OR a.section_id = \(section))
            AND (\(tag)::bigint IS NULL OR EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = a.id AND t.tag_id = \(tag)))
            AND (\(author)::bigint IS NULL OR EXISTS (SELECT 1 FROM article_author w WHERE w.article_id = a.id AND w.author_id = \(author)))
            AND (\(from)::float8 IS NULL OR (a.published_at >= \(from) AND a.published_at < \(until)))
            ORDER BY a.published_at DESC, a.id DESC LIMIT \(page.perPage) OFFSET \(page.offset)
            """
        )
        let items = try await PostgresRows.summaries(from: rows, db)
        return Paged(items: items, page: page.page, perPage: page.perPage, total: Int(count))
    }

    func summaries(ids: [ArticleID], now: Date) async throws -> [ArticleSummary] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.rows(
            """
            \(unescaped: PostgresRows.summarySelect)
            WHERE a.id = ANY(\(ids.map(\.rawValue))) AND \(unescaped: ArticleVisibility.readableBy())\(now.timeIntervalSince1970)
            """
        )
        let byID = Dictionary(uniqueKeysWithValues: try await PostgresRows.summaries(from: rows, db).map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    func sitemapEntries(offset: Int, limit: Int, now: Date) async throws -> [SitemapEntry] {
        try await db.rows(
            """
            SELECT slug, headline, published_at, updated_at FROM article
            WHERE \(unescaped: ArticleVisibility.readableBy(nil))\(now.timeIntervalSince1970) ORDER BY published_at, id LIMIT \(limit) OFFSET \(offset)
            """
        ).map { row in
            SitemapEntry(
                slug: try PostgresRows.slug(row.get("slug")),
                headline: try row.get("headline"),
                publishedAt: Date(timeIntervalSince1970: try row.get("published_at")),
                updatedAt: try row.get("updated_at", as: Double?.self).map(Date.init(timeIntervalSince1970:))
            )
        }
    }

    func publishedCount(now: Date) async throws -> Int {
        Int(
            try await db.value(
                "SELECT COUNT(*) FROM article WHERE \(unescaped: ArticleVisibility.readableBy(nil))\(now.timeIntervalSince1970)",
                as: Int64.self
            ) ?? 0
        )
    }

    func count() async throws -> Int {
        Int(try await db.value("SELECT COUNT(*) FROM article", as: Int64.self) ?? 0)
    }

    // MARK: - Writing

    func save(_ draft: ArticleDraft) async throws -> ArticleID {
        try await Self.translatingConstraints(draft) {
            try await db.transaction { tx in
                // The change record names every page the save touches, so caches drop those alone.
                let log = try await PostgresContentLog(tx)
                var listed: [String] = []
                if let existing = draft.id { listed = try await PostgresContentLog.listKeys(of: existing.rawValue, tx) }
                let id = try await Self.write(draft, tx)
                let relisted = try await Self.relate(id.rawValue, tx)
                listed += try await PostgresContentLog.listKeys(of: id.rawValue, tx)
                try await log.close(
                    keys: SurrogateKeys.purge(article: id, lists: listed) + relisted.map { SurrogateKeys.article(ArticleID($0)) },
                    tx
                )
                return id
            }
        }
    }

    /// Works out the article's related list, then fresh lists for the stories it relates
    /// to, so yesterday's story can point to today's follow-up (at most
    /// `RelatedScores.count` more). Returns those whose list changed: their pages changed too.
    static func relate(_ id: Int64, _ tx: PostgresPool.Transaction) async throws -> [Int64] {
        func relatedIDs(_ article: Int64) async throws -> [Int64] {
            try await tx.values("SELECT related_id FROM article_related WHERE article_id = \(article) ORDER BY position", as: Int64.self)
        }
        try await PostgresRelated.compute(for: id, tx)
        var changed: [Int64] = []
        for other in try await relatedIDs(id) {
            let before = try await relatedIDs(other)
            try await PostgresRelated.compute(for: other, tx)
            if try await relatedIDs(other) != before { changed.append(other) }
        }
        return changed
    }

    func saveAll(_ drafts: [ArticleDraft]) async throws -> [ArticleID] {
        try await Self.translatingConstraints(nil) {
            // A batch may hold thousands of articles: it gets a deadline to match.
            try await db.transaction(deadline: .seconds(30 + drafts.count / 10)) { tx in
                var ids: [ArticleID] = []
                for draft in drafts { ids.append(try await Self.write(draft, tx)) }
                for id in ids { try await PostgresRelated.compute(for: id.rawValue, tx) }
                return ids
            }
        }
    }

    /// Writes one draft with everything that hangs off it, inside the caller's transaction.
    private static func write(_ named: ArticleDraft, _ tx: PostgresPool.Transaction) async throws -> ArticleID {
        // Named tags become ids first, so the revision records the tags as saved.
        var draft = named
        for tag in named.tagNames { draft.article.tagIDs.append(try await tagID(for: tag, tx)) }
        draft.tagNames = []
        let article = draft.article
        let teaser = Teaser.make(standfirst: article.standfirst, bodyMarkdown: article.bodyMarkdown)
        let image = article.leadImage
        let published = article.publishedAt?.timeIntervalSince1970
        let updated = article.updatedAt?.timeIntervalSince1970
        let id: Int64
        if let existing = draft.id {
            // A changed slug keeps the old one as a permanent redirect.
            guard let old = try await tx.value("SELECT slug FROM article WHERE id = \(existing.rawValue) FOR UPDATE", as: String.self) else {
                throw MastheadError(.notFound, "There is no article \(existing).")
            }
            if old != draft.slug.rawValue {
                try await tx.run(
                    """
                    INSERT INTO article_slug_history (slug, article_id) VALUES (\(old), \(existing.rawValue))
                    ON CONFLICT (slug) DO UPDATE SET article_id = excluded.article_id
                    """
                )
            }
            try await tx.run(
                """
                UPDATE article SET slug = \(draft.slug.rawValue), headline = \(article.headline), standfirst = \(article.standfirst),
                    teaser = \(teaser), section_id = \(article.sectionID.rawValue), lead_image_url = \(image?.url),
                    lead_image_alt = \(image?.alt ?? ""), lead_image_credit = \(image?.credit ?? ""),
                    lead_image_caption = \(image?.caption ?? ""), lead_image_width = \(image?.width), lead_image_height = \(image?.height),
                    body_markdown = \(article.bodyMarkdown), body_html = \(draft.bodyHTML.rawValue), status = \(article.status.rawValue),
                    published_at = \(published), updated_at = \(updated), rights_override = \(article.rightsOverride),
                    seo_title = \(article.seoTitle), seo_description = \(article.seoDescription), dateline_zone = \(article.datelineZone)
                WHERE id = \(existing.rawValue)
                """
            )
            id = existing.rawValue
            try await tx.run("DELETE FROM article_author WHERE article_id = \(id)")
            try await tx.run("DELETE FROM article_tag WHERE article_id = \(id)")
            try await tx.run("DELETE FROM correction WHERE article_id = \(id)")
        } else {
            guard
                let new = try await tx.value(
                    """
                    INSERT INTO article (slug, headline, standfirst, teaser, section_id, lead_image_url, lead_image_alt,
                        lead_image_credit, lead_image_caption, lead_image_width, lead_image_height, body_markdown,
                        body_html, status, published_at, updated_at, rights_override, seo_title, seo_description, dateline_zone, created_by)
                    VALUES (\(draft.slug.rawValue), \(article.headline), \(article.standfirst), \(teaser), \(article.sectionID.rawValue),
                        \(image?.url), \(image?.alt ?? ""), \(image?.credit ?? ""), \(image?.caption ?? ""), \(image?.width), \(image?.height),
                        \(article.bodyMarkdown), \(draft.bodyHTML.rawValue), \(article.status.rawValue), \(published), \(updated),
                        \(article.rightsOverride), \(article.seoTitle), \(article.seoDescription), \(article.datelineZone),
                        \(article.createdBy?.rawValue))
                    RETURNING id
                    """,
                    as: Int64.self
                )
            else { throw MastheadError(.internalFailure, "The new article was not stored.") }
            id = new
        }
        var seenAuthors = Set<AuthorID>()
        let authors = article.authorIDs.filter { seenAuthors.insert($0).inserted }
        try await tx.run(
            """
            INSERT INTO article_author (article_id, author_id, position)
            SELECT \(id), author_id, (position - 1)::int FROM unnest(\(authors.map(\.rawValue))::bigint[]) WITH ORDINALITY AS x(author_id, position)
            """
        )
        var seenTags = Set<TagID>()
        let tags = article.tagIDs.filter { seenTags.insert($0).inserted }
        try await tx.run(
            """
            INSERT INTO article_tag (article_id, tag_id, position)
            SELECT \(id), tag_id, (position - 1)::int FROM unnest(\(tags.map(\.rawValue))::bigint[]) WITH ORDINALITY AS x(tag_id, position)
            """
        )
        for correction in article.corrections {
            try await tx.run(
                """
                INSERT INTO correction (article_id, kind, note, created_at)
                VALUES (\(id), \(correction.kind.rawValue), \(correction.note), \(correction.date.timeIntervalSince1970))
                """
            )
        }
        // A slug in use is nobody's former slug any more.
        try await tx.run("DELETE FROM article_slug_history WHERE slug = \(draft.slug.rawValue)")
        try await recordRevision(of: id, draft, tx)
        try await PostgresSearchIndex.index(id, bodyText: draft.bodyText, tx)
        if let events = draft.events { try await PostgresWebhookStore.enqueue(events, about: id, tx) }
        return ArticleID(id)
    }

    /// The tag with this name's slug, created if there is none yet (the no-op update
    /// makes RETURNING answer for an existing tag too).
    private static func tagID(for tag: TagName, _ tx: PostgresPool.Transaction) async throws -> TagID {
        guard
            let id = try await tx.value(
                """
                INSERT INTO tag (slug, name) VALUES (\(tag.slug.rawValue), \(tag.name))
                ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id
                """,
                as: Int64.self
            )
        else { throw MastheadError(.internalFailure, "The tag \(tag.slug) vanished while being created.") }
        return TagID(id)
    }

    private static func translatingConstraints<T>(_ draft: ArticleDraft?, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as MastheadError where error.code == .conflict {
            let slug = draft.map { " \"\($0.slug)\"" } ?? ""
            throw MastheadError(.conflict, "Another article already uses the slug\(slug).", underlying: error)
        } catch let error as MastheadError where error.code == .invalidInput && error.underlying is PSQLError {
            throw MastheadError(.invalidInput, "The article names a section, author or tag that does not exist.", underlying: error)
        }
    }
}
