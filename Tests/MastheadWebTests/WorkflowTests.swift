import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

@Suite("Editorial workflow in the back office", .onEveryEngine)
struct WorkflowTests {
    /// An editor, an author credited as Priya Raman, another author, and a contributor credited as Hannah Weiss.
    static let seedNewsroom: @Sendable (Stores) async throws -> Void = { stores in
        try await TestSupport.makeAccount(stores, email: "ed@courier.example", role: .editor)
        try await TestSupport.makeAccount(stores, email: "priya@courier.example", role: .author, author: Slug(from: "priya-raman"))
        try await TestSupport.makeAccount(stores, email: "tomas@courier.example", role: .author, author: Slug(from: "tomas-lindqvist"))
        try await TestSupport.makeAccount(stores, email: "hannah@courier.example", role: .contributor, author: Slug(from: "hannah-weiss"))
    }

    static func fields(
        _ headline: String,
        author: AuthorID,
        action: String,
        body: String = "First paragraph.",
        extra: [(String, String)] = []
    )
        -> [(String, String)]
    {
        [("headline", headline), ("section", "1"), ("author", "\(author)"), ("body", body), ("tags", "Harbor, Brand New Tag"), ("action", action)]
            + extra
    }

    static func authorID(_ stores: Stores, _ slug: String) async throws -> AuthorID {
        try #require(try await stores.taxonomy.author(slug: Slug(from: slug)!)).id
    }

    static func articleID(fromLocation location: String?) throws -> String {
        let path = try #require(location)
        return String(path.dropFirst("/admin/articles/".count).prefix { $0.isNumber })
    }

    @Test func aContributorSubmitsForReviewButCannotPublish() async throws {
        try await withTestApp(setup: Self.seedNewsroom) { site in
            let hannah = try await AdminSession.signIn(site.client, email: "hannah@courier.example")
            let author = try await Self.authorID(site.stores, "hannah-weiss")
            let published = try await hannah.post("/admin/articles", Self.fields("Contributor Tries to Publish", author: author, action: "publish"))
            #expect(published.status == .forbidden)
            #expect(published.body.contains("Your role cannot move an article to published"))
            let submitted = try await hannah.post("/admin/articles", Self.fields("Gallery Opens on the Pier", author: author, action: "review"))
            #expect(submitted.status == .seeOther)
            let id = try Self.articleID(fromLocation: submitted.headers[.location])
            let article = try #require(try await site.stores.articles.article(id: ArticleID(Int64(id)!)))
            #expect(article.status == .inReview)
            #expect(article.tags.map(\.name) == ["Harbor", "Brand New Tag"])
            // Readers never see it.
            try await site.client.execute(uri: "/2026/11/30/gallery-opens-on-the-pier", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func anAuthorCannotSeeSomeoneElsesDraft() async throws {
        try await withTestApp(setup: Self.seedNewsroom) { site in
            let priya = try await AdminSession.signIn(site.client, email: "priya@courier.example")
            let created = try await priya.post(
                "/admin/articles",
                Self.fields("Secret Lab Results", author: try await Self.authorID(site.stores, "priya-raman"), action: "save")
            )
            let id = try Self.articleID(fromLocation: created.headers[.location])
            let tomas = try await AdminSession.signIn(site.client, email: "tomas@courier.example")
            #expect(try await tomas.get("/admin/articles/\(id)").status == .notFound)
            #expect(try await tomas.get("/admin/articles/\(id)/revisions").status == .notFound)
            let overwrite = try await tomas.post(
                "/admin/articles/\(id)",
                Self.fields("Hijacked", author: try await Self.authorID(site.stores, "tomas-lindqvist"), action: "save")
            )
            #expect(overwrite.status == .notFound)
            #expect(!(try await tomas.get("/admin").body.contains("Secret Lab Results")))
            #expect(try await site.stores.articles.article(id: ArticleID(Int64(id)!))?.headline == "Secret Lab Results")
        }
    }

    @Test func anEditorPublishesAndReadersSeeItAtOnce() async throws {
        try await withTestApp(setup: Self.seedNewsroom) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let author = try await Self.authorID(site.stores, "marisol-vega")
            let response = try await editor.post("/admin/articles", Self.fields("Pier Reopens After Repairs", author: author, action: "publish"))
            #expect(response.status == .seeOther)
            try await site.client.execute(uri: "/2026/11/30/pier-reopens-after-repairs", method: .get) { response in
                #expect(response.status == .ok)
                #expect(PageText.text(of: String(buffer: response.body)).contains("Pier Reopens After Repairs"))
            }
            try await site.client.execute(uri: "/", method: .get) { response in
                #expect(PageText.text(of: String(buffer: response.body)).contains("Pier Reopens After Repairs"))
            }
        }
    }

    @Test func aScheduledArticleAppearsWhenItsTimeComes() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock.clock, setup: Self.seedNewsroom) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let author = try await Self.authorID(site.stores, "marisol-vega")
            // 09:00 in New York on 30 November is 14:00 UTC: two hours after the test clock.
            let response = try await editor.post(
                "/admin/articles",
                Self.fields(
                    "Embargoed Budget Figures",
                    author: author,
                    action: "schedule",
                    extra: [("publish_at", "2026-11-30T09:00"), ("zone", "America/New_York")]
                )
            )
            #expect(response.status == .seeOther)
            let uri = "/2026/11/30/embargoed-budget-figures"
            try await site.client.execute(uri: uri, method: .get) { #expect($0.status == .notFound) }
            clock.advance(by: 2 * 3600 + 1)
            var status = HTTPResponse.Status.notFound
            for _ in 0..<60 where status != .ok {
                try await Task.sleep(for: .milliseconds(100))
                status = try await site.client.execute(uri: uri, method: .get) { $0.status }
            }
            #expect(status == .ok)
        }
    }

