import Foundation
import MastheadCore
import Testing

/// What a committed save records beside the content revision (issue #19: changes
/// announce themselves), so every instance drops the pages it touched and no others.
@Suite("Content change contract")
struct ContentChangeContractTests {
    /// A library image of a site photographer's, licensed until `until`.
    static func licensed(_ path: String, until: Date) -> MediaFile {
        MediaFile(
            path: path,
            kind: .jpeg,
            width: 800,
            height: 450,
            bytes: 1_000,
            alt: "",
            credit: "Staff",
            caption: "",
            rightsHolder: "",
            licenceExpires: until,
            uploadedBy: nil,
            uploadedAt: Newsroom.now
        )
    }

    func keys(_ room: Newsroom, from: Int64) async throws -> Set<String>? {
        let to = try await room.stores.site.contentRevision()
        return ContentChange.keys(from: from, to: to, in: try await room.stores.site.contentChanges(after: from, through: to))
    }

    @Test(arguments: StoreEngine.available)
    func aSaveNamesItsPageAndTheListsItLeftAndJoined(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let id = try await room.article("ferry", authors: [room.ana], tags: [room.harbor])
        let start = try await room.stores.site.contentRevision()
        // Moved to another section, another author and another tag: both sides' lists change.
        try await room.article("ferry", section: room.sport, authors: [room.ben], tags: [room.transit], id: id)
        let touched = try #require(try await keys(room, from: start))
        for key in [
            "article-\(id)", "section-news", "section-sport", "author-ana", "author-ben", "tag-harbor", "tag-transit", "home", "archive", "feeds",
            "sitemaps",
        ] {
            #expect(touched.contains(key), "\(key)")
        }
        #expect(!touched.contains(SurrogateKeys.site))
    }

    @Test(arguments: StoreEngine.available)
    func storiesWhoseRelatedListChangedAreNamedToo(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let older = try await room.article("harbor-dredging", tags: [room.harbor], hoursAgo: 5)
        let start = try await room.stores.site.contentRevision()
        let newer = try await room.article("harbor-dredging-resumes", tags: [room.harbor])
        let touched = try #require(try await keys(room, from: start))
        // The older story's related list now points to the newer one: its page changed.
        #expect(try await room.stores.articles.related(to: older, now: Newsroom.now).map(\.id).contains(newer))
        #expect(touched.contains("article-\(older)") && touched.contains("article-\(newer)"))
    }

    @Test(arguments: StoreEngine.available)
    func aWriteThatRecordsNothingLeavesAGapAndAGapMeansEverything(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let start = try await room.stores.site.contentRevision()
        let first = try await room.article("first")
        #expect(try await keys(room, from: start) != nil)
        // Curation is not recorded: the chain breaks, and a reader drops every page.
        try await room.stores.site.setCuratedList(.editorsPicks, to: [first])
        let middle = try await room.stores.site.contentRevision()
        try await room.article("second")
        #expect(try await keys(room, from: start) == nil)
        #expect(try await keys(room, from: middle)?.contains("home") == true)
    }

    @Test(arguments: StoreEngine.available)
    func scheduledPublishingRecordsTheArticleAndGivesItRelatedStories(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let earlier = try await room.article("tunnel-vote", tags: [room.transit], hoursAgo: 3)
        let embargoed = try await room.article("tunnel-vote-result", tags: [room.transit], status: .scheduled, hoursAgo: 0.5)
        let start = try await room.stores.site.contentRevision()
        #expect(try await room.stores.articles.publishScheduled(dueBy: Newsroom.now) == [embargoed])
        let touched = try #require(try await keys(room, from: start))
        #expect(touched.isSuperset(of: ["article-\(embargoed)", "tag-transit", "home", "article-\(earlier)"]))
        #expect(try await room.stores.articles.related(to: embargoed, now: Newsroom.now).map(\.id) == [earlier])
    }

