import Foundation
import MastheadCore
import MastheadImport
import Testing

@Suite("HTML to Markdown")
struct HTMLToMarkdownTests {
    @Test(arguments: [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<h1>Top</h1><h3>Deeper</h3>", "## Top\n\n### Deeper"),
        ("<p><b>bold</b>, <em>soft</em> and <code>x*y</code></p>", "**bold**, *soft* and `x*y`"),
        ("<ol><li>first</li><li>second</li></ol>", "1. first\n2. second"),
        ("<blockquote><p>Quoted.</p><p>Twice.</p></blockquote>", "> Quoted.\n>\n> Twice."),
        ("<p>A <a href=\"https://example.com/a b\">link</a>.</p>", "A [link](https://example.com/a%20b)."),
        ("<p><a href=\"javascript:alert(1)\">bad</a> <a href=\"data:text/html,x\">worse</a></p>", "bad worse"),
        ("<p><img src=\"javascript:x\" onerror=\"alert(1)\" alt=\"x\">Text</p>", "Text"),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "\\<script>alert(1)\\</script>"),
        ("<p>1. Not a list</p><p># Not a heading</p>", "1\\. Not a list\n\n\\# Not a heading"),
        ("<iframe src=\"https://video.example/embed/9\"></iframe>", "[https://video.example/embed/9](https://video.example/embed/9)"),
        ("<pre>let x = 1\nlet y = 2</pre>", "```\nlet x = 1\nlet y = 2\n```"),
        ("<p>Unclosed <b>bold <i>and italic</p><p>Next</p>", "Unclosed **bold *and italic***\n\nNext"),
        ("<style>p { color: red }</style><p>Shown</p><script>hidden()</script>", "Shown"),
    ])
    func converts(_ html: String, _ markdown: String) {
        #expect(HTMLToMarkdown.convert(html) == markdown)
    }

    @Test func wordPressParagraphsAreBlankLines() {
        #expect(
            HTMLToMarkdown.convert("First line\nsecond line\n\nNew paragraph", autoParagraphs: true) == "First line\\\nsecond line\n\nNew paragraph"
        )
    }

    @Test func deepNestingAndHugeInputStayBounded() {
        let deep = String(repeating: "<div><blockquote>", count: 5_000) + "core" + String(repeating: "</blockquote></div>", count: 5_000)
        let converted = HTMLToMarkdown.convert(deep)
        #expect(converted.contains("core"))
        let wide = String(repeating: "<p>x</p>", count: 300_000)
        #expect(HTMLToMarkdown.convert(wide).count < 700_000)
    }

    @Test func whatItProducesRendersWithoutLiveMarkup() {
        let hostile = """
            <p onclick="x()">Hi <a href="JaVaScRiPt:alert(1)">a</a> <a href=" javascript:alert(1)">b</a>
            <svg><script>alert(1)</script></svg><img src=x onerror=alert(1)></p><math><mtext><img src=x onerror=alert(2)></mtext></math>
            """
        let html = MarkdownRenderer.render(HTMLToMarkdown.convert(hostile)).rawValue
        #expect(!html.lowercased().contains("javascript:"))
        #expect(!html.contains("onerror") && !html.contains("onclick") && !html.contains("<script") && !html.contains("<svg"))
    }
}

@Suite("Front matter")
struct FrontMatterTests {
    @Test func readsYAMLScalarsListsAndBlocks() {
        let matter = FrontMatter.parse(
            """
            ---
            title: "Quoted: with \\"escapes\\""
            plain: text # with a comment
            single: 'it''s'
            flow: [a, "b, c", 'd']
            block:
              - one
              - "two"
            folded: >
              several
              lines
            nested:
              key: value
            ---
            Body text.
            """
        )
        #expect(matter["title"]?.text == "Quoted: with \"escapes\"")
        #expect(matter["plain"]?.text == "text")
        #expect(matter["single"]?.text == "it's")
        #expect(matter["flow"]?.list == ["a", "b, c", "d"])
        #expect(matter["block"]?.list == ["one", "two"])
        #expect(matter["folded"]?.text == "several lines")
        #expect(matter.body == "Body text.")
    }

    @Test func aFileWithoutFrontMatterIsAllBody() {
        #expect(FrontMatter.parse("# Title\n\nText").values.isEmpty)
        #expect(FrontMatter.parse("---\nunclosed: yes\nText").body == "---\nunclosed: yes\nText")
    }

    @Test func quotedTextReadsBackUnchanged() {
        for text in ["plain", "with: colon", "quote \" and \\ backslash", "line\nbreak", "# hash", "[not a list]"] {
            let matter = FrontMatter.parse("---\nkey: \(FrontMatter.quoted(text))\n---\n")
            #expect(matter["key"]?.text == text)
        }
    }

