import Foundation
import GRDB
import MastheadCore

/// Works out an article's related articles when it is saved, so the page only
/// reads a short stored list.
///
/// Candidates come from two cheap lookups: articles sharing its tags (each shared
/// tag scores 3) and the full-text index queried with the headline's longer words
/// (a match scores by rank, up to 4); the same section adds 1. The best four are kept.
enum SQLiteRelatedArticles {
    static let count = 4

    static func compute(for article: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM article_related WHERE article_id = ?", arguments: [article])
        guard let row = try Row.fetchOne(db, sql: "SELECT headline, section_id, status FROM article WHERE id = ?", arguments: [article]),
            row["status"] as String == "published"
        else { return }
        var scores: [Int64: Double] = [:]
        let shared = try Row.fetchAll(
            db,
            sql: """
                SELECT other.article_id AS id, COUNT(*) AS shared FROM article_tag mine
                JOIN article_tag other ON other.tag_id = mine.tag_id AND other.article_id != mine.article_id
                JOIN article a ON a.id = other.article_id AND a.status = 'published'
                WHERE mine.article_id = ? GROUP BY other.article_id ORDER BY shared DESC LIMIT 50
                """,
            arguments: [article]
        )
        for candidate in shared { scores[candidate["id"], default: 0] += 3 * Double(candidate["shared"] as Int) }
        let words = SearchQuery.words(row["headline"]).filter { $0.count >= 4 }.prefix(8)
        if !words.isEmpty {
            // Quoted words joined by OR: a literal expression, whatever the headline says.
            let match = words.map { "\"\($0)\"" }.joined(separator: " OR ")
            let similar = try Row.fetchAll(
                db,
                sql: "SELECT rowid AS id FROM article_search WHERE article_search MATCH ? AND rowid != ? ORDER BY bm25(article_search) LIMIT 20",
                arguments: [match, article]
            )
            for (rank, candidate) in similar.enumerated() { scores[candidate["id"], default: 0] += 4 * (1 - Double(rank) / 20) }
        }
        guard !scores.isEmpty else { return }
        let sections = try Row.fetchAll(
            db,
            sql: "SELECT id, section_id FROM article WHERE id IN (\(Array(repeating: "?", count: scores.count).joined(separator: ",")))",
            arguments: StatementArguments(Array(scores.keys))
        )
        let section: Int64 = row["section_id"]
        for candidate in sections where candidate["section_id"] as Int64 == section { scores[candidate["id"], default: 0] += 1 }
        let best = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }.prefix(count)
        for (position, entry) in best.enumerated() {
            try db.execute(
                sql: "INSERT INTO article_related (article_id, related_id, position) VALUES (?, ?, ?)",
                arguments: [article, entry.key, position]
            )
        }
    }
}
