import Foundation
import GRDB
import MastheadCore
import MastheadSQL

/// Full-text search with SQLite's FTS5: BM25 ranking (headline weighs most, then
/// standfirst, tags and authors, then body) with a recency boost, and
/// highlighted snippets. The index holds published articles only and is kept in
/// step inside the same transaction as every save and scheduled publication.
///
/// BM25 costs the same for every match, and a common word matches most of a big
/// archive (4–5 s a query at 100,000 articles when every match was ranked). So
/// ranking runs over a bounded set of candidates that holds what a news reader
/// looks for: the newest `recentCandidates` matches (the index walks its lists
/// newest first and stops there), plus the `headlineCandidates` strongest matches
/// in headlines and tags at any age, from a small index of their own (scored by
/// that index). When there are fewer matches than that, the candidates are every
/// match and the ranking is exact.
struct SQLiteSearchIndex: SearchIndex {
    let pool: DatabasePool

    // Private-use characters mark matches in snippets; they cannot occur in indexed text.
    static let open = "\u{E000}"
    static let close = "\u{E001}"

    func search(_ query: SearchQuery, page: PageRequest, now: Date) async throws -> Paged<SearchHit> {
        guard let match = query.matchExpression else { return Paged(items: [], page: page.page, perPage: page.perPage, total: 0) }
        return try await pool.read { db in
            // Values are bound; the MATCH expression is built only from quoted letters and digits (SearchQuery).
            var condition = ArticleVisibility.readableBy() + "?"
            var arguments: [(any DatabaseValueConvertible)?] = [match, now.timeIntervalSince1970]
            if let section = query.section {
                condition += " AND a.section_id = (SELECT id FROM section WHERE slug = ?)"
                arguments.append(section.rawValue)
            }
            if let from = query.from {
                condition += " AND a.published_at >= ?"
                arguments.append(from.timeIntervalSince1970)
            }
            if let until = query.until {
                condition += " AND a.published_at < ?"
                arguments.append(until.timeIntervalSince1970)
            }
            var candidates = SearchCandidates()
            let recent = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.rowid AS id, bm25(article_search, 10.0, 5.0, 1.0, 3.0, 3.0) AS bm25, a.published_at AS published
                    FROM article_search s JOIN article a ON a.id = s.rowid
                    WHERE article_search MATCH ? AND \(condition) ORDER BY s.rowid DESC LIMIT ?
                    """,
                arguments: StatementArguments(arguments + [SearchCandidates.recentCandidates])
            )
            // BM25 is negative, better when lower: its negation is the relevance.
            for row in recent { candidates.add(row["id"], relevance: -(row["bm25"] as Double), publishedAt: row["published"]) }
            let complete = recent.count < SearchCandidates.recentCandidates
            if !complete {
                // Strong older matches are ranked by the headline index alone: asking the main
                // index for their scores costs a query per article (seconds for a common word).
                let strong = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT rowid AS id, bm25(article_headline_search, 10.0, 3.0) AS bm25 FROM article_headline_search
                        WHERE article_headline_search MATCH ? ORDER BY 2 LIMIT ?
                        """,
                    arguments: [match, SearchCandidates.headlineCandidates]
                ).filter { !candidates.contains($0["id"]) }
                if !strong.isEmpty {
                    var headlineScore: [Int64: Double] = [:]
                    for row in strong { headlineScore[row["id"]] = row["bm25"] }
                    // The same visibility and filters as above; `+a.status` keeps the planner on the primary key.
                    let visible = try Row.fetchAll(
                        db,
                        sql: """
                            SELECT a.id, a.published_at FROM article a
                            WHERE a.id IN (\(Self.placeholders(strong.count))) AND +\(condition)
                            """,
                        arguments: StatementArguments(Array(headlineScore.keys) + arguments.dropFirst())
                    )
                    for row in visible {
                        let id: Int64 = row["id"]
                        candidates.add(id, relevance: -(headlineScore[id] ?? 0), publishedAt: row["published_at"])
                    }
                }
            }
            let ranked = candidates.ranked(now: now)
            let pageIDs = Array(ranked.dropFirst(page.offset).prefix(page.perPage))
            let hits = try Self.hits(for: pageIDs, match: match, db)
            return Paged(items: hits, page: page.page, perPage: page.perPage, total: ranked.count, totalIsLowerBound: !complete)
        }
    }

    /// The page's articles with their snippets, in ranking order.
    private static func hits(for ids: [Int64], match: String, _ db: Database) throws -> [SearchHit] {
        guard !ids.isEmpty else { return [] }
        let snippets = try Row.fetchAll(
            db,
            sql: """
                SELECT rowid, snippet(article_search, -1, ?, ?, '…', 24) AS snippet FROM article_search
                WHERE article_search MATCH ? AND rowid IN (\(placeholders(ids.count)))
                """,
            arguments: StatementArguments([open, close, match] + ids)
        )
        var snippetByID: [Int64: String] = [:]
        for row in snippets { snippetByID[row["rowid"]] = row["snippet"] }
        let rows = try Row.fetchAll(
            db,
            sql: "\(SQLiteArticleStore.summarySelect) WHERE a.id IN (\(placeholders(ids.count)))",
            arguments: StatementArguments(ids)
        )
        let summaries = Dictionary(uniqueKeysWithValues: try SQLiteArticleStore.summaries(from: rows, db).map { ($0.id, $0) })
        return ids.compactMap { id -> SearchHit? in
            guard let summary = summaries[ArticleID(id)] else { return nil }
            return SearchHit(article: summary, snippet: SearchHit.highlight(snippetByID[id] ?? "", open: open, close: close))
        }
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    func reindex() async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM article_search; DELETE FROM article_headline_search")
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM article WHERE status = 'published'")
            for id in ids { try Self.index(id, db) }
            return ids.count
        }
    }

    /// Brings one article's index entry in line with its row: present while published, absent otherwise.
    static func index(_ article: Int64, bodyText: String? = nil, _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM article_search WHERE rowid = ?").execute(arguments: [article])
        try db.cachedStatement(sql: "DELETE FROM article_headline_search WHERE rowid = ?").execute(arguments: [article])
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT a.headline, a.standfirst, a.status, CASE WHEN ? THEN a.body_markdown END AS body_markdown,
                            (SELECT group_concat(t.name, ' ') FROM article_tag x JOIN tag t ON t.id = x.tag_id WHERE x.article_id = a.id) AS tags,
                            (SELECT group_concat(w.name, ' ') FROM article_author x JOIN author w ON w.id = x.author_id WHERE x.article_id = a.id) AS authors
                        FROM article a WHERE a.id = ?
                        """
                ),
                // The body's Markdown is read only when the caller has no plain text for it.
                arguments: [bodyText == nil, article]
            ),
            row["status"] as String == "published"
        else { return }
        let body = bodyText ?? Teaser.plainText(fromMarkdown: row["body_markdown"] ?? "", paragraphs: Int.max)
        let tags: String = row["tags"] ?? ""
        try db.cachedStatement(sql: "INSERT INTO article_search (rowid, headline, standfirst, body, tags, authors) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [article, row["headline"], row["standfirst"], body, tags, row["authors"] ?? ""])
        try db.cachedStatement(sql: "INSERT INTO article_headline_search (rowid, headline, tags) VALUES (?, ?, ?)")
            .execute(arguments: [article, row["headline"], tags])
    }
}
