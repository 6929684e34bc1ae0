import Foundation
import MastheadCore
import Testing

/// Search ranking on a small hand-written archive: for each query, the article a
/// reader means must come first. The same tests run on every engine.
@Suite("Search contract")
struct SearchContractTests {
    /// Fourteen short stories (written for this test), each with a distinct subject
    /// and a few deliberate overlaps, so ranking has to weigh headline against body,
    /// phrase against scattered words, and new against old.
    static let archive: [(slug: String, headline: String, body: String, daysAgo: Double)] = [
        (
            "seawall-vote", "Council Approves Seawall Funding After Long Debate",
            "The council voted seven to two for the seawall. Engineers say the harbor wall will rise by a metre.", 1
        ),
        (
            "seawall-history", "A Century of Storms Along the Harbor Front",
            "Old photographs show the seawall built in 1926 and the storms that tested it.", 400
        ),
        (
            "ferry-fares", "Ferry Fares Frozen for Island Residents",
            "Island residents will pay the same ferry fare next year, the transit board said.", 2
        ),
        (
            "ferry-ridership", "Summer Ferry Ridership Breaks Record",
            "More visitors than ever took the ferry to the island this summer.", 90
        ),
        (
            "library-hours", "Central Library Extends Evening Hours",
            "The library will stay open until nine on weekdays, librarians announced.", 3
        ),
        (
            "bakery-award", "Harbor Bakery Wins Regional Sourdough Prize",
            "A sourdough loaf from the small bakery on Quay Street beat forty rivals.", 5
        ),
        (
            "school-budget", "School Board Trims Budget but Keeps Music Classes",
            "Music classes survive the cuts; the board trimmed transport and repairs instead.", 6
        ),
        (
            "rowing-club", "Rowing Club Marks One Hundred Years on the Water",
            "Members rowed past the lighthouse at dawn to mark the anniversary.", 8
        ),
        (
            "lighthouse-repair", "Lighthouse Lamp Restored by Volunteer Keepers",
            "Volunteer keepers spent two winters restoring the lighthouse lamp and its brass.", 30
        ),
        (
            "heatwave", "Heatwave Brings Record Temperatures to the Valley",
            "Temperatures reached forty degrees in the valley, a record for June.", 4
        ),
        (
            "orchard-frost", "Late Frost Threatens Valley Orchards",
            "Growers lit fires between the rows as frost settled on the apple blossom.", 200
        ),
        (
            "election-turnout", "Turnout Rises in Municipal Election",
            "More than sixty percent of voters cast a ballot, the clerk's office reported.", 10
        ),
        (
            "museum-reopens", "Maritime Museum Reopens With New Wing",
            "The new wing displays ship models, charts and a restored lighthouse lens.", 12
        ),
        (
            "marathon", "Harbor Marathon Route Moves Inland",
            "Runners will avoid the seafront this year while seawall works continue.", 7
        ),
    ]

    /// Query → the slug that must rank first.
    static let expectations: [(query: String, first: String)] = [
        ("seawall", "seawall-vote"),  // headline match, and newer than the other headline-ish match
        ("\"a century of storms\"", "seawall-history"),  // a remembered phrase finds an old article
        ("ferry fares", "ferry-fares"),
        ("ridership", "ferry-ridership"),
        ("library evening", "library-hours"),
        ("sourdough", "bakery-award"),
        ("music classes", "school-budget"),
        ("rowing anniversary", "rowing-club"),
        ("lighthouse lamp", "lighthouse-repair"),  // headline beats a body mention in the museum story
        ("temperat*", "heatwave"),  // a prefix
        ("frost orchards", "orchard-frost"),
        ("\"municipal election\"", "election-turnout"),
    ]

    static func fill(_ room: Newsroom) async throws {
        for story in archive {
            let input = ArticleInput(
                headline: story.headline,
                sectionID: room.news.id,
                authorIDs: [room.ana.id],
                bodyMarkdown: story.body,
                status: .published,
                publishedAt: Newsroom.now.addingTimeInterval(-story.daysAgo * 86_400)
            )
            _ = try await room.stores.articles.save(
                ArticleDraft(article: input, slug: Slug(from: story.slug)!, bodyHTML: MarkdownRenderer.render(story.body), savedAt: Newsroom.now)
            )
        }
    }

    static func slugs(_ room: Newsroom, _ text: String, page: Int = 1) async throws -> (slugs: [String], paged: Paged<SearchHit>) {
        let paged = try await room.stores.search.search(SearchQuery(text: text), page: PageRequest(page: page, perPage: 10), now: Newsroom.now)
        return (paged.items.map(\.article.slug.rawValue), paged)
    }

