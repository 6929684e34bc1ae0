import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

@Suite("Sections, authors and tags", .onEveryEngine)
struct TaxonomyTests {
    static let seed: @Sendable (Stores) async throws -> Void = { stores in
        try await TestSupport.makeAccount(stores, email: "ed@courier.example", role: .editor)
        try await TestSupport.makeAccount(stores, email: "priya@courier.example", role: .author, author: Slug(from: "priya-raman"))
    }

    @Test func mergingATagMovesItsArticlesAndRedirectsItsAddress() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let football = try #require(try await site.stores.taxonomy.tag(slug: Slug(from: "football")!))
            let league = try #require(try await site.stores.taxonomy.tag(slug: Slug(from: "harbor-league")!))
            #expect(try await editor.post("/admin/taxonomy/tags", [("tag", "\(league.id)"), ("merge_into", "\(football.id)")]).status == .seeOther)
            try await site.client.execute(uri: "/tag/harbor-league", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/tag/football")
            }
            let listed = try await site.stores.articles.list(.tag(football.id), page: PageRequest(page: 1, perPage: 20), now: TestSupport.now)
            #expect(listed.total == 2)
            // Renaming keeps old links working too, even the merged one.
            #expect(try await editor.post("/admin/taxonomy/tags", [("tag", "\(football.id)"), ("name", "Soccer")]).status == .seeOther)
            try await site.client.execute(uri: "/tag/football", method: .get) { #expect($0.headers[.location] == "/tag/soccer") }
            try await site.client.execute(uri: "/tag/harbor-league", method: .get) { #expect($0.headers[.location] == "/tag/soccer") }
        }
    }

    @Test func editorsAddSectionsAndAuthorsThatAppearOnTheSite() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            #expect(try await editor.post("/admin/taxonomy/sections", [("name", "Opinion"), ("position", "9")]).status == .seeOther)
            let saved = try await editor.post(
                "/admin/taxonomy/authors",
                [("name", "Rui Matsuda"), ("role", "Columnist"), ("bio", "Writes on Saturdays.")]
            )
            #expect(saved.status == .seeOther)
            try await site.client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains("<a href=\"/section/opinion\">Opinion</a>"))
            }
            try await site.client.execute(uri: "/author/rui-matsuda", method: .get) { response in
                #expect(PageText.text(of: String(buffer: response.body)).contains("Rui Matsuda Columnist Writes on Saturdays."))
            }
            let reserved = try await editor.post("/admin/taxonomy/sections", [("name", "Admin")])
            #expect(reserved.status == .badRequest)
        }
    }

    @Test func authorsCannotChangeTheTaxonomy() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let priya = try await AdminSession.signIn(site.client, email: "priya@courier.example")
            #expect(try await priya.get("/admin/taxonomy").status == .forbidden)
            #expect(try await priya.post("/admin/taxonomy/sections", [("name", "Mine")]).status == .forbidden)
            #expect(try await site.stores.taxonomy.section(slug: Slug(from: "mine")!) == nil)
        }
    }
}
