import Foundation
import MastheadCore
import MastheadImport
import Testing

@Suite("WordPress exports")
struct WXRReaderTests {
    func read(_ name: String, chunkSize: Int = 64 * 1024) async throws -> (articles: [ImportedArticle], problems: [ImportProblem]) {
        let bytes = Array(try Data(contentsOf: Fixtures.folder("wxr/\(name)")))
        let catalogue = try WXRReader.catalogue(MemoryByteSource(bytes, chunkSize: chunkSize))
        var articles: [ImportedArticle] = []
        var problems: [ImportProblem] = []
        try await WXRReader.articles(
            MemoryByteSource(bytes, chunkSize: chunkSize),
            catalogue: catalogue,
            zone: TimeZone(identifier: "Europe/Berlin")!
        ) {
            switch $0 {
            case .success(let article): articles.append(article)
            case .failure(let problem): problems.append(problem)
            }
        }
        return (articles, problems)
    }

    @Test func readsPostsPagesAndTheirPeopleTermsAndImages() async throws {
        let (articles, problems) = try await read("newsroom.xml")
        #expect(
            articles.map(\.headline) == [
                "Ferry Timetable Grows as Council Backs Winter Crossings", "Harbour Café Reopens With a Lakeside Terrace", "About the Tribune",
                "Draft: Budget Hearing Notes", "Night Market Returns to the Pier",
            ]
        )
        let ferry = articles[0]
        #expect(ferry.sourceKey == "wxr:https://tribune.example:101")
        #expect(ferry.slug == "ferry-timetable-winter")
        #expect(ferry.status == .published)
        #expect(ferry.publishedAt == ISO8601DateFormatter().date(from: "2024-02-27T14:05:00Z"))
        #expect(ferry.updatedAt == ISO8601DateFormatter().date(from: "2024-02-28T08:00:00Z"))
        #expect(ferry.authors.map(\.name) == ["Maren Hollis", "Olu Baptiste"])
        #expect(ferry.section == ImportedTerm(name: "City Hall", slug: "city-hall"))
        #expect(ferry.tags.map(\.name) == ["Ferries", "Budget 2024"])
        #expect(ferry.standfirst == "Islanders get a year-round link to the mainland.")
        #expect(ferry.seoDescription == "Winter ferries approved by the council.")
        #expect(
            ferry.leadImage
                == LeadImage(
                    url: "https://tribune.example/wp-content/uploads/2024/02/ferry.jpg",
                    alt: "The east ferry at its pier",
                    credit: "Ines Okonkwo",
                    caption: "The east ferry leaves its pier at dawn."
                )
        )
        #expect(ferry.legacyPaths.prefix(2) == ["/2024/02/27/ferry-timetable-winter/", "/?p=101"])
        #expect(ferry.warnings.contains { $0.contains("[gallery]") })

        let cafe = articles[1]
        #expect(cafe.slug == "harbour-café-reopens")
        #expect(cafe.section?.name == "Lake & Life")
        #expect(cafe.tags.map(\.name) == ["City Hall"])
        // No GMT date: the local one in the zone given, with a warning.
        #expect(cafe.publishedAt == ISO8601DateFormatter().date(from: "2024-03-01T10:30:00Z"))
        #expect(cafe.warnings.contains { $0.contains("no zone") })
        #expect(cafe.warnings.contains { $0.contains("featured image (attachment 777)") })
        #expect(cafe.legacyPaths.first == "/2024/03/01/harbour-caf%c3%a9-reopens/")

        let about = articles[2]
        #expect(about.section?.name == "Pages")
        #expect(about.legacyPaths.contains("/?page_id=103"))
        #expect(about.warnings.contains { $0.contains("ghostwriter") })
        #expect(articles[3].status == .draft && articles[3].publishedAt != nil)

        #expect(problems.map(\.reason) == ["it is in the trash.", "its post type “product” is not a post or a page."])
        #expect(problems.map(\.expected) == [true, nil], "a trashed post is left out as asked, not a failure")
        #expect(problems.allSatisfy { $0.line != nil })

        // Every slug the post had before (`_wp_old_slug`, several) is a former slug, with its permalink.
        #expect(ferry.formerSlugs == ["ferry-timetable-draft", "winter-ferries-fähre"])
        #expect(ferry.legacyPaths.contains("/2024/02/27/ferry-timetable-draft/"))
        #expect(ferry.legacyPaths.contains("/2024/02/27/winter-ferries-f%c3%a4hre/"))
    }

    @Test func convertsTheBodyToSafeMarkdown() async throws {
        let body = try await read("newsroom.xml").articles[0].bodyMarkdown
        let paragraphs = body.components(separatedBy: "\n\n")
        #expect(paragraphs[0] == "The council voted on Monday to keep the east ferry running **all winter** for the first time.")
        #expect(paragraphs[1] == "Crossings will run every ninety minutes from December,\\\nwith an extra boat on market days.")
        #expect(
            paragraphs[2]
                == "![The east ferry at its pier](https://tribune.example/wp-content/uploads/2024/02/ferry.jpg \"The east ferry leaves its pier at dawn.\")"
        )
        #expect(body.contains("## What it costs"))
        #expect(body.contains("- Adult single: 3 crowns\n- Bicycle: free"))
        #expect(body.contains("> We heard the islanders loud and clear."))
        #expect(body.contains("[full timetable](https://tribune.example/timetable)"))
        #expect(!body.contains("javascript:"))
        #expect(body.contains("this trick"))
        #expect(!body.contains("stolen"))
        #expect(body.contains("\\[contact-form-7 id=\"9\"\\]"))
        #expect(body.contains("[https://video.example/watch/ferry-crossing](https://video.example/watch/ferry-crossing)"))
        #expect(body.contains("Prices use \\*stars\\* and \\_underscores\\_ literally."))
        // And what the renderer makes of it holds no live markup from the old site.
        let html = MarkdownRenderer.render(body).rawValue
        #expect(!html.contains("<script") && !html.contains("javascript:"))
        #expect(html.contains("<figcaption>The east ferry leaves its pier at dawn.</figcaption>"))
    }

    @Test(arguments: [1, 3, 7, 64, 4096])
    func chunkBoundariesChangeNothing(chunkSize: Int) async throws {
        let whole = try await read("newsroom.xml")
        let chunked = try await read("newsroom.xml", chunkSize: chunkSize)
        #expect(chunked.articles == whole.articles)
        #expect(chunked.problems == whole.problems)
    }

    @Test(arguments: ["xxe.xml", "billion-laughs.xml"])
    func refusesFilesThatDeclareEntities(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Fixtures.folder("wxr/\(name)")))
        #expect {
            try WXRReader.catalogue(MemoryByteSource(bytes))
        } throws: { error in
            (error as? ImportError)?.message.contains("DTD") == true
        }
    }

    @Test func refusesBinaryJunk() throws {
        let bytes = Array(try Data(contentsOf: Fixtures.folder("wxr/binary-junk.xml")))
        #expect(throws: ImportError.self) { try WXRReader.catalogue(MemoryByteSource(bytes)) }
    }

    @Test func readsATruncatedFileUpToTheBreak() async throws {
        let (articles, problems) = try await read("truncated.xml")
        #expect(
            articles.map(\.headline) == ["Ferry Timetable Grows as Council Backs Winter Crossings", "Harbour Café Reopens With a Lakeside Terrace"]
        )
        #expect(problems.count == 1)
        #expect(problems[0].reason.contains("truncated"))
        #expect(problems[0].line != nil)
    }

    @Test func reportsAMalformedItemWithItsLine() async throws {
        let (articles, problems) = try await read("malformed.xml")
        #expect(articles.map(\.headline) == ["Ferry Timetable Grows as Council Backs Winter Crossings"])
        let problem = try #require(problems.first)
        #expect(problem.reason.contains("</wp:post_title> closes <wp:post_name>"))
        let text = try Fixtures.text("wxr/malformed.xml")
        let expectedLine = text.components(separatedBy: "\n").firstIndex { $0.contains("</wp:post_title>") }.map { $0 + 1 }
        #expect(problem.line == expectedLine)
    }

    /// A long non-ASCII body is read byte for byte whatever the chunk size: no piece of
    /// text is cut inside a character (which came back as U+FFFD).
    @Test(arguments: [1, 3, 1000, 4093, 64 * 1024])
    func aLongNonASCIIPostImportsByteForByte(chunkSize: Int) async throws {
        let sample = "Fähre über den Fjord — 渡し船が冬も運航 — Паром ходит зимой 🚢⛴️ café\u{0301} "
        var body = ""
        while body.utf8.count < 200 * 1024 { body += sample }
        let wxr = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
            <channel><title>T</title><link>https://t.example</link><wp:base_blog_url>https://t.example</wp:base_blog_url>
            <item><title>Long</title><wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
            <wp:post_date_gmt>2024-02-27 14:05:00</wp:post_date_gmt>
            <content:encoded><![CDATA[\(body)]]></content:encoded><excerpt:encoded>\(body.prefix(70_000))</excerpt:encoded></item>
            </channel></rss>
            """
        let bytes = Array(wxr.utf8)
        let catalogue = try WXRReader.catalogue(MemoryByteSource(bytes, chunkSize: chunkSize))
        var articles: [ImportedArticle] = []
        try await WXRReader.articles(MemoryByteSource(bytes, chunkSize: chunkSize), catalogue: catalogue, zone: .gmt) {
            if case .success(let article) = $0 { articles.append(article) }
        }
        let article = try #require(articles.first)
        #expect(!article.bodyMarkdown.contains("\u{FFFD}"))
        #expect(!article.standfirst.contains("\u{FFFD}"))
        // The body is one paragraph of the sample repeated: every copy came through whole.
        let copies = article.bodyMarkdown.components(separatedBy: sample.trimmingCharacters(in: .whitespaces)).count - 1
        #expect(copies == body.components(separatedBy: sample.trimmingCharacters(in: .whitespaces)).count - 1)
    }
}
