import Foundation
import MastheadCore
import PostgresNIO

/// Webhooks and their delivery queue. With several instances each runs a
/// dispatcher, so reading due deliveries claims them: their next attempt moves a
/// minute ahead in the same statement (`FOR UPDATE SKIP LOCKED`), and another
/// instance only sees them again if this one died before recording the attempt.
struct PostgresWebhookStore: WebhookStore {
    let db: PostgresPool

    func webhooks() async throws -> [Webhook] {
        try await db.rows("SELECT * FROM webhook ORDER BY id").map(Self.webhook(from:))
    }

    func addWebhook(url: String, secret: String, at: Date) async throws -> Webhook {
        let id = try await db.value(
            "INSERT INTO webhook (url, secret, created_at) VALUES (\(url), \(secret), \(at.timeIntervalSince1970)) RETURNING id",
            as: Int64.self
        )
        return Webhook(id: WebhookID(id ?? 0), url: url, secret: secret, createdAt: at)
    }

    func removeWebhook(_ id: WebhookID) async throws {
        try await db.run("DELETE FROM webhook WHERE id = \(id.rawValue)")
    }

    /// Queues `pending` about the article `id` for every webhook, inside the caller's
    /// transaction: the article as this transaction sees it is what the payload describes.
    static func enqueue(_ pending: PendingArticleEvents, about id: Int64, _ tx: PostgresPool.Transaction) async throws {
        guard !pending.events.isEmpty, try await tx.value("SELECT EXISTS (SELECT 1 FROM webhook)", as: Bool.self) == true,
            let row = try await tx.one("\(unescaped: PostgresRows.wholeArticleSelect) WHERE a.id = \(id)")
        else { return }
        let article = try PostgresRows.article(from: row)
        let at = pending.occurredAt.timeIntervalSince1970
        for (event, payload) in try ArticleEvents.payloads(pending, for: article) {
            try await tx.run(
                """
                INSERT INTO webhook_delivery (webhook_id, event, payload, state, created_at, next_attempt_at)
                SELECT id, \(event), \(payload), 'pending', \(at), \(at) FROM webhook
                """
            )
        }
    }

    func dueDeliveries(now: Date, limit: Int) async throws -> [WebhookDelivery] {
        let claimed = try await db.values(
            """
            WITH due AS (
                SELECT id FROM webhook_delivery WHERE state = 'pending' AND next_attempt_at <= \(now.timeIntervalSince1970)
                ORDER BY next_attempt_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            UPDATE webhook_delivery d SET next_attempt_at = \(now.timeIntervalSince1970 + 60) FROM due WHERE d.id = due.id
            RETURNING d.id
            """,
            as: Int64.self
        )
        guard !claimed.isEmpty else { return [] }
        return try await db.rows(
            """
            SELECT d.id AS delivery_id, d.event, d.payload, d.state, d.attempts, d.last_result, d.created_at AS queued_at,
                d.next_attempt_at, w.id, w.url, w.secret, w.created_at
            FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
            WHERE d.id = ANY(\(claimed)) ORDER BY d.created_at, d.id
            """
        ).map(Self.delivery(from:))
    }

    func recordAttempt(_ delivery: Int64, state: WebhookDelivery.State, result: String, nextAttemptAt: Date) async throws {
        try await db.run(
            """
            UPDATE webhook_delivery SET state = \(state.rawValue), attempts = attempts + 1, last_result = \(String(result.prefix(500))),
                next_attempt_at = \(nextAttemptAt.timeIntervalSince1970)
            WHERE id = \(delivery)
            """
        )
    }

    func recentDeliveries(limit: Int) async throws -> [WebhookDelivery] {
        try await db.rows(
            """
            SELECT d.id AS delivery_id, d.event, d.payload, d.state, d.attempts, d.last_result, d.created_at AS queued_at,
                d.next_attempt_at, w.id, w.url, w.secret, w.created_at
            FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id ORDER BY d.id DESC LIMIT \(limit)
            """
        ).map(Self.delivery(from:))
    }

    static func webhook(from row: PostgresRandomAccessRow) throws -> Webhook {
        Webhook(
            id: WebhookID(try row.get("id", as: Int64.self)),
            url: try row.get("url"),
            secret: try row.get("secret"),
            createdAt: Date(timeIntervalSince1970: try row.get("created_at"))
        )
    }

    static func delivery(from row: PostgresRandomAccessRow) throws -> WebhookDelivery {
        WebhookDelivery(
            id: try row.get("delivery_id"),
            webhook: try webhook(from: row),
            event: try row.get("event"),
            payload: try row.get("payload"),
            state: WebhookDelivery.State(rawValue: try row.get("state")) ?? .failed,
            attempts: try row.get("attempts"),
            lastResult: try row.get("last_result"),
            createdAt: Date(timeIntervalSince1970: try row.get("queued_at")),
            nextAttemptAt: Date(timeIntervalSince1970: try row.get("next_attempt_at"))
        )
    }
}
