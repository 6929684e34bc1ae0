import Foundation
import GRDB
import MastheadCore

/// Webhooks and their delivery queue in SQLite; values always bound.
struct SQLiteWebhookStore: WebhookStore {
    let pool: DatabasePool

    func webhooks() async throws -> [Webhook] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM webhook ORDER BY id").map(Self.webhook(from:)) }
    }

    func addWebhook(url: String, secret: String, at: Date) async throws -> Webhook {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO webhook (url, secret, created_at) VALUES (?, ?, ?)",
                arguments: [url, secret, at.timeIntervalSince1970]
            )
            return Webhook(id: WebhookID(db.lastInsertedRowID), url: url, secret: secret, createdAt: at)
        }
    }

    func removeWebhook(_ id: WebhookID) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM webhook WHERE id = ?", arguments: [id.rawValue]) }
    }

    /// Queues `pending` about the article `id` for every webhook, inside the caller's
    /// transaction: the article as this transaction sees it is what the payload describes.
    static func enqueue(_ pending: PendingArticleEvents, about id: Int64, _ db: Database) throws {
        guard !pending.events.isEmpty, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM webhook)") == true,
            let article = try SQLiteArticleStore.article(id: id, db)
        else { return }
        for (event, payload) in try ArticleEvents.payloads(pending, for: article) {
            try db.execute(
                sql: """
                    INSERT INTO webhook_delivery (webhook_id, event, payload, state, created_at, next_attempt_at)
                    SELECT id, ?, ?, 'pending', ?, ? FROM webhook
                    """,
                arguments: [event, payload, pending.occurredAt.timeIntervalSince1970, pending.occurredAt.timeIntervalSince1970]
            )
        }
    }

    func dueDeliveries(now: Date, limit: Int) async throws -> [WebhookDelivery] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "\(Self.deliverySelect) WHERE d.state = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?",
                arguments: [now.timeIntervalSince1970, limit]
            ).map(Self.delivery(from:))
        }
    }

    func recordAttempt(_ delivery: Int64, state: WebhookDelivery.State, result: String, nextAttemptAt: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE webhook_delivery SET state = ?, attempts = attempts + 1, last_result = ?, next_attempt_at = ? WHERE id = ?",
                arguments: [state.rawValue, String(result.prefix(500)), nextAttemptAt.timeIntervalSince1970, delivery]
            )
        }
    }

    func recentDeliveries(limit: Int) async throws -> [WebhookDelivery] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "\(Self.deliverySelect) ORDER BY d.id DESC LIMIT ?", arguments: [limit]).map(Self.delivery(from:))
        }
    }

    static let deliverySelect = """
        SELECT d.id AS delivery_id, d.event, d.payload, d.state, d.attempts, d.last_result, d.created_at AS queued_at, d.next_attempt_at,
            w.id, w.url, w.secret, w.created_at
        FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
        """

    static func webhook(from row: Row) -> Webhook {
        Webhook(id: WebhookID(row["id"]), url: row["url"], secret: row["secret"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    static func delivery(from row: Row) -> WebhookDelivery {
        WebhookDelivery(
            id: row["delivery_id"],
            webhook: webhook(from: row),
            event: row["event"],
            payload: row["payload"],
            state: WebhookDelivery.State(rawValue: row["state"]) ?? .failed,
            attempts: row["attempts"],
            lastResult: row["last_result"],
            createdAt: Date(timeIntervalSince1970: row["queued_at"]),
            nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"])
        )
    }
}
