import MastheadCore
import PostgresNIO

/// Related articles, worked out when an article is saved, as in SQLite: the
/// newest 100 articles sharing each tag score 3 each; for each longer headline
/// word, the newest 50 articles whose headline or tags have it score 1.5 (2.5
/// when fewer than 50 have it); the same section adds 1; the best four are kept.
enum PostgresRelated {
    static let count = 4

    static func compute(for article: Int64, _ tx: PG.Transaction) async throws {
        try await tx.run("DELETE FROM article_related WHERE article_id = \(article)")
        guard let row = try await tx.one("SELECT headline, section_id, status FROM article WHERE id = \(article)"),
            try row.get("status", as: String.self) == "published"
        else { return }
        var scores: [Int64: Double] = [:]
        for tag in try await tx.values("SELECT tag_id FROM article_tag WHERE article_id = \(article)", as: Int64.self) {
            let sharing = try await tx.values(
                "SELECT article_id FROM article_tag WHERE tag_id = \(tag) AND article_id <> \(article) ORDER BY article_id DESC LIMIT 100",
                as: Int64.self
            )
            for id in sharing { scores[id, default: 0] += 3 }
        }
        for word in Set(SearchQuery.words(try row.get("headline")).filter { $0.count >= 4 }.prefix(8)) {
            let sharing = try await tx.values(
                """
                SELECT article_id FROM article_search WHERE headline_document @@ plainto_tsquery('english', \(word))
                AND article_id <> \(article) ORDER BY article_id DESC LIMIT 50
                """,
                as: Int64.self
            )
            for id in sharing { scores[id, default: 0] += sharing.count < 50 ? 2.5 : 1.5 }
        }
        guard !scores.isEmpty else { return }
        let leading = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }.prefix(24).map(\.key)
        let section: Int64 = try row.get("section_id")
        var eligible: [Int64: Double] = [:]
        for candidate in try await tx.rows("SELECT id, section_id FROM article WHERE status = 'published' AND id = ANY(\(Array(leading)))") {
            let id: Int64 = try candidate.get("id")
            eligible[id] = (scores[id] ?? 0) + (try candidate.get("section_id", as: Int64.self) == section ? 1 : 0)
        }
        let best = eligible.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }.prefix(count)
        for (position, entry) in best.enumerated() {
            try await tx.run("INSERT INTO article_related (article_id, related_id, position) VALUES (\(article), \(entry.key), \(position))")
        }
    }
}
