import Foundation
import MastheadCore
import Testing

@Suite("Article store contract")
struct ArticleStoreContractTests {
    @Test(arguments: StoreEngine.available)
    func aSavedArticleReadsBackWhole(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let note = Correction(kind: .correction, note: "Fixed a name.", date: Newsroom.now)
        let id = try await room.article("seawall", authors: [room.ben, room.ana], tags: [room.transit, room.harbor], corrections: [note])
        let article = try #require(try await room.stores.articles.article(slug: Slug(from: "seawall")!))
        #expect(article.id == id)
        #expect(article.headline == "Headline seawall")
        #expect(article.section == room.news)
        #expect(article.authors.map(\.name) == ["Ben", "Ana"])
        #expect(article.tags.map(\.name) == ["Transit", "Harbor"])
        #expect(article.leadImage == LeadImage(url: "/media/seawall.jpg", alt: "Alt", credit: "Credit", caption: "Caption", width: 800, height: 450))
        #expect(article.bodyHTML.rawValue == "<p>Body of seawall.</p>\n")
        #expect(article.corrections == [note])
        #expect(article.publishedAt == Newsroom.now.addingTimeInterval(-3600))
        #expect(try await room.stores.articles.article(id: id)?.slug == article.slug)
    }

    @Test(arguments: StoreEngine.available)
    func missingArticlesAreNilNotErrors(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        #expect(try await room.stores.articles.article(slug: Slug(from: "nothing")!) == nil)
        #expect(try await room.stores.articles.article(id: ArticleID(999)) == nil)
    }

    @Test(arguments: StoreEngine.available)
    func aTakenSlugIsAConflictAndChangesNothing(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        try await room.article("seawall")
        await #expect(throws: MastheadError.self) { try await room.article("seawall", tags: [room.harbor]) }
        #expect(try await room.stores.articles.count() == 1)
    }

    @Test(arguments: StoreEngine.available)
    func updatingReplacesAuthorsTagsAndCorrections(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let id = try await room.article(
            "ferry",
            authors: [room.ana, room.ben],
            tags: [room.harbor],
            corrections: [Correction(kind: .update, note: "Old note", date: Newsroom.now)]
        )
        try await room.article("ferry-fares", authors: [room.ben], tags: [room.transit], id: id)
        let article = try #require(try await room.stores.articles.article(id: id))
        #expect(article.slug.rawValue == "ferry-fares")
        #expect(article.authors.map(\.name) == ["Ben"])
        #expect(article.tags.map(\.name) == ["Transit"])
        #expect(article.corrections.isEmpty)
        #expect(try await room.stores.articles.count() == 1)
    }

    @Test(arguments: StoreEngine.available)
    func listsShowPublishedArticlesUpToNowNewestFirst(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        try await room.article("older", hoursAgo: 5)
        try await room.article("newer", hoursAgo: 1)
        try await room.article("draft", status: .draft)
        try await room.article("pulled", status: .unpublished)
        try await room.article("embargoed", hoursAgo: -2)
        let page = try await room.stores.articles.list(.all, page: PageRequest(page: 1, perPage: 10), now: Newsroom.now)
        #expect(page.items.map(\.slug.rawValue) == ["newer", "older"])
        #expect(page.total == 2)
        #expect(page.items.first?.teaser == "Standfirst newer")
    }

    @Test(arguments: StoreEngine.available)
    func listsFilterBySectionTagAuthorAndDay(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        try await room.article("a", section: room.sport, authors: [room.ben], tags: [room.harbor], hoursAgo: 1)
        try await room.article("b", tags: [room.harbor, room.transit], hoursAgo: 30)
        try await room.article("c", authors: [room.ana, room.ben], hoursAgo: 50)
        let all = PageRequest(page: 1, perPage: 10)
        func slugs(_ filter: ArticleFilter) async throws -> [String] {
            try await room.stores.articles.list(filter, page: all, now: Newsroom.now).items.map(\.slug.rawValue)
        }
        #expect(try await slugs(.section(room.sport.id)) == ["a"])
        #expect(try await slugs(.tag(room.harbor.id)) == ["a", "b"])
        #expect(try await slugs(.author(room.ben.id)) == ["a", "c"])
        let window = Newsroom.now.addingTimeInterval(-40 * 3600)..<Newsroom.now.addingTimeInterval(-20 * 3600)
        #expect(try await slugs(.published(window)) == ["b"])
    }

    @Test(arguments: StoreEngine.available)
    func pagesSplitTheListAndCountTheWhole(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        for index in 0..<7 { try await room.article("story-\(index)", hoursAgo: Double(index + 1)) }
        let second = try await room.stores.articles.list(.all, page: PageRequest(page: 2, perPage: 3), now: Newsroom.now)
        #expect(second.items.map(\.slug.rawValue) == ["story-3", "story-4", "story-5"])
        #expect(second.total == 7)
        #expect(second.pageCount == 3)
        #expect(second.hasPrevious && second.hasNext)
        let beyond = try await room.stores.articles.list(.all, page: PageRequest(page: 9, perPage: 3), now: Newsroom.now)
        #expect(beyond.items.isEmpty)
    }

    @Test(arguments: StoreEngine.available)
    func summariesKeepTheAskedOrderAndSkipWhatReadersCannotSee(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let first = try await room.article("first")
        let hidden = try await room.article("hidden", status: .draft)
        let second = try await room.article("second", authors: [room.ben, room.ana])
        let summaries = try await room.stores.articles.summaries(ids: [second, hidden, first, ArticleID(404)], now: Newsroom.now)
        #expect(summaries.map(\.id) == [second, first])
        #expect(summaries.first?.authors.map(\.name) == ["Ben", "Ana"])
    }
}