    @Test(arguments: StoreEngine.available)
    func theLogKeepsItsNewestRecordsOnly(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let start = try await room.stores.site.contentRevision()
        let id = try await room.article("often-fixed")
        for _ in 0..<(ContentChange.retained + 3) { try await room.article("often-fixed", id: id) }
        let now = try await room.stores.site.contentRevision()
        #expect(try await room.stores.site.contentChanges(after: start, through: now).count == ContentChange.retained)
        // The oldest records are gone, so a reader that far behind drops everything, and one close behind does not.
        #expect(try await keys(room, from: start) == nil)
        let recent = try #require(try await room.stores.site.contentChanges(after: start, through: now).last)
        #expect(
            try await keys(room, from: recent.firstRevision - 1) == [
                "article-\(id)", "related-\(id)", "section-news", "author-ana", "home", "archive", "feeds", "sitemaps",
            ]
        )
    }

    @Test(arguments: StoreEngine.available)
    func anImageWhoseLicenceEndsNamesThePagesShowingIt(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let id = try await room.article("ferry", tags: [room.harbor])  // lead image /media/ferry.jpg
        try await room.article("seawall", section: room.sport, authors: [room.ben])
        for (path, days) in [("ferry.jpg", 1.0), ("unused.jpg", 1.0), ("later.jpg", 30.0)] {
            _ = try await room.stores.media.add(Self.licensed(path, until: Newsroom.now + 86_400 * days))
        }
        let ended = try await room.stores.media.licencesEnding(after: Newsroom.now, by: Newsroom.now + 86_400 * 2)
        #expect(ended == ["ferry.jpg", "unused.jpg"])
        let keys = Set(try await room.stores.media.pageKeys(showingImage: "ferry.jpg"))
        #expect(keys == Set(["article-\(id)", "related-\(id)", "section-news", "tag-harbor", "author-ana"] + SurrogateKeys.latest))
        // An image no article leads with changes no page.
        #expect(try await room.stores.media.pageKeys(showingImage: "unused.jpg").isEmpty)
    }

    @Test(arguments: StoreEngine.available)
    func anEndedLicenceIsAnnouncedOnceWithThePagesToPurge(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let id = try await room.article("ferry", tags: [room.harbor])  // lead image /media/ferry.jpg
        _ = try await room.stores.webhooks.addWebhook(url: "https://hooks.example/cdn", secret: "s", at: Newsroom.now)
        let day = 86_400.0
        var asset = try await room.stores.media.add(Self.licensed("ferry.jpg", until: Newsroom.now + day))
        #expect(try await room.stores.media.announceWithdrawals(dueBy: Newsroom.now).isEmpty)
        #expect(try await room.stores.media.announceWithdrawals(dueBy: Newsroom.now + 2 * day) == ["ferry.jpg"])
        // However many instances ask, once.
        #expect(try await room.stores.media.announceWithdrawals(dueBy: Newsroom.now + 2 * day).isEmpty)
        let deliveries = try await room.stores.webhooks.recentDeliveries(limit: 10)
        #expect(deliveries.map(\.event) == [MediaEvent.withdrawn])
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let event = try decoder.decode(MediaEvent.self, from: Data(try #require(deliveries.first).payload.utf8))
        #expect(event.url == "/media/ferry.jpg" && event.occurredAt == Newsroom.now + 2 * day)
        #expect(Set(event.purgeKeys).isSuperset(of: ["article-\(id)", "related-\(id)", "tag-harbor", "section-news", "home"]))

        // The desk renews the licence: the new date is announced when it passes; saving the same date again changes nothing.
        asset.file.licenceExpires = Newsroom.now + 3 * day
        try await room.stores.media.update(asset)
        try await room.stores.media.update(asset)
        #expect(try await room.stores.media.announceWithdrawals(dueBy: Newsroom.now + 2 * day).isEmpty)
        #expect(try await room.stores.media.announceWithdrawals(dueBy: Newsroom.now + 4 * day) == ["ferry.jpg"])
        try await room.stores.media.update(asset)
        #expect(try await room.stores.media.announceWithdrawals(dueBy: Newsroom.now + 5 * day).isEmpty)
        #expect(try await room.stores.webhooks.recentDeliveries(limit: 10).count == 2)
    }
}