    @Test func schedulingInThePastOrAtNonsenseTimesIsRefused() async throws {
        try await withTestApp(setup: Self.seedNewsroom) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let author = try await Self.authorID(site.stores, "marisol-vega")
            let before = try await site.stores.articles.count()
            let past = try await editor.post(
                "/admin/articles",
                Self.fields("Too Late", author: author, action: "schedule", extra: [("publish_at", "2020-01-01T09:00"), ("zone", "UTC")])
            )
            #expect(past.status == .badRequest)
            #expect(past.body.contains("already passed"))
            let nonsense = try await editor.post(
                "/admin/articles",
                Self.fields("Never", author: author, action: "schedule", extra: [("publish_at", "next tuesday"), ("zone", "UTC")])
            )
            #expect(nonsense.status == .badRequest)
            #expect(try await site.stores.articles.count() == before)
        }
    }

    @Test func aTakenSlugIsReportedInTheForm() async throws {
        try await withTestApp(setup: Self.seedNewsroom) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let author = try await Self.authorID(site.stores, "marisol-vega")
            let response = try await editor.post(
                "/admin/articles",
                Self.fields("Copycat", author: author, action: "save", extra: [("slug", "courthouse-renovation-delays")])
            )
            #expect(response.status == .conflict)
            #expect(response.body.contains("Another article already uses the slug"))
            #expect(response.body.contains("value=\"Copycat\""))
        }
    }

    @Test func onlyANoteMovesTheUpdatedTimeAndEverySaveIsARevision() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock.clock, setup: Self.seedNewsroom) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let slug = Slug(from: "council-approves-harbor-seawall-plan")!
            let article = try #require(try await site.stores.articles.article(slug: slug))
            let author = article.authors[0].id
            let base = [("section", "\(article.section.id)"), ("author", "\(author)"), ("headline", article.headline)]
            clock.advance(by: 600)
            // A typo fix: no note, so no "Updated".
            let fixed = article.bodyMarkdown.replacingOccurrences(of: "6–3", with: "6-3")
            #expect(try await editor.post("/admin/articles/\(article.id)", base + [("body", fixed), ("action", "save")]).status == .seeOther)
            #expect(try await site.stores.articles.article(slug: slug)?.updatedAt == nil)
            clock.advance(by: 600)
            let corrected = fixed.replacingOccurrences(of: "Rosa Delacroix", with: "Rosa Delacruz")
            let response = try await editor.post(
                "/admin/articles/\(article.id)",
                base + [
                    ("body", corrected), ("note_kind", "correction"), ("note_text", "An earlier version misspelled Rosa Delacruz's name."),
                    ("action", "save"),
                ]
            )
            #expect(response.status == .seeOther)
            let saved = try #require(try await site.stores.articles.article(slug: slug))
            #expect(saved.updatedAt == clock.now)
            #expect(saved.corrections.last?.note == "An earlier version misspelled Rosa Delacruz's name.")
            // Revisions: the demo's save plus two edits; the diff shows the changed line.
            let revisions = try await site.stores.articles.revisions(of: article.id)
            #expect(revisions.map(\.number) == [3, 2, 1])
            let diff = try await editor.get("/admin/articles/\(article.id)/revisions/\(revisions[0].id)")
            #expect(diff.status == .ok)
            #expect(diff.body.contains("Rosa Delacruz"))
            #expect(diff.body.contains("class=\"line removed\""))
            // Restoring the first revision brings the original text back, and is itself a revision.
            let restored = try await editor.post("/admin/articles/\(article.id)/revisions/\(revisions[2].id)/restore", [])
            #expect(restored.status == .seeOther)
            let back = try await site.stores.articles.article(id: article.id)
            #expect(back?.slug == slug, "\(String(describing: back?.slug)) \(String(describing: back?.status))")
            #expect(back?.bodyMarkdown == article.bodyMarkdown)
            #expect(try await site.stores.articles.revisions(of: article.id).count == 4)
        }
    }

    @Test func previewRendersTheBodyWithoutSaving() async throws {
        try await withTestApp(setup: Self.seedNewsroom) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let author = try await Self.authorID(site.stores, "marisol-vega")
            let before = try await site.stores.articles.count()
            let response = try await editor.post(
                "/admin/articles",
                Self.fields("Preview Only", author: author, action: "preview", body: "Some *emphasis* <script>alert(1)</script>")
            )
            #expect(response.status == .ok)
            #expect(response.body.contains("<em>emphasis</em>"))
            #expect(!response.body.contains("<script>alert"))
            #expect(try await site.stores.articles.count() == before)
        }
    }

    @Test func aDatelineZoneChangesTheBylineButNotTheURL() async throws {
        try await withTestApp(setup: Self.seedNewsroom) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let article = try #require(try await site.stores.articles.article(slug: Slug(from: "courthouse-renovation-delays")!))
            let fields = [
                ("section", "\(article.section.id)"), ("author", "\(article.authors[0].id)"), ("headline", article.headline),
                ("body", article.bodyMarkdown), ("slug", article.slug.rawValue), ("dateline_zone", "Asia/Tokyo"), ("action", "save"),
            ]
            #expect(try await editor.post("/admin/articles/\(article.id)", fields).status == .seeOther)
            try await site.client.execute(uri: "/2026/11/26/courthouse-renovation-delays", method: .get) { response in
                #expect(response.status == .ok)
                // 20:00 UTC on 26 November is 05:00 on the 27th in Tokyo.
                #expect(PageText.text(of: String(buffer: response.body)).contains("By Grace Adeyemi | Nov 27, 2026 05:00 AM JST"))
            }
            let bad = try await editor.post("/admin/articles/\(article.id)", fields.map { $0.0 == "dateline_zone" ? ($0.0, "Mars/Base") : $0 })
            #expect(bad.status == .badRequest)
        }
    }

    @Test func everySlugAnArticleEverHadRedirectsToItsCurrentAddress() async throws {
        try await withTestApp(setup: Self.seedNewsroom) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let article = try #require(try await site.stores.articles.article(slug: Slug(from: "courthouse-renovation-delays")!))
            var fields = [
                ("section", "\(article.section.id)"), ("author", "\(article.authors[0].id)"), ("headline", article.headline),
                ("body", article.bodyMarkdown), ("slug", "courthouse-reopening-slips"), ("action", "save"),
            ]
            #expect(try await editor.post("/admin/articles/\(article.id)", fields).status == .seeOther)
            fields[4] = ("slug", "courthouse-reopens-2028")
            #expect(try await editor.post("/admin/articles/\(article.id)", fields).status == .seeOther)
            for old in ["courthouse-renovation-delays", "courthouse-reopening-slips"] {
                try await site.client.execute(uri: "/2026/11/26/\(old)", method: .get) { response in
                    #expect(response.status == .movedPermanently)
                    #expect(response.headers[.location] == "/2026/11/26/courthouse-reopens-2028")
                }
            }
            try await site.client.execute(uri: "/2026/11/26/courthouse-reopens-2028", method: .get) { #expect($0.status == .ok) }
        }
    }
}
