import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import Testing

@Suite("Importing a WordPress site")
struct ImportTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    func importer(_ site: TestSite) -> SiteImport {
        SiteImport(stores: site.stores, mediaDirectory: site.configuration.mediaDirectory, clock: TestSupport.clock)
    }

    func location(_ site: TestSite, _ uri: String) async throws -> (HTTPResponse.Status, String?) {
        try await site.client.execute(uri: uri, method: .get) { ($0.status, $0.headers[.location]) }
    }

    @Test(arguments: TestEngine.available)
    func postsComeInAndTheirOldAddressesStillAnswer(_ engine: TestEngine) async throws {
        try await withTestApp(demo: false, databaseURL: try await engine.databaseURL()) { site in
            let report = try await importer(site).wordPress(file: TestSupport.fixture("wxr/newsroom.xml"), zone: Self.berlin)
            #expect(report.imported == 5)
            #expect(report.skipped.map(\.reason) == ["its post type “product” is not a post or a page."])
            #expect(report.leftOut.map(\.reason) == ["it is in the trash."])
            #expect(report.warnings.contains { $0.reason.contains("ghostwriter") })

            // Slugs changed in WordPress still lead to the post, every one of them; attachment
            // pages lead to their image.
            #expect(try await location(site, "/2024/02/27/ferry-timetable-draft/") == (.movedPermanently, "/2024/02/27/ferry-timetable-winter"))
            #expect(try await location(site, "/2024/02/27/winter-ferries-f%c3%a4hre") == (.movedPermanently, "/2024/02/27/ferry-timetable-winter"))
            #expect(try await location(site, "/2024/02/27/ferry-timetable-draft") == (.movedPermanently, "/2024/02/27/ferry-timetable-winter"))
            let photo = "https://tribune.example/wp-content/uploads/2024/02/ferry.jpg"
            #expect(try await location(site, "/ferry-photo/") == (.movedPermanently, photo))
            #expect(try await location(site, "/?attachment_id=201") == (.movedPermanently, photo))

            // The permalink, WordPress's ?p= form and the slug that had an accent all lead to the article.
            let ferry = "/2024/02/27/ferry-timetable-winter"
            #expect(try await location(site, "/?p=101") == (.movedPermanently, ferry))
            #expect(try await location(site, "/2024/03/01/harbour-caf%c3%a9-reopens/") == (.movedPermanently, "/2024/03/01/harbour-cafe-reopens"))
            #expect(try await location(site, "/category/lake-life/") == (.movedPermanently, "/section/lake-life"))
            #expect(try await location(site, "/author/mhollis/") == (.movedPermanently, "/author/maren-hollis"))
            #expect(try await location(site, "/?page_id=103") == (.movedPermanently, "/2023/01/10/about"))
            // An unknown address with a trailing slash goes to its canonical form, which is unknown too.
            #expect(try await location(site, "/no-such-page/") == (.movedPermanently, "/no-such-page"))
            #expect(try await location(site, "/no-such-page").0 == .notFound)
            // A draft's old address does not reveal it.
            #expect(try await location(site, "/?p=104").0 == .ok)

            let page = try await site.client.execute(uri: ferry, method: .get) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(page.contains("Ferry Timetable Grows as Council Backs Winter Crossings"))
            #expect(page.contains("Maren Hollis") && page.contains("Olu Baptiste"))
            #expect(page.contains("Ines Okonkwo"))
            #expect(page.contains("<h2>What it costs</h2>") || page.contains("What it costs</h"))
            #expect(!page.contains("alert(\"stolen\")") && !page.contains("javascript:alert"))

            let draft = try #require(
                try await site.stores.articles.backOfficeList(.init(status: .draft), page: .init(page: 1, perPage: 10)).items.first
            )
            #expect(draft.headline == "Draft: Budget Hearing Notes")
        }
    }

    @Test(arguments: TestEngine.available)
    func runningTheSameImportAgainUpdatesInsteadOfDuplicating(_ engine: TestEngine) async throws {
        try await withTestApp(demo: false, databaseURL: try await engine.databaseURL()) { site in
            let file = TestSupport.fixture("wxr/newsroom.xml")
            _ = try await importer(site).wordPress(file: file, zone: Self.berlin)
            let count = try await site.stores.articles.count()
            let again = try await importer(site).wordPress(file: file, zone: Self.berlin)
            #expect(again.imported == 0 && again.updated == 0 && again.unchanged == 5)
            #expect(try await site.stores.articles.count() == count)

            // A changed export updates the article in place.
            let changed = TemporaryFolders.path("wxr", extension: "xml")
            defer { try? FileManager.default.removeItem(atPath: changed) }
            try (try String(contentsOfFile: file, encoding: .utf8)).replacingOccurrences(
                of: "Stalls return to the pier",
                with: "Stalls come back to the pier"
            )
            .write(toFile: changed, atomically: true, encoding: .utf8)
            let before = try #require(try await site.stores.articles.article(slug: Slug(from: "night-market")!))
            let third = try await importer(site).wordPress(file: changed, zone: Self.berlin)
            #expect(third.updated == 1 && third.unchanged == 4 && third.imported == 0)
            let after = try #require(try await site.stores.articles.article(slug: Slug(from: "night-market")!))
            #expect(after.id == before.id)
            #expect(after.bodyMarkdown.hasPrefix("Stalls come back"))
        }
    }

    @Test(arguments: ["xxe.xml", "billion-laughs.xml", "binary-junk.xml"])
    func hostileFilesAreRefusedAndChangeNothing(_ name: String) async throws {
        try await withTestApp(demo: false) { site in
            let error = try await #require(throws: MastheadError.self) {
                try await importer(site).wordPress(file: TestSupport.fixture("wxr/\(name)"))
            }
            #expect(error.code == .invalidInput)
            #expect(try await site.stores.articles.count() == 0)
        }
    }

    @Test func aTruncatedFileImportsUpToTheBreakAndCanBeCompletedLater() async throws {
        try await withTestApp(demo: false) { site in
            let partial = try await importer(site).wordPress(file: TestSupport.fixture("wxr/truncated.xml"), zone: Self.berlin)
            #expect(partial.imported == 2)
            #expect(partial.skipped.count == 1 && partial.skipped[0].line != nil)
            let whole = try await importer(site).wordPress(file: TestSupport.fixture("wxr/newsroom.xml"), zone: Self.berlin)
            #expect(whole.imported == 3 && whole.unchanged == 2)
            #expect(try await site.stores.articles.count() == 5)
        }
    }

    @Test func aSlugTakenByAnotherArticleGetsASuffixAndTheOldAddressStillLeadsHere() async throws {
        try await withTestApp(demo: false) { site in
            let section = try await site.stores.taxonomy.saveSection(slug: Slug(from: "news")!, name: "News", description: "", position: 0)
            let author = try await site.stores.taxonomy.saveAuthor(slug: Slug(from: "desk")!, name: "Desk", bio: "", photoURL: nil, role: "")
            try await Publishing(stores: site.stores, clock: TestSupport.clock).save(
                ArticleInput(
                    slug: "night-market",
                    headline: "An Earlier Night Market",
                    sectionID: section.id,
                    authorIDs: [author.id],
                    bodyMarkdown: "Before.",
                    status: .published,
                    publishedAt: TestSupport.now.addingTimeInterval(-86_400)
                )
            )
            let report = try await importer(site).wordPress(file: TestSupport.fixture("wxr/newsroom.xml"), zone: Self.berlin)
            #expect(report.warnings.contains { $0.reason.contains("imported as “night-market-2”") })
            #expect(try await location(site, "/2024/03/02/night-market/") == (.movedPermanently, "/2024/03/02/night-market-2"))
        }
    }

    @Test func anArticleSavedWithoutItsLedgerEntryIsFoundAgainNotDuplicated() async throws {
        try await withTestApp(demo: false) { site in
            _ = try await importer(site).wordPress(file: TestSupport.fixture("wxr/newsroom.xml"), zone: Self.berlin)
            // A source the ledger has never seen, holding the same article: what a run that
            // stopped between saving an article and recording its source leaves behind.
            let folder = TemporaryFolders.path("markdown")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try
                "---\ntitle: Night Market Returns to the Pier\nslug: night-market\ndate: 2024-03-02T09:00:00Z\nauthor: Maren Hollis\nsection: Lake & Life\n---\nStalls return to the pier on Saturday evenings from April.\n"
                .write(toFile: folder + "/night-market.md", atomically: true, encoding: .utf8)
            let report = try await importer(site).markdownFolder(folder)
            #expect(report.imported == 0)
            #expect(report.unchanged + report.updated == 1)
            #expect(try await site.stores.articles.count() == 5)
        }
    }

    @Test func aDryRunReadsPagesAndRefusesWhatIsNotText() throws {
        let json = try SiteImport.dryRun(page: TestSupport.fixture("legacy-pages/eastfield-gazette.txt"), zone: .gmt).get()
        #expect(json.contains("\"headline\" : \"Eastfield Rowers Take Regional Title in Photo Finish\""))
        #expect(throws: ImportProblem.self) { try SiteImport.dryRun(page: TestSupport.fixture("wxr/binary-junk.xml"), zone: .gmt).get() }
        #expect(throws: ImportProblem.self) { try SiteImport.dryRun(page: "/nonexistent/page.html", zone: .gmt).get() }
    }

    @Test func legacyPagesComeInAsCleanArticles() async throws {
        try await withTestApp(demo: false) { site in
            // The whole folder: every page, not the README or the expected results.
            let folder = TestSupport.fixture("legacy-pages")
            let pages = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".html") || $0.hasSuffix(".txt") }
            #expect(pages.count >= 5)
            let report = try await importer(site).pages([folder])
            #expect(report.imported == pages.count)
            #expect(report.skipped.isEmpty)
            let bus = try #require(
                try await site.stores.articles.article(slug: Slug(from: "city-council-approves-night-bus-pilot-for-harbor-district")!)
            )
            #expect(bus.authors.map(\.name) == ["Lena Okafor"])
            #expect(bus.tags.map(\.name) == ["city council", "public transit", "Harbor District", "labor"])
            #expect(bus.publishedAt == ISO8601DateFormatter().date(from: "2019-03-14T12:42:00Z"))
            #expect(!bus.bodyMarkdown.contains("Follow Us") && !bus.bodyMarkdown.contains("EDITOR"))
            #expect(bus.bodyMarkdown.components(separatedBy: "\n\n").count == 6)
            let trail = try #require(try await site.stores.articles.article(slug: Slug(from: "glacier-lake-trail-reopens-after-rockfall-repairs")!))
            #expect(trail.bodyMarkdown.contains("> We would rather open a week late"))
        }
    }
}