    @Test func readsAFolderOfHugoAndJekyllPosts() throws {
        let folder = Fixtures.path("markdown-folder")
        let files = try MarkdownFolderReader.files(in: folder)
        #expect(files == ["_drafts/untitled.md", "posts/2023-09-14-lantern-walk.md", "posts/no-title.md", "posts/quiet-harbour.markdown"])
        let zone = TimeZone(identifier: "Europe/Oslo")!
        let lantern = try MarkdownFolderReader.article(file: files[1], in: folder, zone: zone).get()
        #expect(lantern.headline == "Lantern Walk Lights Up the Old Town")
        #expect(lantern.slug == "lantern-walk")
        #expect(lantern.publishedAt == ISO8601DateFormatter().date(from: "2023-09-14T17:30:00Z"))
        #expect(lantern.authors.map(\.name) == ["Ingrid Solberg"])
        #expect(lantern.section?.name == "Culture")
        #expect(lantern.tags.map(\.name) == ["festivals", "old town", "Weekend"])
        #expect(lantern.leadImage?.credit == "Festival office")
        #expect(lantern.legacyPaths == ["/culture/lantern-walk/"])
        #expect(lantern.standfirst == "The yearly walk drew its biggest crowd yet.")
        #expect(lantern.bodyMarkdown.hasPrefix("Hundreds of people"))

        let harbour = try MarkdownFolderReader.article(file: files[3], in: folder, zone: zone).get()
        #expect(harbour.slug == "quiet-harbour-week")
        #expect(harbour.authors.map(\.name) == ["Ingrid Solberg", "Tomas Berg"])
        #expect(harbour.warnings.contains { $0.contains("no zone") })

        let draft = try MarkdownFolderReader.article(file: files[0], in: folder, zone: zone).get()
        #expect(draft.headline == "Plans for the Spring Fair" && draft.status == .draft)
        #expect(draft.bodyMarkdown == "Notes from the first planning meeting.")

        #expect(throws: ImportProblem.self) { try MarkdownFolderReader.article(file: files[2], in: folder, zone: zone).get() }
    }
}

@Suite("Dates as pages print them")
struct PageDateTests {
    @Test(arguments: [
        ("Published: 5 November 2021, 14:10 GMT", "2021-11-05T14:10:00+00:00"),
        ("Mar 14, 2019 08:42 AM EDT", "2019-03-14T08:42:00-04:00"),
        ("Posted March 3, 2020 at 4:15 p.m. ET", "2020-03-03T16:15:00-05:00"),
        ("Updated July 4, 2021 at 9:05 a.m. ET", "2021-07-04T09:05:00-04:00"),
        ("Updated 9:40 PM CST, Sat May 18, 2024", "2024-05-18T21:40:00-06:00"),
        ("14.03.2019 08:42 CET", "2019-03-14T08:42:00+01:00"),
        ("2022-06-18T07:30:00+02:00", "2022-06-18T07:30:00+02:00"),
        ("Sept 9, 2020, 11am UTC+05:30", "2020-09-09T11:00:00+05:30"),
    ])
    func reads(_ text: String, _ iso: String) throws {
        let date = try #require(PageDates.find(in: text, fallbackZone: .gmt))
        #expect(date.iso8601 == iso)
        #expect(date.zoneWasGiven)
    }

    @Test func aDateWithoutAZoneTakesTheFallbackAndSaysSo() throws {
        let date = try #require(PageDates.find(in: "June 1, 2023 10:00", fallbackZone: TimeZone(identifier: "America/Chicago")!))
        #expect(date.iso8601 == "2023-06-01T10:00:00-05:00")
        #expect(!date.zoneWasGiven)
    }

    @Test(arguments: ["No date here", "May we go now?", "31 February 2020", "12:30 on a Tuesday"])
    func findsNoDateWhereThereIsNone(_ text: String) {
        #expect(PageDates.find(in: text, fallbackZone: .gmt) == nil)
    }
}

@Suite("Streaming XML")
struct XMLPullParserTests {
    func events(_ xml: String, chunkSize: Int = 5) throws -> [XMLEvent] {
        var parser = XMLPullParser(source: MemoryByteSource(xml, chunkSize: chunkSize))
        var events: [XMLEvent] = []
        while let event = try parser.next() {
            if case .text(let piece) = event, case .text(let previous) = events.last {
                events[events.count - 1] = .text(previous + piece)
            } else {
                events.append(event)
            }
        }
        return events
    }

    @Test func decodesPredefinedAndNumericReferencesAndKeepsOthersAsText() throws {
        let parsed = try events("<a x='1 &amp; 2'>&lt;&#233;&#x1F600;&nbsp;<![CDATA[<raw>]]]]><![CDATA[>]]></a>")
        #expect(parsed == [.start(name: "a", attributes: ["x": "1 & 2"]), .text("<é😀&nbsp;<raw>]]>"), .end(name: "a")])
    }

    @Test(arguments: [
        ("<a><b></a>", "closes <b>"),
        ("<a>", "truncated"),
        ("<a></a><b/>", "second document element"),
        ("junk", "not an XML file"),
        ("<a x=1/>", "not quoted"),
        ("<!DOCTYPE a SYSTEM \"http://evil.example/x.dtd\"><a/>", "DTD"),
    ])
    func refusesMalformedInput(_ xml: String, _ message: String) {
        #expect {
            try events(xml)
        } throws: { error in
            (error as? ImportError)?.message.contains(message) == true
        }
    }

    @Test func limitsDepth() {
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(throws: ImportError.self) { try events(deep, chunkSize: 4096) }
    }
}
