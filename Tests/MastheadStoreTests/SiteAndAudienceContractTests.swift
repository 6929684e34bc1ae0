import Foundation
import MastheadCore
import Testing

@Suite("Taxonomy, site and audience store contract")
struct SiteAndAudienceContractTests {
    @Test(arguments: StoreEngine.available)
    func sectionsComeInNavigationOrderAndSaveUpdatesInPlace(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        #expect(try await room.stores.taxonomy.sections().map(\.name) == ["Sport", "News"])
        let renamed = try await room.stores.taxonomy.saveSection(slug: room.news.slug, name: "Local News", description: "Here", position: 0)
        #expect(renamed.id == room.news.id)
        #expect(try await room.stores.taxonomy.section(slug: room.news.slug)?.name == "Local News")
    }

    @Test(arguments: StoreEngine.available)
    func findOrCreateTagIsIdempotent(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let again = try await room.stores.taxonomy.findOrCreateTag(slug: room.harbor.slug, name: "Other name")
        #expect(again == room.harbor)
        #expect(try await room.stores.taxonomy.tag(slug: Slug(from: "missing")!) == nil)
    }

    @Test(arguments: StoreEngine.available)
    func authorsReadBackWithBioAndPhoto(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        #expect(try await room.stores.taxonomy.author(slug: room.ben.slug) == room.ben)
        #expect(try await room.stores.taxonomy.authors().map(\.name) == ["Ana", "Ben"])
    }

    @Test(arguments: StoreEngine.available)
    func settingsRoundTripAndStartEmpty(_ engine: StoreEngine) async throws {
        let stores = try await engine.makeStores()
        #expect(try await stores.site.settings() == nil)
        var settings = SiteSettings(name: "Courier", baseURL: "https://courier.example", timeZoneIdentifier: "Europe/London")
        settings.socialProfiles = [SocialProfile(network: "Mastodon", url: "https://m.example/@c")]
        try await stores.site.saveSettings(settings)
        #expect(try await stores.site.settings() == settings)
    }

    @Test(arguments: StoreEngine.available)
    func curatedListsKeepOrderAndDropDuplicates(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let a = try await room.article("a")
        let b = try await room.article("b")
        try await room.stores.site.setCuratedList(.editorsPicks, to: [b, a, b])
        #expect(try await room.stores.site.curatedList(.editorsPicks) == [b, a])
        #expect(try await room.stores.site.curatedList(.topStories).isEmpty)
        try await room.stores.site.setCuratedList(.editorsPicks, to: [a])
        #expect(try await room.stores.site.curatedList(.editorsPicks) == [a])
    }

    @Test(arguments: StoreEngine.available)
    func viewCountsAddUpAndWindowsCut(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let a = try await room.article("a")
        let b = try await room.article("b")
        try await room.stores.audience.add([HourlyViews(article: a, hour: 100, views: 3), HourlyViews(article: b, hour: 90, views: 7)])
        try await room.stores.audience.add([HourlyViews(article: a, hour: 100, views: 2), HourlyViews(article: a, hour: 101, views: 1)])
        #expect(try await room.stores.audience.totals(fromHour: 95) == [a: 6])
        #expect(try await room.stores.audience.totals(fromHour: 0) == [a: 6, b: 7])
        let hourly = try await room.stores.audience.hourly(fromHour: 100)
        #expect(Set(hourly) == [HourlyViews(article: a, hour: 100, views: 5), HourlyViews(article: a, hour: 101, views: 1)])
    }

    @Test(arguments: StoreEngine.available)
    func theContentRevisionMovesOnContentWritesOnly(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let start = try await room.stores.site.contentRevision()
        let id = try await room.article("a")
        let afterArticle = try await room.stores.site.contentRevision()
        #expect(afterArticle > start)
        try await room.stores.audience.add([HourlyViews(article: id, hour: 1, views: 1)])
        #expect(try await room.stores.site.contentRevision() == afterArticle)
        try await room.stores.site.setCuratedList(.topStories, to: [id])
        #expect(try await room.stores.site.contentRevision() > afterArticle)
    }
}
