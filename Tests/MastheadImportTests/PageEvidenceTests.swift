import Foundation
import Testing

@testable import MastheadImport

/// More shapes of real pages, each one class an earlier recogniser got wrong: readers'
/// comments under other names, page builders' wrappers, ruby text, decomposed letters,
/// mixed encodings, and dates the metadata and the page disagree on.
@Suite struct PageEvidenceTests: PageSamples {
    func paragraphs(_ texts: [String]) -> String { texts.map { "<p>\($0)</p>" }.joined() }

    func day(_ date: PageDate?) -> Substring? { date?.day }

    @Test func aLongCommentThreadUnderAnyNameIsNotTheArticle() {
        let story = prose(3)
        let comments = (1...30).map { "Reader \($0) writes that the plan, which nobody asked for, is a waste of money, time and patience." }
        let html = """
            <html><body><div class="sect sect_article commentary"><article class="sectbody"><h1>Opinion</h1>\(paragraphs(story))</article></div>
            <div class="even sect sect_commentlinks"><ul class="directory">\(comments.map { "<li class=\"member\"><p>\($0)</p></li>" }.joined())</ul></div>
            </body></html>
            """
        // "commentary" names the opinion piece itself and stays; "commentlinks" is the thread.
        #expect(page(html).body.map(\.text) == story)
    }

    @Test func aPageBuiltWithElementorKeepsItsProse() {
        let story = prose(4)
        let widget = { (inner: String) in
            "<div class=\"elementor-element elementor-widget elementor-widget-text-editor\"><div class=\"elementor-widget-container\">\(inner)</div></div>"
        }
        let html = """
            <html><body><h1>Batteries</h1><div class="elementor-section">\(widget(paragraphs(story)))</div>
            <div class="elementor-section">\(widget("<p>Information about orders: delivery takes longer this month.</p>"))</div></body></html>
            """
        #expect(page(html).body.map(\.text).prefix(4) == story[...])
    }

    @Test func rubyAnnotationsAreNotPartOfTheText() {
        let sentence = "<ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい</rt><rp>)</rp></ruby>をなくすための法律ができて、親が子どもを教育するために、たたいたりすることを禁止しました。"
        let html = "<html><body><h1>法律</h1><div class=\"article\">\((1...4).map { _ in "<p>\(sentence)</p>" }.joined())</div></body></html>"
        let body = page(html).body.map(\.text)
        #expect(body.first == "子どもへの虐待をなくすための法律ができて、親が子どもを教育するために、たたいたりすることを禁止しました。")
    }

