import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import MastheadWeb
import Testing

/// One article's save drops the pages that show it and the lists it is on, and
/// leaves every other cached page cached (issue #19: changes announce themselves),
/// on every instance: the saves here come through the stores, as from another
/// process, and the server finds out from the content revision.
@Suite("Targeted purges: a save drops what it touched", .onEveryEngine)
struct TargetedPurgeTests {
    struct Story {
        var article: Article
        var path: String
        var related: Set<ArticleID>
    }

    static func stories(_ site: TestSite) async throws -> [Story] {
        let zone = try await site.stores.site.settings()?.timeZone ?? .gmt
        let summaries = try await site.stores.articles.list(.all, page: PageRequest(page: 1, perPage: 100), now: TestSupport.now).items
        var stories: [Story] = []
        for summary in summaries {
            let article = try #require(try await site.stores.articles.article(id: summary.id))
            let related = Set(try await site.stores.articles.related(to: summary.id, now: TestSupport.now).map(\.id))
            let path = SiteURL.article(article.slug, publishedAt: summary.publishedAt, formatter: SiteDateFormatter(timeZone: zone)).path()
            stories.append(Story(article: article, path: path, related: related))
        }
        return stories
    }

    /// A story that has nothing in common with `saved`: another section, other tags
    /// and authors, and neither in the other's related list.
    static func unrelated(to saved: Story, in stories: [Story]) throws -> Story {
        let unrelated = stories.first { story in
            story.article.section.id != saved.article.section.id
                && Set(story.article.tags.map(\.id)).isDisjoint(with: saved.article.tags.map(\.id))
                && Set(story.article.authors.map(\.id)).isDisjoint(with: saved.article.authors.map(\.id))
                && !story.related.contains(saved.article.id) && !saved.related.contains(story.article.id)
        }
        return try #require(unrelated)
    }

    /// Each request on a connection of its own: under a loaded test run, a connection
    /// left idle while the readers finish may be closed by the server's idle timeout.
    static func get(_ site: TestSite, _ uri: String) async throws -> String {
        let port = try #require(site.client.port)
        return try await TestClient.withClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(60))) { client in
            let response = try await client.get(uri)
            #expect(response.status == .ok, "\(uri)")
            return response.body.map { String(buffer: $0) } ?? ""
        }
    }

    static func renders(_ site: TestSite) async throws -> Int {
        let text = try await get(site, "/metrics")
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("masthead_page_cache_renders_total ") })
        return try #require(Int(line.split(separator: " ")[1]))
    }

    /// Waits (up to 30 s) until the server shows `text` at `uri`: it learns of a save by polling.
    static func waitFor(_ text: String, at uri: String, _ site: TestSite) async throws {
        for _ in 0..<3_000 {
            if try await get(site, uri).contains(text) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("\(uri) never showed \(text)")
    }

    @Test func savesUnderLoadLeaveUnrelatedPagesCached() async throws {
        try await withTestApp(overHTTP: true) { site in
            // Saved once first: the demo's related lists are worked out in bulk, and the first
            // save of a story may give it (and its neighbours) new ones.
            let publishing = Publishing(stores: site.stores, clock: TestSupport.clock)
            let first = try #require(try await Self.stories(site).first { $0.article.section.slug.rawValue == "sport" })
            _ = try await publishing.save(first.article.input)
            let stories = try await Self.stories(site)
            let saved = try #require(stories.first { $0.article.id == first.article.id })
            let kept = try Self.unrelated(to: saved, in: stories)
            let keptSection = "/section/\(kept.article.section.slug)"
            let savedSection = "/section/\(saved.article.section.slug)"
            for uri in [kept.path, saved.path, keptSection, savedSection] { _ = try await Self.get(site, uri) }
            let warm = try await Self.renders(site)
            // Twenty readers at once, each on a connection of its own, on the story that is not
            // saved, while its neighbour is saved three times.
            let port = try #require(site.client.port)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await TestClient.withClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(60))) { reader in
                            for _ in 0..<10 {
                                let status = try await reader.get(kept.path).status
                                #expect(status == .ok)
                            }
                        }
                    }
                }
                for round in 1...3 {
                    var input = saved.article.input
                    input.standfirst = "Revised standfirst, round \(round)."
                    _ = try await publishing.save(input)
                    try await Self.waitFor("Revised standfirst, round \(round).", at: saved.path, site)
                }
                try await group.waitForAll()
            }
            // Three renders, one per version of the saved story; the story read 200
            // times meanwhile was never dropped (with every save emptying the cache: six).
            let during = try await Self.renders(site) - warm
            #expect(during == 3)
            try await Self.waitFor("Revised standfirst, round 3.", at: savedSection, site)
            // Nor was its section: reading them renders nothing.
            let before = try await Self.renders(site)
            for uri in [kept.path, keptSection] { _ = try await Self.get(site, uri) }
            #expect(try await Self.renders(site) == before)
            // A write that records no change (the site's settings) still drops every page.
            var settings = try #require(try await site.stores.site.settings())
            settings.name = "The Kestrel Bay Evening Courier"
            try await site.stores.site.saveSettings(settings)
            try await Self.waitFor("The Kestrel Bay Evening Courier", at: kept.path, site)
        }
    }

    @Test func aStoryShownAsRelatedLeavesThePagesThatShowIt() async throws {
        try await withTestApp(overHTTP: true) { site in
            let zone = try await site.stores.site.settings()?.timeZone ?? .gmt
            let summaries = try await site.stores.articles.list(.all, page: PageRequest(page: 1, perPage: 100), now: TestSupport.now).items
            // A story whose page shows another as related.
            var pair: (page: String, shown: Article)?
            for summary in summaries where pair == nil {
                guard let first = try await site.stores.articles.related(to: summary.id, now: TestSupport.now).first else { continue }
                let path = SiteURL.article(summary.slug, publishedAt: summary.publishedAt, formatter: SiteDateFormatter(timeZone: zone)).path()
                pair = (path, try #require(try await site.stores.articles.article(id: first.id)))
            }
            let (page, shown) = try #require(pair)
            #expect(try await Self.get(site, page).contains(shown.headline.htmlEscaped))
            var input = shown.input
            input.headline = shown.headline + " (updated)"
            _ = try await Publishing(stores: site.stores, clock: TestSupport.clock).save(input)
            try await Self.waitFor((shown.headline + " (updated)").htmlEscaped, at: page, site)
        }
    }
}

extension String {
    /// As the theme prints text.
    fileprivate var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