@Suite("Importing from the back office")
struct AdminImportTests {
    static let seed: @Sendable (Stores) async throws -> Void = { stores in
        try await TestSupport.makeAccount(stores, email: "ed@courier.example", role: .editor)
        try await TestSupport.makeAccount(stores, email: "priya@courier.example", role: .author, author: Slug(from: "priya-raman"))
        _ = try await stores.taxonomy.saveSection(slug: Slug(from: "news")!, name: "News", description: "", position: 0)
    }

    static func file(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture(name))))
    }

    @Test func anEditorUploadsAnExportAndReadsTheSummary() async throws {
        try await withTestApp(demo: false, setup: Self.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            #expect(try await editor.get("/admin/import").body.contains("WordPress export"))
            let response = try await MediaLibraryTests.upload(
                editor,
                [("source", "wxr")],
                file: ("file", "tribune.xml", try Self.file("wxr/newsroom.xml")),
                to: "/admin/import"
            )
            #expect(response.status == .ok)
            #expect(response.body.contains("Imported 5 new"))
            #expect(response.body.contains("its post type “product” is not a post or a page."))
            #expect(try await site.stores.articles.count() == 5)

            let page = try await MediaLibraryTests.upload(
                editor,
                [("source", "page")],
                file: ("file", "riverside-ledger.txt", try Self.file("legacy-pages/riverside-ledger.txt")),
                to: "/admin/import"
            )
            #expect(page.body.contains("Imported 1 new"))
            let again = try await MediaLibraryTests.upload(
                editor,
                [("source", "page")],
                file: ("file", "riverside-ledger.txt", try Self.file("legacy-pages/riverside-ledger.txt")),
                to: "/admin/import"
            )
            #expect(again.body.contains("unchanged 1"))
        }
    }

    @Test func refusalsChangeNothing() async throws {
        try await withTestApp(demo: false, setup: Self.seed) { site in
            let author = try await AdminSession.signIn(site.client, email: "priya@courier.example")
            let xml = try Self.file("wxr/newsroom.xml")
            #expect(
                try await MediaLibraryTests.upload(author, [("source", "wxr")], file: ("file", "a.xml", xml), to: "/admin/import").status
                    == .forbidden
            )
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let forged = try await MediaLibraryTests.upload(
                editor,
                [("source", "wxr")],
                file: ("file", "a.xml", xml),
                csrf: "forged",
                to: "/admin/import"
            )
            #expect(forged.status == .forbidden)
            let hostile = try await MediaLibraryTests.upload(
                editor,
                [("source", "wxr")],
                file: ("file", "lol.xml", try Self.file("wxr/billion-laughs.xml")),
                to: "/admin/import"
            )
            #expect(hostile.status == .unprocessableContent)
            #expect(hostile.body.contains("refused"))
            #expect(try await site.stores.articles.count() == 0)
        }
    }
}
