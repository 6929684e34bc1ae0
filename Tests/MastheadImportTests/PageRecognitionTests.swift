import Foundation
import Testing

@testable import MastheadImport

/// The page recogniser on the shapes that real pages take and the fixtures do not:
/// each case is one class of page that an earlier recogniser got wrong.
@Suite struct PageRecognitionTests: PageSamples {
    @Test func aMetaSummaryIsNotTheArticleBody() {
        let paragraphs = prose(6)
        let html = """
            <html><body><div itemscope><meta itemprop="articleBody" content="A one-line summary.">
            <h1>Headline</h1><div itemprop="articleBody">\(paragraphs.map { "<p>\($0)</p>" }.joined())</div></div></body></html>
            """
        #expect(page(html).body.map(\.text) == paragraphs)
    }

    @Test func aPublicationDatePrintedOnlyInTheFooterIsRead() throws {
        let html = """
            <html><body><h1>Headline</h1><div class="text">\(prose(4).map { "<p>\($0)</p>" }.joined())</div>
            <footer><p>Letzte Änderung: 31.10.2023 - 14:49<br>Erschienen am: 01.11.2023<br>© bei der Autorin</p></footer></body></html>
            """
        let recognised = page(html)
        #expect(try #require(recognised.published).date == Date(timeIntervalSince1970: 1_698_796_800))
        #expect(recognised.sources["published"] == "text")
    }

    @Test func aDateInTheApplicationsOwnScriptDataIsRead() throws {
        let html = """
            <html><body><h1>Headline</h1><div class="text">\(prose(4).map { "<p>\($0)</p>" }.joined())</div>
            <script>self.__data = {"image": {"createdAt": "2019-01-01T00:00:00Z"}, "article": {"publishedAt": "2022-01-31T15:58:43+01:00"}}</script>
            </body></html>
            """
        let recognised = page(html)
        // The publication key wins over an earlier creation time of something else.
        #expect(try #require(recognised.published).date == Date(timeIntervalSince1970: 1_643_641_123))
        #expect(recognised.sources["published"] == "script")
    }

    @Test func paragraphsInSiblingDivsAllCount() {
        let paragraphs = prose(50)
        let html = "<html><body><div class=\"wrap\">\(paragraphs.map { "<div><p>\($0)</p></div>" }.joined())</div></body></html>"
        #expect(page(html).body.map(\.text) == paragraphs)
    }

    @Test func aFrenchArticleBodyWithTwoAuthors() {
        let paragraphs = prose(4, "marché")
        let html = """
            <html><body><article><h1>Le marché rouvre</h1>
            <p class="byline">Par <span class="author">Anne Martin</span> et <span class="author">Luc Roux</span></p>
            <div class="article-body">\(paragraphs.map { "<p>\($0)</p>" }.joined())</div></article></body></html>
            """
        let found = page(html)
        #expect(found.body.map(\.text) == paragraphs)
        #expect(found.authors == ["Anne Martin", "Luc Roux"])
    }

    @Test func readersCommentsAreNotTheArticle() {
        let article = prose(3)
        let comments = (1...20).map { "Comment \($0): I think the harbour plan, like every plan before it, is a waste of money and time for all." }
        let html = """
            <html><body><article><h1>Plan approved</h1>\(article.map { "<p>\($0)</p>" }.joined())</article>
            <section id="comments" class="comments">\(comments.map { "<div class=\"comment\"><span class=\"author\">Reader</span><p>\($0)</p></div>" }.joined())</section>
            </body></html>
            """
        #expect(page(html).body.map(\.text) == article)
    }

    @Test func listsTablesAndCodeAreKept() {
        let html = """
            <html><body><article><h1>Results</h1>
            <p>The count finished late on Sunday, and the results, which were close, are below for every ward of the city.</p>
            <ul><li>North ward turnout rose to 61 percent</li><li>South ward turnout fell to 48 percent</li></ul>
            <table><tr><th>Party</th><th>Seats</th></tr><tr><td>Harbour</td><td>12</td></tr></table>
            <pre>seats = 12 + 9</pre>
            <p>The new council meets for the first time on Thursday, when it will elect a mayor from among its members.</p>
            </article></body></html>
            """
        let kinds = page(html).body.map { "\($0.kind.rawValue): \($0.text)" }
        #expect(kinds.contains("item: North ward turnout rose to 61 percent"))
        #expect(kinds.contains("row: Harbour | 12"))
        #expect(kinds.contains("code: seats = 12 + 9"))
    }

    @Test func theSitesNameInAnH1IsNotTheHeadline() {
        let html = """
            <html><head><title>Ferry Deal Agreed | Bayview Courier</title></head><body>
            <div class="masthead"><h1><a href="/">Bayview Courier</a></h1></div>
            <div class="story"><h2 class="story-title">Ferry Deal Agreed</h2>\(prose(3).map { "<p>\($0)</p>" }.joined())</div>
            <footer>© 2019 Bayview Courier | Imprint | Data protection</footer></body></html>
            """
        let found = page(html)
        #expect(found.headline == "Ferry Deal Agreed")
        #expect(found.rights == "© 2019 Bayview Courier")
    }

