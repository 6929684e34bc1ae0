import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Feeds", .onEveryEngine)
struct FeedTests {
    /// Parses XML with Foundation's parser; `nil` when it is not well-formed.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var text: [String: [String]] = [:]
        private var current = ""
        private var buffer = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            elements.append(name)
            current = name
            buffer = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { buffer += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            text[name, default: []].append(buffer)
            buffer = ""
        }
    }

    static func parse(_ data: Data) -> Collector? {
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    @Test func theSiteHasRSSAtomAndJSONFeedsOfPublishedArticles() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: "/feed.xml", method: .get) { response in
                #expect(response.headers[.contentType] == "application/rss+xml; charset=utf-8")
                let rss = try #require(Self.parse(Data(response.body.readableBytesView)))
                #expect(rss.elements.filter { $0 == "item" }.count == 20)
                #expect(rss.text["title"]?.dropFirst().first == "Council Approves $48 Million Seawall Plan After Four-Hour Debate")
                #expect(rss.text["link"]?.contains("https://courier.example/2026/11/30/council-approves-harbor-seawall-plan") == true)
                #expect(rss.text["pubDate"]?.first == "Mon, 30 Nov 2026 10:00:00 GMT")
                #expect(rss.text["dc:creator"]?.first == "Marisol Vega")
            }
            try await site.client.execute(uri: "/atom.xml", method: .get) { response in
                let atom = try #require(Self.parse(Data(response.body.readableBytesView)))
                #expect(atom.elements.filter { $0 == "entry" }.count == 20)
                #expect(atom.text["content"]?.first?.contains("<p>Kestrel Bay's city council voted") == true)
            }
            try await site.client.execute(uri: "/feed.json", method: .get) { response in
                let feed = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
                let first = try #require((feed["items"] as? [[String: Any]])?.first)
                #expect(first["date_published"] as? String == "2026-11-30T05:00:00-05:00")
                #expect((first["image"] as? String)?.hasPrefix("https://courier.example/media/") == true)
            }
        }
    }

    @Test func sectionTagAndAuthorFeedsListOnlyTheirArticlesAndAnswer304() async throws {
        try await withTestApp { site in
            let etag = try await site.client.execute(uri: "/tag/rowing/feed.xml", method: .get) { response in
                let rss = try #require(Self.parse(Data(response.body.readableBytesView)))
                #expect(rss.elements.filter { $0 == "item" }.count == 1)
                return try #require(response.headers[.eTag])
            }
            try await site.client.execute(uri: "/tag/rowing/feed.xml", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
            try await site.client.execute(uri: "/author/priya-raman/atom.xml", method: .get) { response in
                let atom = try #require(Self.parse(Data(response.body.readableBytesView)))
                #expect(Set(atom.text["name"] ?? []).contains("Priya Raman"))
            }
            try await site.client.execute(uri: "/section/nope/feed.json", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func hostileTextStaysWellFormedAndInert() async throws {
        let setup: @Sendable (Stores) async throws -> Void = { stores in
            let section = try #require(try await stores.taxonomy.sections().first)
            let author = try #require(try await stores.taxonomy.authors().first)
            try await Publishing(stores: stores, clock: TestSupport.clock).save(
                ArticleInput(
                    slug: "hostile-feed",
                    headline: "Feed <script>alert(1)</script> & ]]> \u{0001}",
                    sectionID: section.id,
                    authorIDs: [author.id],
                    bodyMarkdown: "Body <img src=x onerror=alert(1)>",
                    status: .published,
                    publishedAt: TestSupport.now.addingTimeInterval(-30)
                )
            )
        }
        try await withTestApp(setup: setup) { site in
            for uri in ["/feed.xml", "/atom.xml"] {
                try await site.client.execute(uri: uri, method: .get) { response in
                    let body = Data(response.body.readableBytesView)
                    #expect(Self.parse(body) != nil, "\(uri) is not well-formed")
                    #expect(!String(decoding: body, as: UTF8.self).contains("<script"))
                }
            }
        }
    }
}
