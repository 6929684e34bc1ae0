import Foundation
import MastheadCore
import Testing

/// The store methods the back office, sign-in, sitemaps and webhooks lean on, on
/// both engines (issue #19: the contract suite covers every store method).
@Suite("Back-office store contract")
struct BackOfficeContractTests {
    @Test(arguments: StoreEngine.available)
    func sessionsAreKeptTouchedAndEnded(_ engine: StoreEngine) async throws {
        let stores = try await engine.makeStores()
        let now = Newsroom.now
        let editor = try await stores.accounts.createAccount(
            email: "ed@courier.example",
            name: "Ed",
            role: .editor,
            passwordHash: "hash-1",
            authorID: nil
        )
        let other = try await stores.accounts.createAccount(email: "o@courier.example", name: "O", role: .author, passwordHash: "h", authorID: nil)
        #expect(try await stores.accounts.accounts().map(\.email).sorted() == ["ed@courier.example", "o@courier.example"])
        let credentials = try #require(try await stores.accounts.credentials(email: "ed@courier.example"))
        #expect(credentials.account.id == editor.id && credentials.passwordHash == "hash-1")
        #expect(try await stores.accounts.credentials(email: "nobody@courier.example") == nil)

        let session = Session(idHash: "s1", account: editor, csrfToken: "csrf", createdAt: now, lastSeenAt: now)
        try await stores.accounts.createSession(session)
        try await stores.accounts.createSession(Session(idHash: "s2", account: other, csrfToken: "c2", createdAt: now, lastSeenAt: now))
        #expect(try await stores.accounts.session(idHash: "s1") == session)
        try await stores.accounts.touchSession(idHash: "s1", at: now + 90)
        #expect(try await stores.accounts.session(idHash: "s1")?.lastSeenAt == now + 90)
        #expect(try await stores.accounts.session(idHash: "s1")?.createdAt == now)
        try await stores.accounts.deleteSession(idHash: "s1")
        #expect(try await stores.accounts.session(idHash: "s1") == nil)
        #expect(try await stores.accounts.session(idHash: "missing") == nil)

        // Disabling ends the account's sessions, and only its own.
        try await stores.accounts.createSession(session)
        try await stores.accounts.updateAccount(editor.id, role: .editor, authorID: nil, disabled: true)
        #expect(try await stores.accounts.session(idHash: "s1") == nil)
        #expect(try await stores.accounts.session(idHash: "s2") != nil)
        // A new password ends every session of the account.
        try await stores.accounts.setPassword(other.id, passwordHash: "h2")
        #expect(try await stores.accounts.session(idHash: "s2") == nil)
        #expect(try await stores.accounts.credentials(email: "o@courier.example")?.passwordHash == "h2")
    }

    @Test(arguments: StoreEngine.available)
    func renamedAndMergedTagsLeaveRedirects(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let ferries = try await room.stores.taxonomy.findOrCreateTag(slug: Slug(from: "ferries")!, name: "Ferries")
        let both = try await room.article("both", tags: [room.harbor, ferries])
        let one = try await room.article("one", tags: [ferries])

        let renamed = try await room.stores.taxonomy.renameTag(ferries.id, name: "Ferry services", slug: Slug(from: "ferry-services")!)
        #expect(renamed.id == ferries.id && renamed.slug.rawValue == "ferry-services" && renamed.name == "Ferry services")
        #expect(try await room.stores.taxonomy.tagRedirect(from: Slug(from: "ferries")!)?.rawValue == "ferry-services")
        #expect(try await room.stores.taxonomy.tag(slug: Slug(from: "ferries")!) == nil)

        // Merging moves every article (one that carried both keeps it once), removes the
        // source and points its slug, and the slug that pointed to it, at the target.
        try await room.stores.taxonomy.mergeTag(ferries.id, into: room.harbor.id)
        #expect(try await room.stores.articles.article(id: both)?.tags.map(\.slug.rawValue) == ["harbor"])
        #expect(try await room.stores.articles.article(id: one)?.tags.map(\.slug.rawValue) == ["harbor"])
        #expect(try await room.stores.taxonomy.tag(slug: Slug(from: "ferry-services")!) == nil)
        #expect(try await room.stores.taxonomy.tagRedirect(from: Slug(from: "ferry-services")!)?.rawValue == "harbor")
        #expect(try await room.stores.taxonomy.tagRedirect(from: Slug(from: "ferries")!)?.rawValue == "harbor")
        #expect(try await room.stores.taxonomy.tagRedirect(from: Slug(from: "harbor")!) == nil)
    }

    @Test(arguments: StoreEngine.available)
    func sitemapsListWhatReadersCanSeeOldestFirst(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        try await room.article("old", hoursAgo: 30)
        try await room.article("new", hoursAgo: 2)
        try await room.article("middle", hoursAgo: 10)
        try await room.article("draft", status: .draft, hoursAgo: 5)
        try await room.article("embargoed", hoursAgo: -5)
        #expect(try await room.stores.articles.publishedCount(now: Newsroom.now) == 3)
        let all = try await room.stores.articles.sitemapEntries(offset: 0, limit: 10, now: Newsroom.now)
        #expect(all.map(\.slug.rawValue) == ["old", "middle", "new"])
        #expect(all.first?.headline == "Headline old")
        #expect(all.first?.publishedAt == Newsroom.now.addingTimeInterval(-30 * 3600))
        #expect(try await room.stores.articles.sitemapEntries(offset: 1, limit: 1, now: Newsroom.now).map(\.slug.rawValue) == ["middle"])
        // The embargo lifts by the clock, not by a write.
        #expect(try await room.stores.articles.publishedCount(now: Newsroom.now.addingTimeInterval(6 * 3600)) == 4)
    }

