import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import MastheadWeb
import Synchronization
import Testing

@Suite("Webhooks", .onEveryEngine)
struct WebhookTests {
    @Test(arguments: [
        "http://127.0.0.1/hook", "http://localhost:8080/", "http://[::1]/", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data",
        "http://172.16.0.1/", "http://192.168.1.1/", "http://0x7f000001/", "http://2130706433/", "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/", "http://100.64.0.1/", "ftp://files.example/", "javascript:alert(1)", "http://user:pass@93.184.216.34/", "not a url",
        // Loopback carried inside IPv6: translated, NAT64, 6to4, and prefixes that hide or belong to nobody.
        "http://[::ffff:0:7f00:1]/", "http://[64:ff9b::7f00:1]/", "http://[64:ff9b::a00:1]/", "http://[2002:7f00:1::]/", "http://[2002:c0a8:101::1]/",
        "http://[64:ff9b:1::5db8:d822]/", "http://[2001:0:4136:e378::1]/", "http://[2001:db8::1]/", "http://[fec0::1]/",
    ])
    func internalAndStrangeTargetsAreRefused(_ url: String) {
        #expect(AddressPolicy().problem(with: url) != nil, "\(url) was allowed")
    }

    @Test func publicAddressesAreAllowedAndTheGuardCanBeOpenedForClosedNetworks() {
        #expect(AddressPolicy().problem(with: "https://93.184.216.34/hooks") == nil)
        // A public address inside NAT64 or 6to4 stays allowed.
        #expect(AddressPolicy().problem(with: "https://[64:ff9b::5db8:d822]/hooks") == nil)
        #expect(AddressPolicy().problem(with: "https://[2002:5db8:d822::1]/hooks") == nil)
        #expect(AddressPolicy(allowPrivate: true).problem(with: "http://127.0.0.1:9/hook") == nil)
    }

    @Test func anAdminCannotRegisterAnInternalTarget() async throws {
        let seed: @Sendable (Stores) async throws -> Void = { try await TestSupport.makeAccount($0, email: "admin@courier.example", role: .admin) }
        try await withTestApp(setup: seed) { site in
            let admin = try await AdminSession.signIn(site.client, email: "admin@courier.example")
            let answer = try await admin.post("/admin/webhooks", [("url", "http://169.254.169.254/latest")])
            #expect(answer.status == .badRequest)
            #expect(try await site.stores.webhooks.webhooks().isEmpty)
        }
    }

    /// Records what a webhook receiver was sent.
    final class Inbox: Sendable {
        struct Received: Sendable {
            var event: String
            var signature: String
            var body: String
        }
        let received = Mutex<[Received]>([])
        var all: [Received] { received.withLock { $0 } }
    }

    @Test func publishingAndCorrectingSendSignedEventsToTheReceiver() async throws {
        let inbox = Inbox()
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let item = Inbox.Received(
                event: request.headers[HTTPField.Name("X-Masthead-Event")!] ?? "",
                signature: request.headers[HTTPField.Name("X-Masthead-Signature")!] ?? "",
                body: body
            )
            inbox.received.withLock { $0.append(item) }
            return .noContent
        }
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await receiver.test(.live) { receiverClient in
            let port = try #require(receiverClient.port)
            let seed: @Sendable (Stores) async throws -> Void = {
                try await TestSupport.makeAccount($0, email: "admin@courier.example", role: .admin)
            }
            try await withTestApp(allowPrivateWebhooks: true, setup: seed) { site in
                let admin = try await AdminSession.signIn(site.client, email: "admin@courier.example")
                #expect(try await admin.post("/admin/webhooks", [("url", "http://127.0.0.1:\(port)/hook")]).status == .seeOther)
                let secret = try #require(try await site.stores.webhooks.webhooks().first?.secret)
                let author = try #require(try await site.stores.taxonomy.author(slug: Slug(from: "marisol-vega")!)).id
                let created = try await admin.post(
                    "/admin/articles",
                    [("headline", "Harbor Tunnel Opens"), ("section", "1"), ("author", "\(author)"), ("body", "Open."), ("action", "publish")]
                )
                let id = String((created.headers[.location] ?? "").dropFirst("/admin/articles/".count).prefix { $0.isNumber })
                // Corrected and moved to another section: the lists it left are purged too.
                let moved = try #require(try await site.stores.taxonomy.sections().first { $0.id.rawValue != 1 })
                _ = try await admin.post(
                    "/admin/articles/\(id)",
                    [
                        ("headline", "Harbor Tunnel Opens"), ("section", "\(moved.id)"), ("author", "\(author)"), ("body", "Open at last."),
                        ("note_kind", "correction"), ("note_text", "The tunnel opened on Monday, not Sunday."), ("action", "save"),
                    ]
                )
                for _ in 0..<100 where inbox.all.count < 3 { try await Task.sleep(for: .milliseconds(50)) }
                let events = inbox.all.map(\.event)
                #expect(events == ["article.published", "article.updated", "article.corrected"])
                for item in inbox.all {
                    #expect(item.signature == "sha256=" + WebhookDispatcher.signature(item.body, secret: secret))
                }
                let corrected = try #require(inbox.all.last?.body)
                #expect(corrected.contains("\"note\":\"The tunnel opened on Monday, not Sunday.\""))
                // The keys a CDN must purge: the article's page and the pages showing it, its sections' lists and
                // feeds (the one it left and the one it joined), home, archives, sitemaps.
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                let event = try decoder.decode(ArticleEvent.self, from: Data(corrected.utf8))
                #expect(
                    event.purgeKeys?.sorted()
                        == [
                            "archive", "article-\(id)", "related-\(id)", "author-marisol-vega", "feeds", "home", "section-news",
                            "section-\(moved.slug)", "sitemaps",
                        ].sorted()
                )
                let log = try await admin.get("/admin/webhooks")
                #expect(log.body.contains("delivered"))
            }
        }
    }
}
