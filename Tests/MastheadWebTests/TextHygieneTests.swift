import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Whatever text is stored, every output stays well-formed: random Unicode with
/// controls, `]]>`, `</script>`, bidirectional marks, emoji and combining marks in
/// every field, then every page, feed and sitemap that shows them is parsed.
@Suite("Text hygiene: every output stays well-formed")
struct TextHygieneTests {
    static let pieces: [String] = [
        "\u{0001}", "\u{0007}", "\u{000B}", "\u{000C}", "\u{001B}", "\u{007F}", "\u{0080}", "\u{0085}", "\u{009F}", "\r\n", "\r", "\t",
        "]]>", "</script>", "<script>alert(1)</script>", "<!--", "-->", "&", "&amp;", "&#0;", "\"", "'", "<", ">", "\u{200F}", "\u{202E}",
        "\u{2028}", "\u{2029}", "\u{FEFF}", String(Character(Unicode.Scalar(0xFFFE)!)), String(Character(Unicode.Scalar(0xFDD0)!)), "\u{FFFD}",
        "e\u{0301}", "\u{0308}", "👩‍👩‍👧", "🇩🇪", "\u{00A0}", "مرحبا",
        "日本語", "{{name}}", "*", "_", "[x](javascript:alert(1))", "seawall", " ",
    ]

    static func random(_ generator: inout some RandomNumberGenerator, minimum: Int = 1) -> String {
        let text = (0..<Int.random(in: 3...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        // A field must keep a letter to be accepted at all (a headline of controls alone is empty).
        return "Word " + text + (minimum > 1 ? " end" : "")
    }

    /// Code points no HTML or XML document may carry.
    static func forbidden(in text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            let value = scalar.value
            return (value < 0x20 && ![0x09, 0x0A, 0x0D].contains(value)) || (0x7F...0x9F).contains(value) || (0xFDD0...0xFDEF).contains(value)
                || value & 0xFFFE == 0xFFFE
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    final class XMLCheck: NSObject, XMLParserDelegate {}

    static func isWellFormedXML(_ data: Data) -> Bool {
        let parser = XMLParser(data: data)
        let delegate = XMLCheck()
        parser.delegate = delegate
        return parser.parse()
    }

    @Test(arguments: [1, 2, 3, 4])
    func randomUnicodeInEveryFieldLeavesEveryOutputWellFormed(seed: UInt64) async throws {
        var generator = CorpusRandom(seed: seed)
        let texts = (0..<16).map { _ in Self.random(&generator) }
        let setup: @Sendable (Stores) async throws -> Void = { stores in
            var settings = try #require(try await stores.site.settings())
            settings.name = texts[0]
            settings.tagline = texts[1]
            settings.rightsLine = texts[2]
            try await stores.site.saveSettings(settings)
            let section = try await stores.taxonomy.saveSection(slug: Slug(from: "odd")!, name: texts[3], description: texts[4], position: 9)
            let author = try await stores.taxonomy.saveAuthor(
                slug: Slug(from: "odd-writer")!,
                name: texts[5],
                bio: texts[6],
                photoURL: nil,
                role: texts[7]
            )
            let tag = try await stores.taxonomy.findOrCreateTag(slug: Slug(from: "odd-tag")!, name: texts[8])
            try await Publishing(stores: stores, clock: TestSupport.clock).save(
                ArticleInput(
                    slug: "odd-text",
                    headline: texts[9],
                    standfirst: texts[10],
                    sectionID: section.id,
                    authorIDs: [author.id],
                    tagIDs: [tag.id],
                    leadImage: LeadImage(url: "/media/odd.jpg", alt: texts[11], credit: texts[12], caption: texts[13]),
                    bodyMarkdown: texts[14] + "\n\n" + texts[15],
                    status: .published,
                    publishedAt: TestSupport.now.addingTimeInterval(-60)
                )
            )
        }
        try await withTestApp(setup: setup) { site in
            let article = try #require(try await site.stores.articles.article(slug: Slug(from: "odd-text")!))
            // Stored clean, whichever door it came through.
            #expect(Self.forbidden(in: article.headline + article.standfirst + article.bodyMarkdown).isEmpty)
            #expect(article.headline == article.headline.precomposedStringWithCanonicalMapping)
            let newsSitemap = try await site.client.execute(uri: "/sitemap-news.xml", method: .get) { String(buffer: $0.body) }
            let address = try #require(newsSitemap.components(separatedBy: "<loc>").first { $0.contains("odd-text") }?.prefix { $0 != "<" })
            let pages = [
                String(address.dropFirst("https://courier.example".count)), "/", "/section/odd", "/tag/odd-tag", "/author/odd-writer",
                "/search?q=seawall",
                // The reader's own query, echoed back in the search box.
                "/search?q=" + (texts[0].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            ]
            for uri in pages {
                let html = try await site.client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    return String(buffer: response.body)
                }
                #expect(Self.forbidden(in: html).isEmpty, "\(uri): \(Self.forbidden(in: html))")
                // Only the site's own scripts: JSON-LD and the view beacon, never one from the text.
                #expect(!html.contains("<script>alert"), "\(uri)")
                for block in html.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst() {
                    let json = String(block.prefix { $0 != "<" })
                    #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(uri): JSON-LD does not parse")
                }
            }
            for uri in [
                "/feed.xml", "/atom.xml", "/section/odd/feed.xml", "/tag/odd-tag/atom.xml", "/sitemap-news.xml", "/sitemap-articles-1.xml",
                "/sitemap-pages.xml",
            ] {
                let body = try await site.client.execute(uri: uri, method: .get) { Data($0.body.readableBytesView) }
                #expect(Self.isWellFormedXML(body), "\(uri) is not well-formed XML")
            }
            for uri in ["/feed.json", "/author/odd-writer/feed.json"] {
                let body = try await site.client.execute(uri: uri, method: .get) { Data($0.body.readableBytesView) }
                #expect((try? JSONSerialization.jsonObject(with: body)) != nil, "\(uri) does not parse")
            }
        }
    }
}