    @Test(arguments: StoreEngine.available)
    func theBackOfficeListsEveryStatusAndWhatAnAccountOwns(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let writer = try await room.stores.accounts.createAccount(
            email: "ana@courier.example",
            name: "Ana",
            role: .author,
            passwordHash: "h",
            authorID: room.ana.id
        )
        try await room.article("by-ana", authors: [room.ana], status: .draft)
        try await room.article("by-ben", authors: [room.ben], status: .inReview)
        try await room.article("by-both", authors: [room.ben, room.ana])
        let everything = try await room.stores.articles.backOfficeList(BackOfficeFilter(), page: PageRequest(page: 1, perPage: 10))
        #expect(everything.total == 3)
        #expect(Set(everything.items.map(\.slug.rawValue)) == ["by-ana", "by-ben", "by-both"])
        #expect(everything.items.first { $0.slug.rawValue == "by-both" }?.authorNames == ["Ben", "Ana"])
        #expect(everything.items.first { $0.slug.rawValue == "by-ben" }?.status == .inReview)
        #expect(everything.items.allSatisfy { $0.sectionName == "News" && $0.lastSavedAt != nil })
        let drafts = try await room.stores.articles.backOfficeList(BackOfficeFilter(status: .draft), page: PageRequest(page: 1, perPage: 10))
        #expect(drafts.items.map(\.slug.rawValue) == ["by-ana"])
        let owned = try await room.stores.articles.backOfficeList(BackOfficeFilter(ownedBy: writer), page: PageRequest(page: 1, perPage: 10))
        #expect(Set(owned.items.map(\.slug.rawValue)) == ["by-ana", "by-both"])
        let paged = try await room.stores.articles.backOfficeList(BackOfficeFilter(), page: PageRequest(page: 2, perPage: 2))
        #expect(paged.items.count == 1 && paged.total == 3)
    }

    @Test(arguments: StoreEngine.available)
    func eachRevisionCanBeReadOnItsOwn(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let id = try await room.article("ferry")
        try await room.article("ferry-fares", id: id)
        let revisions = try await room.stores.articles.revisions(of: id)
        #expect(revisions.map(\.number) == [2, 1])
        for revision in revisions { #expect(try await room.stores.articles.revision(revision.id) == revision) }
        #expect(revisions.first?.snapshot.slug == "ferry-fares")
        #expect(try await room.stores.articles.revision(RevisionID(9999)) == nil)
    }

    @Test(arguments: StoreEngine.available)
    func webhookDeliveriesComeDueAndRecordTheirAttempts(_ engine: StoreEngine) async throws {
        let room = try await Newsroom(engine)
        let now = Newsroom.now
        let kept = try await room.stores.webhooks.addWebhook(url: "https://hooks.example/a", secret: "s", at: now)
        let removed = try await room.stores.webhooks.addWebhook(url: "https://hooks.example/b", secret: "t", at: now)
        #expect(try await room.stores.webhooks.webhooks().map(\.url) == ["https://hooks.example/a", "https://hooks.example/b"])
        try await room.stores.webhooks.removeWebhook(removed.id)
        #expect(try await room.stores.webhooks.webhooks() == [kept])

        var draft = ArticleDraft(
            article: ArticleInput(headline: "H", sectionID: room.news.id, authorIDs: [room.ana.id], bodyMarkdown: "B", status: .published),
            slug: Slug(from: "h")!,
            bodyHTML: MarkdownRenderer.render("B"),
            savedAt: Newsroom.now
        )
        draft.article.publishedAt = now
        draft.events = PendingArticleEvents(events: [ArticleEvent.published], occurredAt: now)
        _ = try await room.stores.articles.save(draft)
        #expect(try await room.stores.webhooks.dueDeliveries(now: now - 1, limit: 10).isEmpty, "not due before its time")
        let due = try await room.stores.webhooks.dueDeliveries(now: now, limit: 10)
        #expect(due.map(\.webhook.id) == [kept.id])
        let delivery = try #require(due.first)
        #expect(delivery.attempts == 0 && delivery.state == .pending)

        try await room.stores.webhooks.recordAttempt(delivery.id, state: .pending, result: "HTTP 503", nextAttemptAt: now + 30)
        #expect(try await room.stores.webhooks.dueDeliveries(now: now + 29, limit: 10).isEmpty)
        let retried = try #require(try await room.stores.webhooks.dueDeliveries(now: now + 30, limit: 10).first)
        #expect(retried.attempts == 1 && retried.lastResult == "HTTP 503")
        try await room.stores.webhooks.recordAttempt(delivery.id, state: .delivered, result: "HTTP 200", nextAttemptAt: now + 31)
        #expect(try await room.stores.webhooks.dueDeliveries(now: now + 3600, limit: 10).isEmpty, "delivered is done")
        let log = try await room.stores.webhooks.recentDeliveries(limit: 5)
        #expect(log.map(\.state) == [.delivered] && log.first?.attempts == 2)
    }
}
