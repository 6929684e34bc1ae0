import Foundation
import GRDB
import MastheadCore

/// Works out an article's related articles when it is saved, so the page only
/// reads a short stored list.
///
/// Candidates come from lookups whose cost does not grow with the archive: the
/// newest 100 articles sharing each of its tags (each shared tag scores 3), and
/// for each longer word of its headline the newest 50 articles whose headline or
/// tags have it too. The same section adds 1.
/// The best four are kept. "Newest" is by id, which follows creation order, and
/// lets both lookups stop early instead of ranking every match in the archive.
enum SQLiteRelatedArticles {
    static let count = 4
    static let leadingCount = 24

    static func compute(for article: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM article_related WHERE article_id = ?").execute(arguments: [article])
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT headline, section_id, status FROM article WHERE id = ?"),
                arguments: [article]
            ),
            row["status"] as String == "published"
        else { return }
        var scores: [Int64: Double] = [:]
        for tag in try Int64.fetchAll(db.cachedStatement(sql: "SELECT tag_id FROM article_tag WHERE article_id = ?"), arguments: [article]) {
            let sharing = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT article_id FROM article_tag WHERE tag_id = ? AND article_id != ? ORDER BY article_id DESC LIMIT 100"),
                arguments: [tag, article]
            )
            for id in sharing { scores[id, default: 0] += 3 }
        }
        // Each longer headline word the candidate's headline or tags share scores 1.5,
        // or 2.5 when fewer than 50 articles have it (a rare word says more). One query
        // per word is cheaper than one ranked OR query (BM25 has a fixed cost per query),
        // and the headline index's word lists are short where the bodies' are long.
        for word in Set(SearchQuery.words(row["headline"]).filter { $0.count >= 4 }.prefix(8)) {
            let sharing = try Int64.fetchAll(
                db.cachedStatement(
                    sql: "SELECT rowid FROM article_headline_search WHERE article_headline_search MATCH ? AND rowid != ? ORDER BY rowid DESC LIMIT 50"
                ),
                // A quoted word: a literal expression, whatever the headline says.
                arguments: ["\"\(word)\"", article]
            )
            for id in sharing { scores[id, default: 0] += sharing.count < 50 ? 2.5 : 1.5 }
        }
        guard !scores.isEmpty else { return }
        // Only published articles qualify; the section bonus comes with the same lookup,
        // done for the leading candidates only (a statement with hundreds of placeholders
        // costs more to prepare than everything above).
        let leading = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }.prefix(leadingCount).map(\.key)
        // Always `leadingCount` values (padded with id 0, which no article has), so the
        // statement is prepared once per connection; `+status` keeps the planner on the
        // primary key (with the status index it read every published article).
        let candidates = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, section_id FROM article WHERE +status = 'published'
                    AND id IN (\(Array(repeating: "?", count: leadingCount).joined(separator: ",")))
                    """
            ),
            arguments: StatementArguments(leading + Array(repeating: 0, count: leadingCount - leading.count))
        )
        let section: Int64 = row["section_id"]
        var eligible: [Int64: Double] = [:]
        for candidate in candidates {
            let id: Int64 = candidate["id"]
            eligible[id] = (scores[id] ?? 0) + (candidate["section_id"] as Int64 == section ? 1 : 0)
        }
        let best = eligible.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }.prefix(count)
        for (position, entry) in best.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO article_related (article_id, related_id, position) VALUES (?, ?, ?)").execute(arguments: [
                article, entry.key, position,
            ]
            )
        }
    }
}
