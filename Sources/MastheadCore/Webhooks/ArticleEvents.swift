import Foundation

/// Queues webhook events for an article change. Called after the change is
/// saved; the delivery rows then survive restarts until they are sent.
public enum ArticleEvents {
    public static func emit(_ events: [String], for article: Article, note: Correction?, stores: Stores, at now: Date) async throws {
        guard !events.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for event in events {
            let payload = ArticleEvent(
                event: event,
                articleId: article.id.rawValue,
                slug: article.slug.rawValue,
                headline: article.headline,
                status: article.status.rawValue,
                occurredAt: now,
                note: event == ArticleEvent.corrected ? note?.note : nil,
                purgeKeys: SurrogateKeys.purge(for: article)
            )
            try await stores.webhooks.enqueue(event: event, payload: String(decoding: try encoder.encode(payload), as: UTF8.self), at: now)
        }
    }
}
