import Foundation
import MastheadCore
import Testing

@Suite("Archive store contract")
struct ArchiveStoreContractTests {
    @Test(arguments: StoreEngine.available)
    func theImportLedgerFindsAndRepointsSourceItems(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let first = try await room.article("ferry")
        let second = try await room.article("market")
        #expect(try await room.stores.archive.articleID(importKey: "wxr:x:1") == nil)
        try await room.stores.archive.recordImports(["wxr:x:1": first, "wxr:x:2": second])
        #expect(try await room.stores.archive.articleID(importKey: "wxr:x:1") == first)
        try await room.stores.archive.recordImports(["wxr:x:1": second])
        #expect(try await room.stores.archive.articleID(importKey: "wxr:x:1") == second)
    }

    @Test(arguments: StoreEngine.available)
    func oldAddressesLeadToArticlesOrPagesAndTheLastSaveWins(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let ferry = try await room.article("ferry")
        try await room.stores.archive.saveRedirects([
            PathRedirect(from: "/?p=1", to: .article(ferry)), PathRedirect(from: "/2019/01/01/ferry/", to: .article(ferry)),
            PathRedirect(from: "/category/news/", to: .path("/section/news")),
        ])
        #expect(try await room.stores.archive.redirect(from: "/?p=1") == .article(ferry))
        #expect(try await room.stores.archive.redirect(from: "/category/news/") == .path("/section/news"))
        #expect(try await room.stores.archive.redirect(from: "/category/news") == nil)
        #expect(try await room.stores.archive.redirects(to: ferry) == ["/2019/01/01/ferry/", "/?p=1"])
        #expect(try await room.stores.archive.pathRedirects() == [PathRedirect(from: "/category/news/", to: .path("/section/news"))])
        // Saving an address again re-points it, whichever kind it was.
        try await room.stores.archive.saveRedirects([PathRedirect(from: "/?p=1", to: .path("/section/sport"))])
        #expect(try await room.stores.archive.redirect(from: "/?p=1") == .path("/section/sport"))
        #expect(try await room.stores.archive.redirects(to: ferry) == ["/2019/01/01/ferry/"])
    }

    @Test(arguments: StoreEngine.available)
    func theArchiveWalkVisitsEveryArticleOncePageByPage(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        var saved: [ArticleID] = []
        for number in 0..<7 { saved.append(try await room.article("story-\(number)", status: number.isMultiple(of: 3) ? .draft : .published)) }
        var walked: [ArticleID] = []
        var after: ArticleID?
        while true {
            let page = try await room.stores.archive.articleIDs(after: after, limit: 3)
            guard let last = page.last else { break }
            #expect(page.count <= 3)
            walked += page
            after = last
        }
        #expect(walked == saved.sorted { $0.rawValue < $1.rawValue })
    }

    @Test(arguments: StoreEngine.available)
    func formerSlugsLeadHomeUnlessAnotherArticleHasTheSlugNow(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let ferry = try await room.article("ferry")
        _ = try await room.article("market")
        try await room.stores.archive.addFormerSlugs([Slug(from: "old-ferry")!, Slug(from: "market")!], to: ferry)
        #expect(try await room.stores.archive.formerSlugs(of: ferry) == [Slug(from: "old-ferry")!])
        #expect(try await room.stores.articles.articleID(formerSlug: Slug(from: "old-ferry")!) == ferry)
    }
}
