import Foundation
import MastheadCore
import MastheadSQL
import PostgresNIO

/// Full-text search with PostgreSQL's `tsvector`: the same intent as SQLite's
/// FTS5 index — headline weighs most (A), then standfirst (B), tags and authors
/// (C), body (D) — ranked by `ts_rank_cd` with the same recency boost, and the
/// same bounded candidates: the newest `recentCandidates` matches plus the
/// strongest `headlineCandidates` headline-and-tag matches at any age.
struct PostgresSearchIndex: SearchIndex {
    let db: PostgresPool
    static let open = "\u{E000}"
    static let close = "\u{E001}"

    func search(_ query: SearchQuery, page: PageRequest, now: Date) async throws -> Paged<SearchHit> {
        let terms = query.terms
        guard !terms.isEmpty else { return Paged(items: [], page: page.page, perPage: page.perPage, total: 0) }
        // The reader's words arrive as bound values in three fixed arrays; SQL builds the
        // tsquery from them, so no input can change the query's structure.
        let words = terms.compactMap { if case .word(let word) = $0 { word } else { nil } }
        let prefixes = terms.compactMap { if case .prefix(let word) = $0 { word } else { nil } }
        let phrases = terms.compactMap { if case .phrase(let words) = $0 { words.joined(separator: " ") } else { nil } }
        let time = now.timeIntervalSince1970
        let section = query.section?.rawValue
        let from = query.from?.timeIntervalSince1970
        let until = query.until?.timeIntervalSince1970
        let recent = try await db.rows(
            """
            WITH q AS (SELECT \(unescaped: Self.queryExpression(words: "$1", prefixes: "$2", phrases: "$3")) AS query)
            SELECT a.id, ts_rank_cd(s.document, q.query) AS rank, a.published_at
            FROM article_search s JOIN article a ON a.id = s.article_id, q
            WHERE \(words)::text[] IS NOT NULL AND \(prefixes)::text[] IS NOT NULL AND \(phrases)::text[] IS NOT NULL
            AND s.document @@ q.query AND \(unescaped: ArticleVisibility.readableBy())\(time)
            AND (\(section)::text IS NULL OR a.section_id = (SELECT id FROM section WHERE slug = \(section)))
            AND (\(from)::float8 IS NULL OR a.published_at >= \(from)) AND (\(until)::float8 IS NULL OR a.published_at < \(until))
            ORDER BY a.id DESC LIMIT \(SearchCandidates.recentCandidates)
            """
        )
        var candidates = SearchCandidates()
        for row in recent {
            candidates.add(try row.get("id"), relevance: Double(try row.get("rank", as: Float.self)), publishedAt: try row.get("published_at"))
        }
        let complete = recent.count < SearchCandidates.recentCandidates
        if !complete {
            let strong = try await db.rows(
                """
                WITH q AS (SELECT \(unescaped: Self.queryExpression(words: "$1", prefixes: "$2", phrases: "$3")) AS query)
                SELECT a.id, ts_rank_cd(s.headline_document, q.query) AS rank, a.published_at
                FROM article_search s JOIN article a ON a.id = s.article_id, q
                WHERE \(words)::text[] IS NOT NULL AND \(prefixes)::text[] IS NOT NULL AND \(phrases)::text[] IS NOT NULL
                AND s.headline_document @@ q.query AND \(unescaped: ArticleVisibility.readableBy())\(time)
                AND (\(section)::text IS NULL OR a.section_id = (SELECT id FROM section WHERE slug = \(section)))
                AND (\(from)::float8 IS NULL OR a.published_at >= \(from)) AND (\(until)::float8 IS NULL OR a.published_at < \(until))
                ORDER BY rank DESC LIMIT \(SearchCandidates.headlineCandidates)
                """
            )
            for row in strong {
                candidates.add(try row.get("id"), relevance: Double(try row.get("rank", as: Float.self)), publishedAt: try row.get("published_at"))
            }
        }
        let ranked = candidates.ranked(now: now)
        let pageIDs = Array(ranked.dropFirst(page.offset).prefix(page.perPage))
        let hits = try await hits(for: pageIDs, words: words, prefixes: prefixes, phrases: phrases)
        return Paged(items: hits, page: page.page, perPage: page.perPage, total: ranked.count, totalIsLowerBound: !complete)
    }

