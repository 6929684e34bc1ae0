import MastheadCore
import PostgresNIO

/// Related articles, worked out when an article is saved: the rules are
/// `RelatedScores`, as in SQLite; this runs its lookups.
enum PostgresRelated {
    static func compute(for article: Int64, _ tx: PostgresPool.Transaction) async throws {
        try await tx.run("DELETE FROM article_related WHERE article_id = \(article)")
        guard let row = try await tx.one("SELECT headline, section_id, status FROM article WHERE id = \(article)"),
            try row.get("status", as: String.self) == "published"
        else { return }
        var scores = RelatedScores()
        for tag in try await tx.values("SELECT tag_id FROM article_tag WHERE article_id = \(article)", as: Int64.self) {
            scores.add(
                sharingTag: try await tx.values(
                    """
                    SELECT article_id FROM article_tag WHERE tag_id = \(tag) AND article_id <> \(article)
                    ORDER BY article_id DESC LIMIT \(RelatedScores.perTag)
                    """,
                    as: Int64.self
                )
            )
        }
        for word in RelatedScores.headlineWords(try row.get("headline")) {
            scores.add(
                sharingWord: try await tx.values(
                    """
                    SELECT article_id FROM article_search WHERE headline_document @@ plainto_tsquery('english', \(word))
                    AND article_id <> \(article) ORDER BY article_id DESC LIMIT \(RelatedScores.perWord)
                    """,
                    as: Int64.self
                )
            )
        }
        guard !scores.isEmpty else { return }
        let published = try await tx.rows("SELECT id, section_id FROM article WHERE status = 'published' AND id = ANY(\(scores.leading))")
            .map { (id: try $0.get("id", as: Int64.self), section: try $0.get("section_id", as: Int64.self)) }
        for (position, id) in scores.best(published: published, section: try row.get("section_id")).enumerated() {
            try await tx.run("INSERT INTO article_related (article_id, related_id, position) VALUES (\(article), \(id), \(position))")
        }
    }
}