    @Test func decomposedLettersComeOutComposed() {
        // "Café" with a combining acute accent, and Bengali YA + NUKTA (U+09AF U+09BC).
        let decomposed = "Cafe\u{301} \u{9AF}\u{9BC}"
        let html =
            "<html><body><h1>\(decomposed)</h1><div class=\"article\">\(paragraphs(prose(3).map { "\(decomposed) \($0)" }))</div></body></html>"
        let recognised = page(html)
        #expect(
            recognised.headline?.unicodeScalars.map(\.value) == "Caf\u{E9} \u{9DF}".precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
        )
        #expect(recognised.body.first?.text.unicodeScalars.contains { $0.value == 0x301 } == false)
    }

    @Test func aLayoutWrapperNamedForItsSidebarDoesNotHideTheDateline() {
        let html = """
            <html><body><div class="content_block right-sidebar"><div class="post"><h1>iMac performance</h1>
            <div class="listing_meta"><span>Paddy</span> · <span>April 19, 2019</span> · <a href="/c/mac/">Mac</a> · <a href="#comments">7 comments</a></div>
            \(paragraphs(prose(4)))</div></div></body></html>
            """
        #expect(day(page(html).published) == "2019-04-19")
    }

    @Test func datelinesAsSmallSitesPrintThem() {
        let body = paragraphs(prose(4))
        let shapes: [(String, Substring)] = [
            (
                "<h2>Journey</h2><small>January 13, 2020 at 08:45 AM | categories: <a href='/c/py'>Python</a> | <a href='#c'>View Comments</a></small>",
                "2020-01-13"
            ),
            ("<h1>Vintage</h1><div class='sub-title'><div class='uploaded-date'> 23.09.22 </div><div class='separator'>|</div></div>", "2022-09-23"),
            ("<h1>Typography</h1>", "2010-05-19"),
        ]
        for (index, (head, expected)) in shapes.enumerated() {
            let footer =
                index == 2
                ? "<p class=\"news\"><a href=\"/x\">Typography</a> wurde am <nobr>19. Mai 2010</nobr> um <nobr>23:03</nobr> Uhr gepostet und unter Lesenswert abgelegt.</p>"
                : ""
            let html = "<html><body><div class=\"blog_post\">\(head)<div class=\"post_prose\">\(body)</div>\(footer)</div></body></html>"
            #expect(day(page(html).published) == expected, "shape \(index)")
        }
    }

    @Test func aCommentsDateIsNotThePostsDate() {
        let html = """
            <html><body><h1>Liver with apple</h1><div class="entry">\(paragraphs(prose(4)))</div>
            <ol class="commentlist"><li><cite>Thomas</cite> <small class="commentmetadata">7. März 2012 um 09:09</small><p>Interesting.</p></li></ol>
            </body></html>
            """
        #expect(page(html).published == nil)
    }

    @Test func whenMetadataDisagreesTheDatePrintedWithTheStoryDecides() {
        func html(printed: String) -> String {
            """
            <html><head><meta property="article:published_time" content="2022-01-06T08:29:34+01:00">
            <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Vanlife", "datePublished": "2022-01-04T08:29:00+01:00"}</script>
            </head><body><article><h1>Vanlife</h1><div class="article__info">\(printed)</div>\(paragraphs(prose(4)))</article></body></html>
            """
        }
        let agreeingWithOpenGraph = page(html(printed: "06.01.2022"))
        #expect(day(agreeingWithOpenGraph.published) == "2022-01-06")
        #expect(agreeingWithOpenGraph.sources["published"] == "opengraph")
        // With nothing printed, or a print that matches neither, JSON-LD comes first.
        #expect(day(page(html(printed: "")).published) == "2022-01-04")
        #expect(day(page(html(printed: "01.02.2021")).published) == "2022-01-04")
        #expect(day(page(html(printed: "04.01.2022")).published) == "2022-01-04")
    }

    @Test func aLedePrintedAboveTheBodysContainerOpensTheBody() {
        let lede = "The demand for renewable heating has grown faster than anyone in the trade expected, and suppliers are scrambling."
        let story = prose(12)
        func html(description: String?, between: String = "") -> String {
            """
            <html><head>\(description.map { "<meta name=\"description\" content=\"\($0)\">" } ?? "")</head><body>
            <section class="head-post"><div class="row"><h1>Heating of the future</h1><div class="post-text"><p>\(lede)</p></div></div></section>
            \(between)<section class="post-bottom-content"><h2>Contents</h2><article class="post-body">\(paragraphs(story))</article></section></body></html>
            """
        }
        #expect(page(html(description: "Fuel for the boiler.")).body.map(\.text) == [lede] + story)
        // The same words as the page's standfirst are shown above the body already.
        let asStandfirst = page(html(description: lede))
        #expect(asStandfirst.standfirst == lede)
        #expect(asStandfirst.body.map(\.text) == story)
        // Behind a rail of other stories' teasers, nothing is taken for a lede.
        let rail = (1...30).map {
            "<div class=\"card\"><p>Teaser \($0) tells of another story entirely, which the reader may click on next.</p></div>"
        }
        #expect(page(html(description: nil, between: rail.joined())).body.map(\.text) == story)
    }

    @Test func aLongReferenceListDoesNotCrowdOutThePaperItLeadsFrom() {
        let sections = ["Background", "Objective", "Design", "Results"]
        let abstract = prose(4, "vaccination")
        let references = (1...60).map { "\($0). Author A, Author B, Author C, et al. A study of things, in part two. Journal. 2009;325:1705-8." }
        let html = """
            <html><body><main><article><h1>An observational study</h1><div class="toolbar"><a href="/pdf">PDF</a> <a href="/cite">Cite</a></div>
            <div class="article__body"><div class="hlFld-Abstract">\(zip(sections, abstract).map { "<h2>\($0):</h2><p>\($1)</p>" }.joined())</div>
            <div class="article__references"><h2>References</h2><ul class="rlist">\(references.map { "<li class=\"references__item\"><span class=\"references__note\">\($0)</span></li>" }.joined())</ul></div>
            </div></article></main></body></html>
            """
        let body = page(html).body
        #expect(body.filter { $0.kind == .paragraph }.map(\.text) == abstract)
        #expect(body.filter { $0.kind == .item }.map(\.text) == references)
    }

    @Test func aLedeUnderAHeadlineMarkedUpAsSuchOpensTheBody() {
        let lede = "How many days a year may staff stay at home when their child is ill, and who pays them while they do so?"
        let story = prose(12)
        let html = """
            <html><head><meta name="description" content="Questions and answers for employers."></head><body>
            <ul class="crumbs"><li><a href="/">Home</a></li><li><h1>Child ill: what employers must know</h1></li></ul>
            <article><div class="article-header"><header><div itemprop="headline">Child ill: what employers must know</div></header>
            <p class="article-excerpt">\(lede)</p></div><h2>Contents</h2><div class="article-body">\(paragraphs(story))</div></article></body></html>
            """
        #expect(page(html).body.map(\.text) == [lede] + story)
    }

    @Test func bytesAreReadAsTheWriterMeantThem() {
        let utf8 = Array("<html><head><meta charset=utf-8></head><body><p>So schön winterlich, Grüße</p>".utf8)
        // One stray Latin-1 "ü" (0xFC) in an otherwise UTF-8 page: the rest stays UTF-8.
        let mixed = Data(utf8 + [0x20, 0xFC, 0x20] + Array("</body></html>".utf8))
        let mixedText = PageDecoding.text(from: mixed)
        #expect(mixedText.contains("So schön winterlich, Grüße"))
        #expect(mixedText.contains("\u{FFFD}"))
        // A Latin-1 page, declared or not, is Windows-1252.
        let latin1 = Data(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><p>Grüße".utf8.map { $0 }
        ).latin1
        #expect(PageDecoding.text(from: latin1).contains("Grüße"))
        #expect(PageDecoding.text(from: Data([0x47, 0x72, 0xFC, 0xDF, 0x65, 0x20, 0x93, 0x71, 0x94])) == "Grüße \u{201C}q\u{201D}")
        // Shift_JIS, as the page declares it.
        let japanese = "<meta charset=\"shift_jis\"><p>日本語のページ</p>"
        let shiftJIS = Data(japanese.data(using: .shiftJIS) ?? Data())
        #expect(PageDecoding.text(from: shiftJIS).contains("日本語のページ"))
    }
}

extension Data {
    /// The same text re-encoded as Latin-1 (the test writes it in Swift's UTF-8 literals).
    fileprivate var latin1: Data { String(decoding: self, as: UTF8.self).data(using: .isoLatin1) ?? Data() }
}