    @Test(arguments: [
        ("By TOM KRISHER, AP Auto Writer", ["Tom Krisher"]),
        ("Par Anne Martin et Luc Roux", ["Anne Martin", "Luc Roux"]),
        ("von Benjamin Fischer und Marcus Theurer", ["Benjamin Fischer", "Marcus Theurer"]),
        ("por Ana Gómez", ["Ana Gómez"]),
        ("By Joshua Sokol May 3, 2020", ["Joshua Sokol"]),
        ("by mara lindqvist", ["Mara Lindqvist"]),
        ("Veröffentlicht von Cem Basman", ["Cem Basman"]),
        ("Christoph Hein Chefredakteur", ["Christoph Hein"]),
        ("Name *", []),
        ("By Reuters", ["Reuters"]),
        ("By Lena Okafor, Reuters", ["Lena Okafor"]),
    ])
    func bylinesInAnyLanguageAndCase(_ byline: String, _ names: [String]) {
        #expect(Bylines.names(in: byline) == names)
    }

    @Test func jsonLDDatesWinOverOpenGraphAndTheSiteHeader() {
        let html = """
            <html><head><meta property="article:published_time" content="2020-02-25T08:00:00+01:00">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2020-02-24T10:00:00+01:00"}</script>
            </head><body><div class="topbar">Mittwoch, 26.02.2020</div><article>\(prose(3).map { "<p>\($0)</p>" }.joined())</article></body></html>
            """
        let found = page(html)
        #expect(found.published?.iso8601 == "2020-02-24T10:00:00+01:00")
        #expect(found.sources["published"] == "json-ld")
    }

    @Test func aMetaDateWinsOverTheSiteHeadersDate() {
        let html = """
            <html><head><meta name="date" content="2020-02-21"></head><body>
            <header><div class="date">Mittwoch, 26.02.2020</div></header><article><h1>H</h1>\(prose(3).map { "<p>\($0)</p>" }.joined())</article></body></html>
            """
        #expect(page(html).published?.iso8601 == "2020-02-21T00:00:00+00:00")
    }

    @Test func aDatelineGivesPublishedAndUpdatedApart() {
        let html = """
            <html><body><article><h1>H</h1><p class="dateline">Published 4 May 2021, 10:00 CEST · Updated 4 May 2021, 15:45 CEST</p>
            \(prose(3).map { "<p>\($0)</p>" }.joined())</article></body></html>
            """
        let found = page(html)
        #expect(found.published?.iso8601 == "2021-05-04T10:00:00+02:00")
        #expect(found.updated?.iso8601 == "2021-05-04T15:45:00+02:00")
    }

    @Test func anUpdateTimeAloneStandsForThePublicationTime() {
        let html = """
            <html><body><article><h1>H</h1><p class="dateline">Updated 17 January 2021</p>\(prose(3).map { "<p>\($0)</p>" }.joined())</article></body></html>
            """
        let found = page(html)
        #expect(found.published?.iso8601 == "2021-01-17T00:00:00+00:00")
        #expect(found.sources["published"] == "updated")
        #expect(found.warnings.contains { $0.contains("only the time it was updated") })
    }

    @Test func digitsOfOtherScriptsInADateDoNotStopTheReader() {
        let html = """
            <html><head><meta itemprop="datePublished" content="২০২০-০৮-২৯T১০:৪৬:০৬+০১:০০"></head>
            <body><article><h1>H</h1>\(prose(2).map { "<p>\($0)</p>" }.joined())</article></body></html>
            """
        #expect(page(html).body.count == 2)
    }

    @Test func anUnclosedHeadAndHeaderStillHaveABody() {
        let paragraphs = prose(5)
        let html =
            "<html><head><title>T</title><body><header class=\"header\"><nav>Home</nav><article>\(paragraphs.map { "<p>\($0)</p>" }.joined())</article></body></html>"
        #expect(page(html).body.map(\.text) == paragraphs)
    }

    @Test func aPageWithoutArticleTextSaysSo() {
        let found = page("<html><body><nav><a href=\"/\">Home</a></nav></body></html>")
        #expect(found.body.isEmpty)
        #expect(found.warnings.contains("no article text was found on the page."))
        guard case .failure = found.article(sourceKey: "page:x", fallbackSection: "News") else {
            Issue.record("an empty page must not become an article")
            return
        }
    }

    @Test func aDeepAndLongPageComesBackWhole() {
        let paragraphs = prose(2_000)
        let nested = String(repeating: "<div>", count: 400) + paragraphs.map { "<p>\($0)</p>" }.joined() + String(repeating: "</div>", count: 400)
        #expect(page("<html><body>\(nested)</body></html>").body.count == 2_000)
    }

    @Test func aLowerCaseBylineAnchorsATextSave() {
        let text = """
            THE LAKESIDE BULLETIN
            Library Opens on Sundays
            by mara lindqvist | | Nov 2, 2021 06:15 PM CET |
            The town library will open on Sundays from January after residents asked for longer hours.
            ©2021 Lakeside Bulletin
            """
        let found = LegacyPageReader.recognise(text, fileName: "page.txt", fallbackZone: .gmt)
        #expect(found.headline == "Library Opens on Sundays")
        #expect(found.authors == ["Mara Lindqvist"])
        #expect(found.published?.iso8601 == "2021-11-02T18:15:00+01:00")
    }
}
