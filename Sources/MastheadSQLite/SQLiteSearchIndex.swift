import Foundation
import GRDB
import MastheadCore

/// Full-text search with SQLite's FTS5: BM25 ranking (headline weighs most, then
/// standfirst, tags and authors, then body) with a recency boost, and
/// highlighted snippets. The index holds published articles only and is kept in
/// step inside the same transaction as every save and scheduled publication.
struct SQLiteSearchIndex: SearchIndex {
    let pool: DatabasePool

    // Private-use characters mark matches in snippets; they cannot occur in indexed text.
    static let open = "\u{E000}"
    static let close = "\u{E001}"

    func search(_ query: SearchQuery, page: PageRequest, now: Date) async throws -> Paged<SearchHit> {
        guard let match = query.matchExpression else { return Paged(items: [], page: page.page, perPage: page.perPage, total: 0) }
        return try await pool.read { db in
            // Values are bound; the MATCH expression is built only from quoted letters and digits (SearchQuery).
            var condition = "article_search MATCH ? AND a.status = 'published' AND a.published_at <= ?"
            var arguments: [(any DatabaseValueConvertible)?] = [match, now.timeIntervalSince1970]
            if let section = query.section {
                condition += " AND s.slug = ?"
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
            let from = "FROM article_search JOIN article a ON a.id = article_search.rowid JOIN section s ON s.id = a.section_id"
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(from) WHERE \(condition)", arguments: StatementArguments(arguments)) ?? 0
            // First the ranking alone (no snippets, no joins beyond the filters): snippets for
            // every match would cost as much as the whole corpus when a word is common.
            let ranked = try Int64.fetchAll(
                db,
                sql: """
                    SELECT a.id \(from) WHERE \(condition)
                    ORDER BY bm25(article_search, 10.0, 5.0, 1.0, 3.0, 3.0) / (1.0 + (? - a.published_at) / 7776000.0), a.id DESC
                    LIMIT ? OFFSET ?
                    """,
                arguments: StatementArguments(arguments + [now.timeIntervalSince1970, page.perPage, page.offset])
            )
            guard !ranked.isEmpty else { return Paged(items: [], page: page.page, perPage: page.perPage, total: total) }
            let placeholders = Array(repeating: "?", count: ranked.count).joined(separator: ",")
            let snippets = try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, snippet(article_search, -1, ?, ?, '…', 24) AS snippet FROM article_search
                    WHERE article_search MATCH ? AND rowid IN (\(placeholders))
                    """,
                arguments: StatementArguments([Self.open, Self.close, match] + ranked)
            )
            var snippetByID: [Int64: String] = [:]
            for row in snippets { snippetByID[row["rowid"]] = row["snippet"] }
            let rows = try Row.fetchAll(
                db,
                sql: "\(SQLiteArticleStore.summarySelect) WHERE a.id IN (\(placeholders))",
                arguments: StatementArguments(ranked)
            )
            let summaries = Dictionary(uniqueKeysWithValues: try SQLiteArticleStore.summaries(from: rows, db).map { ($0.id, $0) })
            let hits = ranked.compactMap { id -> SearchHit? in
                guard let summary = summaries[ArticleID(id)] else { return nil }
                return SearchHit(article: summary, snippet: SearchHit.highlight(snippetByID[id] ?? "", open: Self.open, close: Self.close))
            }
            return Paged(items: hits, page: page.page, perPage: page.perPage, total: total)
        }
    }

    func reindex() async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM article_search")
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM article WHERE status = 'published'")
            for id in ids { try Self.index(id, db) }
            return ids.count
        }
    }

    /// Brings one article's index entry in line with its row: present while published, absent otherwise.
    static func index(_ article: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM article_search WHERE rowid = ?", arguments: [article])
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT a.headline, a.standfirst, a.body_markdown, a.status,
                        (SELECT group_concat(t.name, ' ') FROM article_tag x JOIN tag t ON t.id = x.tag_id WHERE x.article_id = a.id) AS tags,
                        (SELECT group_concat(w.name, ' ') FROM article_author x JOIN author w ON w.id = x.author_id WHERE x.article_id = a.id) AS authors
                    FROM article a WHERE a.id = ?
                    """,
                arguments: [article]
            ),
            row["status"] as String == "published"
        else { return }
        let body = Teaser.plainText(fromMarkdown: row["body_markdown"], paragraphs: Int.max)
        try db.execute(
            sql: "INSERT INTO article_search (rowid, headline, standfirst, body, tags, authors) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [article, row["headline"], row["standfirst"], body, row["tags"] ?? "", row["authors"] ?? ""]
        )
    }
}
