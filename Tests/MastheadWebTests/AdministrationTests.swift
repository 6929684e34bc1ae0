import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

@Suite("Users and site settings")
struct AdministrationTests {
    static let seed: @Sendable (Stores) async throws -> Void = { stores in
        try await TestSupport.makeAccount(stores, email: "admin@courier.example", role: .admin)
        try await TestSupport.makeAccount(stores, email: "ed@courier.example", role: .editor)
    }

    static func shownPassword(_ body: String) throws -> String {
        let range = try #require(body.range(of: "<p><code>"))
        return String(body[range.upperBound...].prefix { $0 != "<" })
    }

    @Test func anAdminAddsAnAccountWhosePasswordIsShownOnce() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let admin = try await AdminSession.signIn(site.client, email: "admin@courier.example")
            let created = try await admin.post("/admin/users", [("email", "New@Courier.example"), ("name", "New Writer"), ("role", "author")])
            #expect(created.status == .ok)
            let password = try Self.shownPassword(created.body)
            #expect(password.count >= 40)
            #expect(!(try await admin.get("/admin/users").body.contains(password)))
            let writer = try await AdminSession.signIn(site.client, email: "new@courier.example", password: password)
            #expect(try await writer.get("/admin").status == .ok)
            let duplicate = try await admin.post("/admin/users", [("email", "new@courier.example"), ("name", "Again"), ("role", "author")])
            #expect(duplicate.status == .conflict)
        }
    }

    @Test func resettingAPasswordOrDisablingAnAccountEndsItsSessions() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let admin = try await AdminSession.signIn(site.client, email: "admin@courier.example")
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let id = try #require(try await site.stores.accounts.credentials(email: "ed@courier.example")?.account.id)
            let reset = try await admin.post("/admin/users/\(id)", [("action", "reset-password")])
            let password = try Self.shownPassword(reset.body)
            #expect(try await editor.get("/admin").status == .seeOther)
            let again = try await AdminSession.signIn(site.client, email: "ed@courier.example", password: password)
            #expect(try await admin.post("/admin/users/\(id)", [("role", "editor"), ("disabled", "on")]).status == .seeOther)
            #expect(try await again.get("/admin").status == .seeOther)
            await #expect(throws: (any Error).self) {
                _ = try await AdminSession.signIn(site.client, email: "ed@courier.example", password: password)
            }
        }
    }

    @Test func onlyAdminsManageUsersAndSettingsAndNobodyLocksThemselvesOut() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            #expect(try await editor.get("/admin/users").status == .forbidden)
            #expect(try await editor.get("/admin/settings").status == .forbidden)
            #expect(try await editor.post("/admin/users", [("email", "x@y.example"), ("name", "X"), ("role", "admin")]).status == .forbidden)
            let admin = try await AdminSession.signIn(site.client, email: "admin@courier.example")
            let own = try #require(try await site.stores.accounts.credentials(email: "admin@courier.example")?.account.id)
            #expect(try await admin.post("/admin/users/\(own)", [("role", "author")]).status == .badRequest)
            #expect(try await site.stores.accounts.account(id: own)?.role == .admin)
        }
    }

    @Test func settingsChangeTheSiteAndBadValuesAreExplained() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let admin = try await AdminSession.signIn(site.client, email: "admin@courier.example")
            var fields = [
                ("name", "The Bay Ledger"), ("tagline", "Local news"), ("base_url", "https://ledger.example"), ("zone", "Europe/London"),
                ("rights_line", "© {year} {site}."), ("profiles", "Mastodon | https://mastodon.example/@ledger"), ("follow_box", "2"),
                ("per_page", "5"),
            ]
            // Without the "whole articles" box ticked, feeds carry teasers only.
            #expect(try await admin.post("/admin/settings", fields).status == .seeOther)
            try await site.client.execute(uri: "/2026/11/26/courthouse-renovation-delays", method: .get) { response in
                let text = PageText.text(of: String(buffer: response.body))
                #expect(text.contains("The Bay Ledger"))
                #expect(text.contains("Nov 26, 2026 08:00 PM GMT"))
                #expect(text.contains("© 2026 The Bay Ledger."))
            }
            try await site.client.execute(uri: "/feed.json", method: .get) { response in
                let feed = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                let first = try #require((feed["items"] as? [[String: Any]])?.first)
                #expect(first["content_html"] == nil && first["content_text"] != nil)
            }
            fields[2] = ("base_url", "ledger.example/")
            fields[3] = ("zone", "Mars/Olympus")
            let refused = try await admin.post("/admin/settings", fields)
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("base URL"))
            #expect(refused.body.contains("Mars/Olympus"))
            #expect(try await site.stores.site.settings()?.baseURL == "https://ledger.example")
        }
    }
}
