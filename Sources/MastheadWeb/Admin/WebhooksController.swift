import Foundation
import Hummingbird
import Logging
import MastheadCore

/// Webhooks, for admins: register a URL (it gets its own signing secret), remove
/// one, and read the delivery log.
struct WebhooksController: Sendable {
    let admin: AdminSite

    struct Row: Sendable {
        var id: String
        var url: String
        var secret: String
    }

    struct Delivery: Sendable {
        var event: String
        var url: String
        var state: String
        var attempts: Int
        var result: String
        var queued: String
    }

    struct Page: Sendable {
        var chrome: AdminChrome
        var rows: [Row]
        var deliveries: [Delivery]
        var errors: [String]
    }

    func index(_ request: Request, context: AdminContext) async throws -> Response {
        try await page(context)
    }

    func add(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.manageSettings)
        let url = context.form.text("url")
        if let problem = admin.webhookAddresses.problem(with: url) {
            return try await page(context, errors: [problem], status: .badRequest)
        }
        let webhook = try await admin.stores.webhooks.addWebhook(url: url, secret: Secrets.token(), at: admin.clock.now)
        context.logger.info("Webhook registered", metadata: ["webhook": "\(webhook.id)", "by": "\(context.account.id)"])
        return .redirect(to: "/admin/webhooks", type: .normal)
    }

    func remove(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.manageSettings)
        guard let id = Int64(context.parameters.get("id") ?? "").map(WebhookID.init) else {
            throw MastheadError(.notFound, "There is no such webhook.")
        }
        try await admin.stores.webhooks.removeWebhook(id)
        context.logger.info("Webhook removed", metadata: ["webhook": "\(id)", "by": "\(context.account.id)"])
        return .redirect(to: "/admin/webhooks", type: .normal)
    }

    private func page(_ context: AdminContext, errors: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        try context.require(.manageSettings)
        let formatter = try await admin.reader.snapshot().formatter
        let rows = try await admin.stores.webhooks.webhooks().map { Row(id: "\($0.id)", url: $0.url, secret: $0.secret) }
        let deliveries = try await admin.stores.webhooks.recentDeliveries(limit: 50).map {
            Delivery(
                event: $0.event,
                url: $0.webhook.url,
                state: $0.state.rawValue,
                attempts: $0.attempts,
                result: $0.lastResult ?? "",
                queued: formatter.dateTime($0.createdAt)
            )
        }
        return try admin.page(
            Page(chrome: AdminChrome(context.session), rows: rows, deliveries: deliveries, errors: errors),
            template: "webhooks",
            status: status
        )
    }
}
