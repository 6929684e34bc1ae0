import Foundation

/// Webhook events a change announces. The store queues them in the change's own
/// transaction (an outbox the dispatcher drains), so a crash can never keep the
/// change and lose its events, or the other way round.
public struct PendingArticleEvents: Sendable, Hashable {
    public var events: [String]
    /// The note a `corrected` event carries.
    public var note: Correction?
    public var occurredAt: Date
    /// The purge keys of the article as it was before the change (`SurrogateKeys.purge(for:)`):
    /// a story moved to another section or retagged leaves lists that a CDN must purge too.
    public var formerKeys: [String]

    public init(events: [String], note: Correction? = nil, occurredAt: Date, formerKeys: [String] = []) {
        self.events = events
        self.note = note
        self.occurredAt = occurredAt
        self.formerKeys = formerKeys
    }
}

public enum ArticleEvents {
    /// The delivery payloads for `pending` about `article` as saved: one JSON body per event.
    public static func payloads(_ pending: PendingArticleEvents, for article: Article) throws -> [(event: String, payload: String)] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var keys = SurrogateKeys.purge(for: article)
        keys += pending.formerKeys.filter { !keys.contains($0) }
        return try pending.events.map { event in
            let payload = ArticleEvent(
                event: event,
                articleId: article.id.rawValue,
                slug: article.slug.rawValue,
                headline: article.headline,
                status: article.status.rawValue,
                occurredAt: pending.occurredAt,
                note: event == ArticleEvent.corrected ? pending.note?.note : nil,
                purgeKeys: keys
            )
            return (event, String(decoding: try encoder.encode(payload), as: UTF8.self))
        }
    }
}