    /// The tsquery for the reader's terms, all of them required, from the three bound arrays.
    static func queryExpression(words: String, prefixes: String, phrases: String) -> String {
        """
        (SELECT COALESCE(string_agg('(' || part::text || ')', ' & ')::tsquery, ''::tsquery) FROM (
            SELECT plainto_tsquery('english', w) AS part FROM unnest(\(words)::text[]) AS w
            UNION ALL SELECT to_tsquery('english', quote_literal(p) || ':*') FROM unnest(\(prefixes)::text[]) AS p
            UNION ALL SELECT phraseto_tsquery('english', f) FROM unnest(\(phrases)::text[]) AS f
        ) AS parts WHERE part::text <> '')
        """
    }

    private func hits(for ids: [Int64], words: [String], prefixes: [String], phrases: [String]) async throws -> [SearchHit] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.rows(
            """
            WITH q AS (SELECT \(unescaped: Self.queryExpression(words: "$1", prefixes: "$2", phrases: "$3")) AS query)
            SELECT s.article_id, ts_headline('english', s.standfirst || ' ' || s.body, q.query,
                -- U+E000 and U+E001 mark matches (Self.open, Self.close); the reader's terms must stay $1 to $3.
                'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', MaxWords=30, MinWords=12, ShortWord=2') AS snippet
            FROM article_search s, q
            WHERE \(words)::text[] IS NOT NULL AND \(prefixes)::text[] IS NOT NULL AND \(phrases)::text[] IS NOT NULL
            AND s.article_id = ANY(\(ids))
            """
        )
        var snippets: [Int64: String] = [:]
        for row in rows { snippets[try row.get("article_id")] = try row.get("snippet") }
        let summaries = try await db.rows("\(unescaped: PostgresRows.summarySelect) WHERE a.id = ANY(\(ids))")
        let byID = Dictionary(uniqueKeysWithValues: try await PostgresRows.summaries(from: summaries, db).map { ($0.id, $0) })
        return ids.compactMap { id in
            guard let summary = byID[ArticleID(id)] else { return nil }
            return SearchHit(article: summary, snippet: SearchHit.highlight(snippets[id] ?? "", open: Self.open, close: Self.close))
        }
    }

    func reindex() async throws -> Int {
        try await db.transaction(deadline: .seconds(3_600)) { tx in
            try await tx.run("DELETE FROM article_search")
            let ids = try await tx.values("SELECT id FROM article WHERE status = 'published'", as: Int64.self)
            for id in ids { try await Self.index(id, bodyText: nil, tx) }
            return ids.count
        }
    }

    /// Brings one article's index entry in line with its row: present while published, absent otherwise.
    static func index(_ article: Int64, bodyText: String?, _ tx: PostgresPool.Transaction) async throws {
        try await tx.run("DELETE FROM article_search WHERE article_id = \(article)")
        guard
            let row = try await tx.one(
                """
                SELECT a.headline, a.standfirst, a.status, a.body_markdown,
                    COALESCE((SELECT string_agg(t.name, ' ') FROM article_tag x JOIN tag t ON t.id = x.tag_id WHERE x.article_id = a.id), '') AS tags,
                    COALESCE((SELECT string_agg(w.name, ' ') FROM article_author x JOIN author w ON w.id = x.author_id WHERE x.article_id = a.id), '')
                        AS authors
                FROM article a WHERE a.id = \(article)
                """
            ),
            try row.get("status", as: String.self) == "published"
        else { return }
        let body = try bodyText ?? Teaser.plainText(fromMarkdown: row.get("body_markdown"), paragraphs: Int.max)
        let headline: String = try row.get("headline")
        let standfirst: String = try row.get("standfirst")
        let tags: String = try row.get("tags")
        let authors: String = try row.get("authors")
        try await tx.run(
            """
            INSERT INTO article_search (article_id, document, headline_document, headline, standfirst, body)
            VALUES (\(article),
                setweight(to_tsvector('english', \(headline)), 'A') || setweight(to_tsvector('english', \(standfirst)), 'B')
                    || setweight(to_tsvector('english', \(tags) || ' ' || \(authors)), 'C') || setweight(to_tsvector('english', \(body)), 'D'),
                setweight(to_tsvector('english', \(headline)), 'A') || setweight(to_tsvector('english', \(tags)), 'B'),
                \(headline), \(standfirst), \(body))
            """
        )
    }
}
