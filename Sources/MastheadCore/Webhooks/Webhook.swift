import Foundation

/// A URL that receives a signed JSON event when articles are published, updated,
/// unpublished or corrected.
public struct Webhook: Sendable, Hashable, Identifiable {
    public var id: WebhookID
    public var url: String
    /// The HMAC-SHA256 key the receiver uses to check `X-Masthead-Signature`.
    public var secret: String
    public var createdAt: Date

    public init(id: WebhookID, url: String, secret: String, createdAt: Date) {
        self.id = id
        self.url = url
        self.secret = secret
        self.createdAt = createdAt
    }
}

/// One event on its way to one webhook, with its delivery history.
public struct WebhookDelivery: Sendable, Hashable, Identifiable {
    public enum State: String, Sendable {
        case pending, delivered, failed
    }

    public var id: Int64
    public var webhook: Webhook
    public var event: String
    public var payload: String
    public var state: State
    public var attempts: Int
    public var lastResult: String?
    public var createdAt: Date
    public var nextAttemptAt: Date

    public init(
        id: Int64,
        webhook: Webhook,
        event: String,
        payload: String,
        state: State,
        attempts: Int,
        lastResult: String?,
        createdAt: Date,
        nextAttemptAt: Date
    ) {
        self.id = id
        self.webhook = webhook
        self.event = event
        self.payload = payload
        self.state = state
        self.attempts = attempts
        self.lastResult = lastResult
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
    }
}

/// Webhooks and their delivery queue. A queued delivery is a row, so nothing
/// acknowledged is lost when the server stops before it is sent. Deliveries are
/// queued by the article store, in the transaction of the change they announce.
public protocol WebhookStore: Sendable {
    func webhooks() async throws -> [Webhook]
    func addWebhook(url: String, secret: String, at: Date) async throws -> Webhook
    func removeWebhook(_ id: WebhookID) async throws
    /// Pending deliveries whose time has come, oldest first.
    func dueDeliveries(now: Date, limit: Int) async throws -> [WebhookDelivery]
    func recordAttempt(_ delivery: Int64, state: WebhookDelivery.State, result: String, nextAttemptAt: Date) async throws
    /// The most recent deliveries, newest first: the delivery log.
    func recentDeliveries(limit: Int) async throws -> [WebhookDelivery]
}

/// What happened to an article, as webhook receivers see it.
public struct ArticleEvent: Codable, Sendable, Hashable {
    public static let published = "article.published"
    public static let updated = "article.updated"
    public static let unpublished = "article.unpublished"
    public static let corrected = "article.corrected"

    public var event: String
    public var articleId: Int64
    public var slug: String
    public var headline: String
    public var status: String
    public var occurredAt: Date
    public var note: String?
    /// The `Surrogate-Key`s of every cached page this change affects, for a CDN purge.
    public var purgeKeys: [String]?

    /// The events a save caused, from the status before and after and any note added.
    public static func events(before: ArticleStatus?, after: ArticleStatus, addedNote: Correction?) -> [String] {
        var events: [String] = []
        if after == .published, before != .published { events.append(published) }
        if after == .published, before == .published { events.append(updated) }
        if after == .unpublished, before == .published { events.append(unpublished) }
        if addedNote != nil, after == .published { events.append(corrected) }
        return events
    }
}

/// Announced once, by whichever instance notices first, when an image's licence
/// ends: the pages that showed it changed with no save, and a CDN must purge them.
public struct MediaEvent: Codable, Sendable, Hashable {
    public static let withdrawn = "media.withdrawn"

    public var event: String
    /// The image's site path (`/media/library/…`).
    public var url: String
    public var occurredAt: Date
    /// The `Surrogate-Key`s of the pages that showed it (`MediaStore.pageKeys(showingImage:)`).
    public var purgeKeys: [String]

    public init(event: String = MediaEvent.withdrawn, url: String, occurredAt: Date, purgeKeys: [String]) {
        self.event = event
        self.url = url
        self.occurredAt = occurredAt
        self.purgeKeys = purgeKeys
    }

    /// The delivery body, encoded as article events are.
    public func payload() throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
