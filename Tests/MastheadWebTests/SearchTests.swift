import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import Testing

@Suite("Search")
struct SearchTests {
    static func results(_ site: TestSite, _ query: String) async throws -> (status: HTTPResponse.Status, headlines: [String], html: String) {
        let uri = "/search?" + query
        return try await site.client.execute(uri: uri, method: .get) { response in
            let html = String(buffer: response.body)
            let headlines = html.components(separatedBy: "<h2 class=\"card-headline\"><a href=\"").dropFirst().map { part -> String in
                let afterTag = part.drop { $0 != ">" }.dropFirst()
                return PageText.text(of: String(afterTag.prefix { $0 != "<" }))
            }
            return (response.status, headlines, html)
        }
    }

    @Test func wordsPhrasesAndPrefixesFindRankedHighlightedResults() async throws {
        try await withTestApp { site in
            let seawall = try await Self.results(site, "q=seawall")
            #expect(seawall.headlines.first == "Council Approves $48 Million Seawall Plan After Four-Hour Debate")
            #expect(seawall.html.contains("<mark>seawall</mark>"))
            let phrase = try await Self.results(site, "q=%22harbor+district%22")
            #expect(!phrase.headlines.isEmpty)
            let prefix = try await Self.results(site, "q=crocus*")
            #expect(prefix.headlines == ["Crocuses Bloom Early in Harbor Park After Mild Winter"])
            // A byline and a tag are searchable too.
            #expect(try await Self.results(site, "q=Lindqvist").headlines.contains("Kestrel Bay Rowing Club Marks 100 Years on the Water"))
            // Recency breaks near-ties: of two ferry stories, the newer comes first.
            let ferry = try await Self.results(site, "q=ferry")
            #expect(
                ferry.headlines.firstIndex(of: "Ferry Fares Frozen for Island Residents Through 2027")! < ferry.headlines.firstIndex(
                    of: "Summer Ferry Ridership Breaks Record as Visitors Flock to Marrow Island"
                )!
            )
        }
    }

    @Test func aQueryFromTheSitesOwnFormReadsPlusAsASpace() async throws {
        try await withTestApp { site in
            // As a browser sends "seawall plan" typed into the search box.
            let typed = try await Self.results(site, "q=seawall+plan")
            #expect(typed.html.contains("value=\"seawall plan\""))
            #expect(!typed.html.contains("seawall+plan"))
            #expect(typed.headlines.first == "Council Approves $48 Million Seawall Plan After Four-Hour Debate")
            // An encoded plus is a plus.
            #expect(try await Self.results(site, "q=C%2B%2B").html.contains("value=\"C++\""))
        }
    }

    @Test func filtersNarrowBySectionAndDate() async throws {
        try await withTestApp { site in
            let all = try await Self.results(site, "q=harbor")
            let sport = try await Self.results(site, "q=harbor&section=sport")
            // Every sport hit is a sport article, there is at least one, and the unfiltered search finds others too.
            let sportHeadlines: Set = [
                "Harbor League Final: Dockside United Face Valley Rovers in Rematch", "Kestrel Bay Rowing Club Marks 100 Years on the Water",
                "Oyelaran's Dockside Grind Past Lighthouse FC Into the Final",
            ]
            #expect(!sport.headlines.isEmpty)
            #expect(sport.headlines.allSatisfy(sportHeadlines.contains))
            #expect(all.headlines.contains { !sportHeadlines.contains($0) })
            let window = try await Self.results(site, "q=harbor&from=2026-11-29&to=2026-11-30")
            #expect(window.headlines.contains("Council Approves $48 Million Seawall Plan After Four-Hour Debate"))
            #expect(!window.headlines.contains("Kestrel Bay Rowing Club Marks 100 Years on the Water"))
            #expect(try await Self.results(site, "q=harbor&from=yesterday").status == .badRequest)
        }
    }

    @Test(arguments: [
        "%22", "NEAR(a+b)", "col%3Aheadline", "*", "AND+OR+NOT", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a%27%3B+DROP+TABLE+article%3B--",
        String(repeating: "x", count: 10_000), "%F0%9F%90%A6", "",
    ])
    func hostileQueriesAnswerCalmlyAndEchoEscaped(_ query: String) async throws {
        try await withTestApp { site in
            let answer = try await Self.results(site, "q=\(query)")
            #expect(answer.status == .ok)
            #expect(!answer.html.contains("<script>alert"))
            #expect(try await site.stores.articles.count() == 42)
        }
    }

    @Test func theIndexFollowsPublishingAndUnpublishingAndCanBeRebuilt() async throws {
        try await withTestApp { site in
            let ferry = try #require(try await site.stores.articles.article(slug: Slug(from: "ferry-fares-freeze")!))
            #expect(try await Self.results(site, "q=Featherstone").headlines.count == 1)
            var input = ferry.input
            input.status = .unpublished
            try await Publishing(stores: site.stores, clock: TestSupport.clock).save(input)
            #expect(try await Self.results(site, "q=Featherstone").headlines.isEmpty)
            #expect(try await Maintenance.reindex(site.configuration) == 41)
            #expect(try await Self.results(site, "q=Featherstone").headlines.isEmpty)
            #expect(try await Self.results(site, "q=seawall").headlines.count == 1)
        }
    }
}

@Suite("Related articles")
struct RelatedArticlesTests {
    @Test func anArticleListsRelatedStoriesBySharedTagsAndWords() async throws {
        try await withTestApp { site in
            let final = try #require(try await site.stores.articles.article(slug: Slug(from: "harbor-league-final-preview")!))
            let related = try await site.stores.articles.related(to: final.id, now: TestSupport.now).map(\.slug.rawValue)
            // The semifinal shares both of its tags (Football, Harbor League) and its section.
            #expect(related.first == "harbor-league-semifinal-report")
            #expect(related.count <= 4)
            #expect(!related.contains("harbor-league-final-preview"))
            try await site.client.execute(uri: "/2026/11/29/harbor-league-final-preview", method: .get) { response in
                let text = PageText.text(of: String(buffer: response.body))
                #expect(PageText.firstOutOfOrder(["Tags", "Related", "Dockside Grind Past Lighthouse FC", "Editor's Picks"], in: text) == nil)
            }
        }
    }

    @Test func unpublishedArticlesNeverAppearAsRelated() async throws {
        try await withTestApp { site in
            let semifinal = try #require(try await site.stores.articles.article(slug: Slug(from: "harbor-league-semifinal-report")!))
            var input = semifinal.input
            input.status = .unpublished
            try await Publishing(stores: site.stores, clock: TestSupport.clock).save(input)
            let final = try #require(try await site.stores.articles.article(slug: Slug(from: "harbor-league-final-preview")!))
            let related = try await site.stores.articles.related(to: final.id, now: TestSupport.now).map(\.slug.rawValue)
            #expect(!related.contains("harbor-league-semifinal-report"))
        }
    }
}
