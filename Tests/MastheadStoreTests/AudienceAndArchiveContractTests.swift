import Foundation
import MastheadCore
import Testing

/// The audience figures, the media library and the import ledger's slug checks, on
/// both engines (issue #19: the contract suite covers every store method).
@Suite("Audience, media and archive store contract")
struct AudienceAndArchiveContractTests {
    @Test(arguments: StoreEngine.available)
    func viewsAddUpByHourAndDayAcrossTheRollUp(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let a = try await room.article("a")
        let b = try await room.article("b")
        let hour = HourlyViews.hour(of: Newsroom.now)
        let day = hour / 24
        // Two hours of yesterday's last day-part and one of today, for two articles; added twice over.
        let rows = [
            HourlyViews(article: a, hour: day * 24 - 2, views: 3), HourlyViews(article: b, hour: day * 24 - 2, views: 4),
            HourlyViews(article: a, hour: day * 24 - 1, views: 5), HourlyViews(article: a, hour: hour, views: 7),
        ]
        try await room.stores.audience.add(rows)
        try await room.stores.audience.add([HourlyViews(article: a, hour: hour, views: 1)])
        #expect(try await room.stores.audience.viewsPerHour(fromHour: day * 24 - 2, article: nil) == [day * 24 - 2: 7, day * 24 - 1: 5, hour: 8])
        #expect(try await room.stores.audience.viewsPerHour(fromHour: day * 24 - 1, article: a) == [day * 24 - 1: 5, hour: 8])
        let before = try await room.stores.audience.viewsPerDay(fromDay: day - 1, article: nil)
        #expect(before == [day - 1: 12, day: 8])
        // Folding yesterday's hours into a daily row changes no daily figure, and no total.
        try await room.stores.audience.rollUp(beforeHour: day * 24)
        #expect(try await room.stores.audience.viewsPerDay(fromDay: day - 1, article: nil) == before)
        #expect(try await room.stores.audience.viewsPerDay(fromDay: day - 1, article: b) == [day - 1: 4])
        #expect(try await room.stores.audience.hourly(fromHour: day * 24 - 2).map(\.hour) == [hour])
        // Rolling up again is harmless.
        try await room.stores.audience.rollUp(beforeHour: day * 24)
        #expect(try await room.stores.audience.viewsPerDay(fromDay: day - 1, article: nil) == before)
    }

    @Test(arguments: StoreEngine.available)
    func referrersAddUpAndRankByViews(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let a = try await room.article("a")
        let b = try await room.article("b")
        let day = HourlyViews.hour(of: Newsroom.now) / 24
        try await room.stores.audience.addReferrers([
            ReferrerViews(article: a, day: day, domain: "news.example", views: 3),
            ReferrerViews(article: b, day: day, domain: "search.example", views: 5),
            ReferrerViews(article: a, day: day - 3, domain: "old.example", views: 50),
        ])
        try await room.stores.audience.addReferrers([ReferrerViews(article: a, day: day, domain: "news.example", views: 4)])
        let all = try await room.stores.audience.topReferrers(fromDay: day, article: nil, limit: 10)
        #expect(all.map(\.domain) == ["news.example", "search.example"] && all.map(\.views) == [7, 5])
        #expect(try await room.stores.audience.topReferrers(fromDay: day, article: b, limit: 10).map(\.domain) == ["search.example"])
        #expect(try await room.stores.audience.topReferrers(fromDay: day - 3, article: nil, limit: 1).map(\.domain) == ["old.example"])
    }

    @Test(arguments: StoreEngine.available)
    func mediaAssetsReadBackWhole(_ engine: StoreEngine) async throws {
        let stores = try await engine.makeStores()
        let file = MediaFile(
            path: "library/ab/ab12.jpg",
            kind: .jpeg,
            width: 1200,
            height: 800,
            bytes: 123_456,
            alt: "A ferry at dusk",
            credit: "Staff",
            caption: "The last crossing.",
            rightsHolder: "The Courier",
            licenceExpires: Newsroom.now + 86_400 * 30,
            uploadedBy: nil,
            uploadedAt: Newsroom.now
        )
        let added = try await stores.media.add(file)
        let read = try #require(try await stores.media.asset(added.id))
        #expect(read == added)
        #expect(read.credit == "Staff" && read.licenceExpires == Newsroom.now + 86_400 * 30 && read.width == 1200)
        #expect(try await stores.media.asset(MediaID(added.id.rawValue + 100)) == nil)
    }

    @Test(arguments: StoreEngine.available)
    func takenSlugsAreCurrentAndFormerOnes(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let id = try await room.article("ferry")
        try await room.article("ferry-fares", id: id)  // "ferry" is now a former slug, still leading to it
        try await room.article("seawall")
        let asked = ["ferry", "ferry-fares", "seawall", "nothing"].map { Slug(from: $0)! }
        #expect(try await room.stores.archive.takenSlugs(asked).map(\.rawValue).sorted() == ["ferry", "ferry-fares", "seawall"])
        #expect(try await room.stores.archive.takenSlugs([]).isEmpty)
    }
}
