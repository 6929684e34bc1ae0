import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import Testing

@Suite("API tokens: expiry, last use, revoking, and ending with the account's password or role")
struct APITokenTests {
    static func status(_ site: TestSite, _ token: String) async throws -> HTTPResponse.Status {
        try await site.client.execute(uri: "/api/v1/articles?perPage=1", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0.status }
    }

    @Test func aTokenStopsAtItsExpiryAndShowsWhenItWasLastUsed() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock.clock, setup: APITests.seed) { site in
            let (token, expires) = try await Accounts.createToken(
                site.configuration,
                email: "ed@courier.example",
                label: "wire",
                days: 30,
                clock: clock.clock
            )
            #expect(expires == clock.now + 30 * 86_400)
            #expect(try await Self.status(site, token) == .ok)
            let listed = try await Accounts.tokens(site.configuration, email: "ed@courier.example")
            #expect(listed.map(\.label) == ["wire"])
            #expect(listed.first?.lastUsedAt == clock.now)
            clock.advance(by: 30 * 86_400)
            #expect(try await Self.status(site, token) == .unauthorized)
            await #expect(throws: MastheadError.self) {
                try await Accounts.createToken(site.configuration, email: "ed@courier.example", label: "x", days: 4000)
            }
        }
    }

    @Test func anAdminSeesEveryTokenAndRevokesOneOnTheUsersPage() async throws {
        try await withTestApp(setup: APITests.seed) { site in
            try await TestSupport.makeAccount(site.stores, email: "root@courier.example", role: .admin)
            let token = try await Accounts.createToken(site.configuration, email: "ed@courier.example", label: "wire <importer>").token
            let admin = try await AdminSession.signIn(site.client, email: "root@courier.example")
            let page = try await admin.get("/admin/users").body
            let id = try #require(try await Accounts.tokens(site.configuration, email: nil).first?.id)
            #expect(page.contains("wire &lt;importer&gt;"))
            #expect(page.contains("<code>\(id)</code>"))
            #expect(!page.contains(token), "the secret is never shown again")

            // An editor may not revoke, and a forged form without the token changes nothing.
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            #expect(try await editor.post("/admin/tokens/\(id)/revoke", []).status == .forbidden)
            #expect(try await admin.post("/admin/tokens/\(id)/revoke", [], csrf: "").status == .forbidden)
            #expect(try await Self.status(site, token) == .ok)

            #expect(try await admin.post("/admin/tokens/\(id)/revoke", []).status == .seeOther)
            #expect(try await Self.status(site, token) == .unauthorized)
            #expect(try await admin.post("/admin/tokens/\(id)/revoke", []).status == .notFound)
        }
    }

    @Test func aPasswordResetOrADemotionEndsTheAccountsTokens() async throws {
        try await withTestApp(setup: APITests.seed) { site in
            try await TestSupport.makeAccount(site.stores, email: "root@courier.example", role: .admin)
            let admin = try await AdminSession.signIn(site.client, email: "root@courier.example")
            let editorID = try #require(try await site.stores.accounts.credentials(email: "ed@courier.example")?.account.id)

            let reset = try await Accounts.createToken(site.configuration, email: "ed@courier.example", label: "a").token
            #expect(try await admin.post("/admin/users/\(editorID)", [("action", "reset-password")]).status == .ok)
            #expect(try await Self.status(site, reset) == .unauthorized)

            let demoted = try await Accounts.createToken(site.configuration, email: "ed@courier.example", label: "b").token
            #expect(try await Self.status(site, demoted) == .ok)
            let fields = [("action", "save"), ("role", "contributor"), ("author", "")]
            #expect(try await admin.post("/admin/users/\(editorID)", fields).status == .seeOther)
            #expect(try await Self.status(site, demoted) == .unauthorized)
        }
    }
}