    @Test(arguments: StoreEngine.available)
    func theArticleAReaderMeansComesFirst(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        try await Self.fill(room)
        for (query, first) in Self.expectations {
            let result = try await Self.slugs(room, query)
            #expect(result.slugs.first == first, "\(query) ranked \(result.slugs)")
            // A small archive is ranked whole: the count is exact.
            #expect(!result.paged.totalIsLowerBound)
        }
        #expect(try await Self.slugs(room, "zeppelin").slugs.isEmpty)
    }

    @Test(arguments: StoreEngine.available)
    func aBroadQueryStillFindsAStrongOldHeadlineMatch(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        try await Self.fill(room)
        // Six hundred recent stories that mention the keepers and the lamp in passing:
        // more matches than search ranks, all newer than the story about the lamp.
        let filler = (0..<600).map { index in
            ArticleDraft(
                article: ArticleInput(
                    headline: "Council Notes \(index)",
                    sectionID: room.news.id,
                    authorIDs: [room.ben.id],
                    bodyMarkdown: "Routine business. The keepers asked again about the lamp. Item \(index).",
                    status: .published,
                    publishedAt: Newsroom.now.addingTimeInterval(-Double(index) * 600)
                ),
                slug: Slug(from: "council-notes-\(index)")!,
                bodyHTML: MarkdownRenderer.render("Routine business."),
                savedAt: Newsroom.now
            )
        }
        _ = try await room.stores.articles.saveAll(filler)
        var found = false
        var page = 1
        var result = try await Self.slugs(room, "lighthouse keepers lamp")
        #expect(result.slugs.first == "lighthouse-repair", "a three-word match in the headline and body wins")
        result = try await Self.slugs(room, "keepers lamp")
        #expect(result.paged.totalIsLowerBound, "more matches than candidates: the count is a lower bound")
        while !found, !result.slugs.isEmpty, page <= 60 {
            found = result.slugs.contains("lighthouse-repair")
            page += 1
            result = try await Self.slugs(room, "keepers lamp", page: page)
        }
        #expect(found, "the old story with both words in its headline is among the ranked candidates")
    }

    @Test(arguments: StoreEngine.available)
    func aRebuiltIndexFindsWhatTheSavesIndexed(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        try await Self.fill(room)
        try await room.article("unseen-draft", status: .draft)
        let before = try await Self.slugs(room, "ferry").slugs
        #expect(!before.isEmpty)
        // Only what readers may find is indexed: the draft is not counted.
        #expect(try await room.stores.search.reindex() == room.stores.articles.publishedCount(now: Newsroom.now.addingTimeInterval(86_400 * 3650)))
        #expect(try await Self.slugs(room, "ferry").slugs == before)
    }

    @Test(arguments: StoreEngine.available)
    func saveAllIsAllOrNothing(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let drafts = ["one", "two", "one"].map { slug in
            ArticleDraft(
                article: ArticleInput(headline: slug, sectionID: room.news.id, authorIDs: [room.ana.id], bodyMarkdown: slug, status: .published),
                slug: Slug(from: slug)!,
                bodyHTML: MarkdownRenderer.render(slug),
                savedAt: Newsroom.now
            )
        }
        await #expect(throws: MastheadError.self) { try await room.stores.articles.saveAll(drafts) }
        #expect(try await room.stores.articles.count() == 0)
        let ids = try await room.stores.articles.saveAll(Array(drafts.prefix(2)))
        #expect(ids.count == 2)
        #expect(try await room.stores.articles.article(id: ids[1])?.slug.rawValue == "two")
    }

    @Test(arguments: StoreEngine.available)
    func anOlderStoryRelatesToItsNewFollowUp(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let first = try await room.article("harbor-dredging-begins", tags: [room.harbor, room.transit], hoursAgo: 48)
        let bakery = try await room.article("bakery-opens", tags: [], hoursAgo: 30)
        // Only "Headline" in common (the helper's headlines): a weak link, but the only one.
        #expect(try await room.stores.articles.related(to: first, now: Newsroom.now).map(\.id) == [bakery])
        let followUp = try await room.article("harbor-dredging-finishes", tags: [room.harbor, room.transit], hoursAgo: 1)
        #expect(try await room.stores.articles.related(to: followUp, now: Newsroom.now).map(\.id).first == first)
        // Saving the follow-up refreshed the older story's list: two shared tags put it first.
        #expect(try await room.stores.articles.related(to: first, now: Newsroom.now).map(\.id) == [followUp, bakery])
    }
}
