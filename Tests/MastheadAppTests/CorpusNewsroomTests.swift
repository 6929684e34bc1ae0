import Foundation
import MastheadApp
import MastheadCore
import MastheadTesting
import Testing

@Suite("Generated newsroom")
struct CorpusNewsroomTests {
    func fill(_ count: Int, seed: UInt64 = 7) async throws -> (configuration: AppConfiguration, stores: Stores) {
        var configuration = AppConfiguration()
        configuration.dataDirectory = try TemporaryFolders.folder("data")
        let filled = try await Maintenance.fillCorpus(configuration, articles: count, seed: seed, clock: TestSupport.clock)
        #expect(filled)
        return (configuration, try Maintenance.openStores(configuration))
    }

    @Test func fillsAnEmptySiteWithAWholeNewsroom() async throws {
        let (configuration, stores) = try await fill(2_500)
        let now = TestSupport.now
        #expect(try await stores.articles.publishedCount(now: now) == 2_500)
        #expect(try await stores.taxonomy.sections().count == CorpusNewsroom.sections.count)
        #expect(try await stores.taxonomy.authors().count >= 12)
        #expect(try await stores.taxonomy.tags().count >= 40)
        // Newest first in lists, the last one five minutes before now.
        let newest = try await stores.articles.list(.all, page: PageRequest(page: 1, perPage: 5), now: now).items
        let gap = now.timeIntervalSince(try #require(newest.first?.publishedAt))
        #expect(gap >= 300 && gap < 3_600)
        // Bodies of news length, rendered; related articles, search and a view history are in place.
        let article = try #require(try await stores.articles.article(id: newest[0].id))
        let words = article.bodyMarkdown.split(separator: " ").count
        #expect(words > 100 && words < 3_000)
        #expect(article.bodyHTML.rawValue.hasPrefix("<p>"))
        #expect(!(try await stores.articles.related(to: article.id, now: now)).isEmpty)
        let headlineWord = try #require(SearchQuery.words(article.headline).max { $0.count < $1.count })
        let hits = try await stores.search.search(SearchQuery(text: headlineWord), page: PageRequest(page: 1, perPage: 100), now: now)
        #expect(hits.items.contains { $0.article.id == article.id })
        #expect(!(try await stores.audience.totals(fromHour: HourlyViews.hour(of: now) - 48)).isEmpty)
        #expect(try await stores.site.curatedList(.topStories).count == 5)
        // A second fill leaves the site alone.
        #expect(try await Maintenance.fillCorpus(configuration, articles: 10, seed: 7, clock: TestSupport.clock) == false)
        #expect(try await stores.articles.count() == 2_500)
    }

    @Test func theSameSeedGivesTheSameSite() async throws {
        let first = try await fill(40, seed: 11).stores
        let second = try await fill(40, seed: 11).stores
        let other = try await fill(40, seed: 12).stores
        let page = PageRequest(page: 1, perPage: 40)
        let headlines = { (stores: Stores) in try await stores.articles.list(.all, page: page, now: TestSupport.now).items.map(\.headline) }
        #expect(try await headlines(first) == headlines(second))
        #expect(try await headlines(first) != headlines(other))
    }
}
