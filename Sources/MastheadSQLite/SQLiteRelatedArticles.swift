import Foundation
import GRDB
import MastheadCore

/// Works out an article's related articles when it is saved, so the page only
/// reads a short stored list. The rules are `RelatedScores`; this runs its lookups.
enum SQLiteRelatedArticles {
    static func compute(for article: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM article_related WHERE article_id = ?").execute(arguments: [article])
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT headline, section_id, status FROM article WHERE id = ?"),
                arguments: [article]
            ),
            row["status"] as String == "published"
        else { return }
        var scores = RelatedScores()
        for tag in try Int64.fetchAll(db.cachedStatement(sql: "SELECT tag_id FROM article_tag WHERE article_id = ?"), arguments: [article]) {
            scores.add(
                sharingTag: try Int64.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT article_id FROM article_tag WHERE tag_id = ? AND article_id != ? ORDER BY article_id DESC LIMIT ?"
                    ),
                    arguments: [tag, article, RelatedScores.perTag]
                )
            )
        }
        // One query per word is cheaper than one ranked OR query (BM25 has a fixed cost
        // per query), and the headline index's word lists are short where the bodies' are long.
        for word in RelatedScores.headlineWords(row["headline"]) {
            scores.add(
                sharingWord: try Int64.fetchAll(
                    db.cachedStatement(
                        sql:
                            "SELECT rowid FROM article_headline_search WHERE article_headline_search MATCH ? AND rowid != ? ORDER BY rowid DESC LIMIT ?"
                    ),
                    // A quoted word: a literal expression, whatever the headline says.
                    arguments: ["\"\(word)\"", article, RelatedScores.perWord]
                )
            )
        }
        guard !scores.isEmpty else { return }
        let leading = scores.leading
        let slots = RelatedScores.leadingCount
        // Always `leadingCount` values (padded with id 0, which no article has), so the
        // statement is prepared once per connection; `+status` keeps the planner on the
        // primary key (with the status index it read every published article).
        let published = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, section_id FROM article WHERE +status = 'published'
                    AND id IN (\(Array(repeating: "?", count: slots).joined(separator: ",")))
                    """
            ),
            arguments: StatementArguments(leading + Array(repeating: 0, count: slots - leading.count))
        ).map { (id: $0["id"] as Int64, section: $0["section_id"] as Int64) }
        for (position, id) in scores.best(published: published, section: row["section_id"]).enumerated() {
            try db.cachedStatement(sql: "INSERT INTO article_related (article_id, related_id, position) VALUES (?, ?, ?)")
                .execute(arguments: [article, id, position])
        }
    }
}
