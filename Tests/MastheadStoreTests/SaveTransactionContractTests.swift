import Foundation
import MastheadCore
import Testing

/// What one save writes in its one transaction besides the article: the tags it
/// names and the webhook events it announces (issue #19: a failed save leaves
/// neither behind, and a crash cannot keep the save and lose its events).
@Suite("Save transaction contract")
struct SaveTransactionContractTests {
    func draft(
        _ room: Newsroom,
        slug: String,
        tags: [MastheadCore.Tag] = [],
        named: [String] = [],
        status: ArticleStatus = .published,
        events: [String] = []
    )
        -> ArticleDraft
    {
        let input = ArticleInput(
            headline: "Headline \(slug)",
            sectionID: room.news.id,
            authorIDs: [room.ana.id],
            tagIDs: tags.map(\.id),
            bodyMarkdown: "Body of \(slug).",
            status: status,
            publishedAt: Newsroom.now.addingTimeInterval(-60)
        )
        var draft = ArticleDraft(
            article: input,
            slug: Slug(from: slug)!,
            bodyHTML: MarkdownRenderer.render(input.bodyMarkdown),
            savedAt: Newsroom.now
        )
        draft.tagNames = TagName.list(named)
        if !events.isEmpty { draft.events = PendingArticleEvents(events: events, occurredAt: Newsroom.now) }
        return draft
    }

    @Test(arguments: StoreEngine.available)
    func namedTagsAreFoundOrCreatedAndRecordedInTheRevision(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let id = try await room.stores.articles.save(draft(room, slug: "fares", tags: [room.transit], named: ["Ferry fares", "harbor", "Transit"]))
        let article = try #require(try await room.stores.articles.article(id: id))
        // An existing tag is found by its slug (not duplicated, its name kept); an id and a name for one tag count once.
        #expect(article.tags.map(\.name) == ["Transit", "Ferry fares", "Harbor"])
        #expect(try await room.stores.taxonomy.tags().map(\.slug.rawValue).sorted() == ["ferry-fares", "harbor", "transit"])
        let revision = try #require(try await room.stores.articles.revisions(of: id).first)
        #expect(Set(revision.snapshot.tagIDs) == Set(article.tags.map(\.id)))
    }

    @Test(arguments: StoreEngine.available)
    func aRefusedSaveLeavesNoTagAndNoEvent(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        _ = try await room.stores.webhooks.addWebhook(url: "https://hooks.example/in", secret: "s", at: Newsroom.now)
        _ = try await room.stores.articles.save(draft(room, slug: "merger", status: .draft))
        await #expect(throws: MastheadError.self) {
            try await room.stores.articles.save(draft(room, slug: "merger", named: ["Merger with X"], events: [ArticleEvent.published]))
        }
        #expect(try await room.stores.taxonomy.tags().map(\.name).sorted() == ["Harbor", "Transit"])
        #expect(try await room.stores.webhooks.recentDeliveries(limit: 10).isEmpty)
    }

    @Test(arguments: StoreEngine.available)
    func eventsAreQueuedWithTheSaveAndDescribeItAsSaved(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let hooks = [
            try await room.stores.webhooks.addWebhook(url: "https://hooks.example/a", secret: "s", at: Newsroom.now),
            try await room.stores.webhooks.addWebhook(url: "https://hooks.example/b", secret: "t", at: Newsroom.now),
        ]
        let id = try await room.stores.articles.save(draft(room, slug: "seawall", named: ["Sea level"], events: [ArticleEvent.published]))
        let deliveries = try await room.stores.webhooks.recentDeliveries(limit: 10)
        #expect(Set(deliveries.map(\.webhook.id)) == Set(hooks.map(\.id)))
        #expect(deliveries.allSatisfy { $0.event == ArticleEvent.published && $0.state == .pending })
        let event = try JSONDecoder.iso8601.decode(ArticleEvent.self, from: Data(try #require(deliveries.first).payload.utf8))
        #expect(event.articleId == id.rawValue && event.slug == "seawall" && event.status == "published")
        #expect(event.purgeKeys?.contains("tag-sea-level") == true)
        #expect(event.occurredAt == Newsroom.now)
        // A save that announces nothing queues nothing.
        _ = try await room.stores.articles.save(draft(room, slug: "quiet", status: .draft))
        #expect(try await room.stores.webhooks.recentDeliveries(limit: 10).count == 2)
    }

    @Test(arguments: StoreEngine.available)
    func scheduledArticlesAnnounceThemselvesAsTheyPublish(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        _ = try await room.stores.webhooks.addWebhook(url: "https://hooks.example/a", secret: "s", at: Newsroom.now)
        let id = try await room.stores.articles.save(draft(room, slug: "embargo", status: .scheduled))
        #expect(try await room.stores.webhooks.recentDeliveries(limit: 10).isEmpty)
        #expect(try await room.stores.articles.publishScheduled(dueBy: Newsroom.now) == [id])
        let deliveries = try await room.stores.webhooks.recentDeliveries(limit: 10)
        #expect(deliveries.map(\.event) == [ArticleEvent.published])
        #expect(try await room.stores.articles.publishScheduled(dueBy: Newsroom.now).isEmpty)
        #expect(try await room.stores.webhooks.recentDeliveries(limit: 10).count == 1)
    }
}

extension JSONDecoder {
    fileprivate static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
