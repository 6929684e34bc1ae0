import Foundation
import Testing

@testable import MastheadImport

/// Dates on saved pages: the zone the page's readers saw, datelines that open the
/// story, and metadata spread over several JSON-LD blocks.
@Suite struct PageZoneTests {
    func page(_ html: String, zone: TimeZone = .gmt) -> RecognisedPage {
        LegacyPageReader.recognise(html, fileName: "page.html", fallbackZone: zone)
    }

    let body = (1...3).map { "<p>Paragraph \($0) says that the harbour plan, which the council debated, will cost more this year.</p>" }.joined()

    @Test(arguments: [
        // A language with its country, the country of the address, a language of one zone.
        (#"<html lang="es-AR">"#, "https://diario.example.com/nota", "2022-05-03T21:25:56-03:00"),
        (#"<html lang="es">"#, "https://www.diario.com.ar/nota", "2022-05-03T21:25:56-03:00"),
        (#"<html lang="de">"#, "https://zeitung.example.com/artikel", "2022-05-04T02:25:56+02:00"),
        (#"<html><head><meta property="og:locale" content="pt_BR">"#, "https://example.com/a", "2022-05-03T21:25:56-03:00"),
        // No single zone: English on a .com, the CMS default "en-US", a .co address.
        (#"<html lang="en">"#, "https://news.example.com/story", "2022-05-04T00:25:56+00:00"),
        (#"<html lang="en-US">"#, "https://news.example.com/story", "2022-05-04T00:25:56+00:00"),
        (#"<html lang="es">"#, "https://startup.co/story", "2022-05-04T00:25:56+00:00"),
    ])
    func aUTCTimeIsShownInThePagesOwnZone(_ opening: String, _ url: String, _ expected: String) {
        let html = """
            \(opening)<link rel="canonical" href="\(url)">
            <meta property="article:published_time" content="2022-05-04T00:25:56Z"><body><article><h1>H</h1>\(body)</article></body></html>
            """
        let found = page(html)
        #expect(found.published?.iso8601 == expected)
        // The instant never moves: only the zone it is written in.
        #expect(found.published?.date == ISO8601DateFormatter().date(from: "2022-05-04T00:25:56Z"))
    }

    @Test func aDayWrittenAsMidnightUTCStaysThatDay() {
        // Shown in Toronto's zone it would be the evening before.
        let html = """
            <html lang="en-CA"><head><meta property="article:published_time" content="2020-01-10T00:00:00Z"><body><article><h1>H</h1>\(body)</article></body></html>
            """
        #expect(page(html).published?.iso8601 == "2020-01-10T00:00:00+00:00")
    }

    @Test func aTimeWithoutAZoneIsReadInThePagesZone() {
        let html = """
            <html lang="fr"><head><meta property="article:published_time" content="2021-07-01T09:30:00"><body><article><h1>H</h1>\(body)</article></body></html>
            """
        let found = page(html, zone: TimeZone(identifier: "America/Chicago")!)
        #expect(found.published?.iso8601 == "2021-07-01T09:30:00+02:00")
        #expect(found.warnings.contains { $0.contains("Europe/Paris") })
    }

    @Test func anArticleInALaterJSONLDBlockWinsOverTheSitesWebPage() {
        let html = """
            <html><head>
            <script type="application/ld+json">{"@type":"WebPage","name":"The Site","datePublished":"2019-01-01T00:00:00Z"}</script>
            <script type="application/ld+json">{"@type":"Article","headline":"The story","datePublished":"2022-12-12T14:42:39Z",
            "author":{"@id":"#anna"}}</script>
            <script type="application/ld+json">{"@type":"Person","@id":"#anna","name":"Anna Weber"}</script>
            </head><body><article>\(body)</article></body></html>
            """
        let found = page(html)
        #expect(found.headline == "The story")
        #expect(found.published?.iso8601 == "2022-12-12T14:42:39+00:00")
        #expect(found.authors == ["Anna Weber"])
    }

    @Test func aDatelineOpeningTheStoryDatesIt() {
        let html = """
            <html><body><article><h1>H</h1><p>27.1.2022 - Bei der Erinnerung an die Verfolgten sprach der Rat lange über den Plan.</p>\(body)</article></body></html>
            """
        let found = page(html)
        #expect(found.published?.iso8601 == "2022-01-27T00:00:00+00:00")
        #expect(found.sources["published"] == "text")
    }

    @Test func aPublicationWordAfterAnUpdateStartsItsOwnPart() {
        let (published, updated) = PageDates.dateline("Letzte Änderung: 31.10.2023 - 14:49:39 Erschienen am: 01.11.2023", fallbackZone: .gmt)
        #expect(published?.iso8601 == "2023-11-01T00:00:00+00:00")
        #expect(updated?.iso8601 == "2023-10-31T14:49:00+00:00")
    }

    @Test func millisecondsAfterAColonAreStillATime() {
        #expect(PageDates.iso("2022-01-10T22:06:08:684Z", fallbackZone: .gmt)?.iso8601 == "2022-01-10T22:06:08+00:00")
    }
}
