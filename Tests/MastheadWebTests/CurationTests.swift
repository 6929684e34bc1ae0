import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

@Suite("Curating Editor's Picks and top stories", .onEveryEngine)
struct CurationTests {
    static let seed: @Sendable (Stores) async throws -> Void = { stores in
        try await TestSupport.makeAccount(stores, email: "ed@courier.example", role: .editor)
        try await TestSupport.makeAccount(stores, email: "priya@courier.example", role: .author, author: Slug(from: "priya-raman"))
    }

    @Test func anEditorReordersRemovesAndAddsPicksAndTheSiteFollows() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let picks = try await site.stores.site.curatedList(.editorsPicks)
            let tops = try await site.stores.site.curatedList(.topStories)
            #expect(picks.count == 5)
            let newcomer = try #require(try await site.stores.articles.article(slug: Slug(from: "rowing-club-centenary")!)).id
            // Reverse the first two, drop the third, add the rowing story; leave top stories alone.
            var fields: [(String, String)] = [
                ("editors_picks.order.\(picks[0])", "2"), ("editors_picks.order.\(picks[1])", "1"), ("editors_picks.order.\(picks[2])", "3"),
                ("editors_picks.remove", "\(picks[2])"), ("editors_picks.order.\(picks[3])", "4"), ("editors_picks.order.\(picks[4])", "5"),
                ("editors_picks.add", "\(newcomer)"),
            ]
            fields += tops.enumerated().map { ("top_stories.order.\($1)", "\($0 + 1)") }
            let response = try await editor.post("/admin/curation", fields)
            #expect(response.status == .seeOther)
            #expect(try await site.stores.site.curatedList(.editorsPicks) == [picks[1], picks[0], picks[3], picks[4], newcomer])
            #expect(try await site.stores.site.curatedList(.topStories) == tops)
            try await site.client.execute(uri: "/", method: .get) { response in
                let text = PageText.text(of: String(buffer: response.body))
                #expect(text.contains("Editor's Picks"))
                #expect(text.contains("Kestrel Bay Rowing Club Marks 100 Years on the Water"))
            }
        }
    }

    @Test func authorsCannotCurate() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let priya = try await AdminSession.signIn(site.client, email: "priya@courier.example")
            let before = try await site.stores.site.curatedList(.editorsPicks)
            #expect(try await priya.get("/admin/curation").status == .forbidden)
            #expect(try await priya.post("/admin/curation", [("editors_picks.add", "1")]).status == .forbidden)
            #expect(try await site.stores.site.curatedList(.editorsPicks) == before)
        }
    }
}
