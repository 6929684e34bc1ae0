import Foundation
import Logging

/// What an editor submits for an article; `Publishing` turns it into a draft the
/// store can save.
public struct ArticleInput: Sendable, Hashable, Codable {
    public var id: ArticleID?
    public var slug: String
    public var headline: String
    public var standfirst: String
    public var sectionID: SectionID
    public var authorIDs: [AuthorID]
    public var tagIDs: [TagID]
    public var leadImage: LeadImage?
    public var bodyMarkdown: String
    public var status: ArticleStatus
    public var publishedAt: Date?
    /// An explicit update time, for imports and the demo that bring their history
    /// with them; otherwise `Publishing` stamps it when published text changes.
    public var updatedAt: Date?
    public var rightsOverride: String?
    public var seoTitle: String?
    public var seoDescription: String?
    public var corrections: [Correction]
    /// The account that created the article; kept from the first save.
    public var createdBy: AccountID?
    /// An IANA zone for the byline's dates; `nil` uses the site's.
    public var datelineZone: String?

    public init(
        id: ArticleID? = nil,
        slug: String = "",
        headline: String,
        standfirst: String = "",
        sectionID: SectionID,
        authorIDs: [AuthorID],
        tagIDs: [TagID] = [],
        leadImage: LeadImage? = nil,
        bodyMarkdown: String,
        status: ArticleStatus,
        publishedAt: Date? = nil,
        updatedAt: Date? = nil,
        rightsOverride: String? = nil,
        seoTitle: String? = nil,
        seoDescription: String? = nil,
        corrections: [Correction] = [],
        createdBy: AccountID? = nil
    ) {
        self.id = id
        self.slug = slug
        self.headline = headline
        self.standfirst = standfirst
        self.sectionID = sectionID
        self.authorIDs = authorIDs
        self.tagIDs = tagIDs
        self.leadImage = leadImage
        self.bodyMarkdown = bodyMarkdown
        self.status = status
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.rightsOverride = rightsOverride
        self.seoTitle = seoTitle
        self.seoDescription = seoDescription
        self.corrections = corrections
        self.createdBy = createdBy
    }
}

/// Saving and publishing articles, the one use case every door calls (the editor,
/// the API, revisions, imports, the CLI): checks the account's permission for the
/// change, validates the input and what it refers to, renders the Markdown body
/// once, keeps publication and update times honest, and hands the store one
/// transaction with the article, the tags it names and the webhook events it
/// announces. Then `changed` tells the site.
///
/// - A published article keeps its first publication time.
/// - "Published" with a time in the future is an embargo: the article is
///   scheduled and appears when its time comes.
/// - Only a correction or an update note moves the public "Updated" time; a
///   silent fix of a typo does not.
public struct Publishing: Sendable {
    public static let maximumBodyBytes = 512 * 1024
    public var stores: Stores
    public var clock: WallClock
    /// Where an editor's backdate or far-future date is noted; nil for the system's own saves.
    public var logger: Logger?
    /// Called after every successful save with the article's id, so the public site
    /// refreshes; no caller has to remember it.
    public var changed: (@Sendable (ArticleID) async -> Void)?

    public init(stores: Stores, clock: WallClock, logger: Logger? = nil, changed: (@Sendable (ArticleID) async -> Void)? = nil) {
        self.stores = stores
        self.clock = clock
        self.logger = logger
        self.changed = changed
    }

    /// The dates a writer may give without an editor: from an hour ago to a year ahead.
    static func isUsualDate(_ date: Date, now: Date) -> Bool {
        date >= now.addingTimeInterval(-3600) && date <= now.addingTimeInterval(366 * 86_400)
    }

    /// Saves the article for `account` (`nil`: the system itself — imports, the demo,
    /// the CLI), adding `note` to its corrections when given. `tags` names tags to carry
    /// after `input.tagIDs` (made by `TagName.list`, which cleans them); those that do not exist are created with the article, so
    /// a refused save leaves none behind.
    @discardableResult
    public func save(_ input: ArticleInput, tags: [TagName] = [], by account: Account? = nil, note: Correction? = nil) async throws -> ArticleID {
        let now = clock.now
        var existing: Article?
        if let id = input.id {
            existing = try await stores.articles.article(id: id)
            guard existing != nil else { throw MastheadError(.notFound, "There is no such article.") }
        }
        // A well-formed save naming what the site does not have is a conflict (409), answered
        // before anything about the input itself, as the API has always answered it.
        try await checkReferences(input)
        if let account { try authorise(account, toSave: input, over: existing) }

        var settled = input.cleaned
        settled.headline = settled.headline.trimmingCharacters(in: .whitespacesAndNewlines)
        try validate(settled)
        // A blank slug means "make one from the headline" for a new article; an existing
        // one keeps its slug, so its URL never changes by accident.
        let slug =
            try existing.map { current in settled.slug.trimmingCharacters(in: .whitespaces).isEmpty ? current.slug : try Self.slug(for: settled) }
            ?? Self.slug(for: settled)
        // Former slugs are reserved: the old address of a renamed article keeps leading to it,
        // so no other article may take it over (its own former slug it may take back).
        if slug != existing?.slug, let owner = try await stores.articles.articleID(formerSlug: slug), owner != existing?.id {
            throw MastheadError(
                .conflict,
                "The address \u{201C}\(slug)\u{201D} belonged to another article and still leads to it; choose another slug."
            )
        }
        settled.createdBy = existing?.createdBy ?? input.createdBy ?? account?.id
        settled.corrections = existing?.corrections ?? settled.corrections
        if let note {
            let text = CleanText.clean(note.note).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw MastheadError(.invalidInput, "A correction or update note needs some text.") }
            settled.corrections.append(Correction(kind: note.kind, note: text, date: now))
        }
        try settleTimes(&settled, existing: existing, addedNote: note != nil, now: now)
        let addedNote = settled.corrections.count > (existing?.corrections.count ?? input.corrections.count) ? settled.corrections.last : nil
        var draft = ArticleDraft(
            article: settled,
            slug: slug,
            bodyHTML: MarkdownRenderer.render(settled.bodyMarkdown),
            savedBy: account?.id,
            savedAt: now
        )
        draft.tagNames = tags
        let events = ArticleEvent.events(before: existing?.status, after: settled.status, addedNote: addedNote)
        if !events.isEmpty {
            draft.events = PendingArticleEvents(
                events: events,
                note: addedNote,
                occurredAt: now,
                formerKeys: existing.map(SurrogateKeys.purge(for:)) ?? []
            )
        }
        let id = try await stores.articles.save(draft)
        // An editor may date a story far back or ahead, and that is worth a line in the log:
        // a backdated story is how a site's record gets rewritten. Written once it is saved.
        if let account, let date = settled.publishedAt, date != existing?.publishedAt, !Self.isUsualDate(date, now: now) {
            logger?.notice(
                "Article dated outside the usual window",
                metadata: ["account": "\(account.id)", "article": "\(id)", "published_at": "\(date.formatted(.iso8601))"]
            )
        }
        await changed?(id)
        return id
    }

    /// Saves a batch of new articles for the system itself (imports, generated
    /// corpora) in one transaction, with the same validation, slugs, times and
    /// rendering as `save`. Bulk loads bring in an archive rather than news, so
    /// they send no webhook events. Markdown renders on every core in parallel.
    @discardableResult
    public func saveNew(_ inputs: [ArticleInput]) async throws -> [ArticleID] {
        let now = clock.now
        var settled: [(input: ArticleInput, slug: Slug)] = []
        settled.reserveCapacity(inputs.count)
        for input in inputs {
            guard input.id == nil else { throw MastheadError(.invalidInput, "A batch of new articles holds an existing one.") }
            var article = input.cleaned
            article.headline = article.headline.trimmingCharacters(in: .whitespacesAndNewlines)
            try validate(article)
            try settleTimes(&article, existing: nil, addedNote: false, now: now)
            settled.append((article, try Self.slug(for: article)))
        }
        let ids = try await stores.articles.saveAll(await Self.draftsInParallel(settled, savedAt: now))
        if let last = ids.last { await changed?(last) }
        return ids
    }

    /// Rendering (HTML and the search index's plain text) is most of a bulk save's
    /// work outside the database, and each article is independent: one lane per core.
    private static func draftsInParallel(_ settled: [(input: ArticleInput, slug: Slug)], savedAt: Date) async -> [ArticleDraft] {
        let lanes = max(1, min(ProcessInfo.processInfo.activeProcessorCount, settled.count / 16))
        let size = (settled.count + lanes - 1) / lanes
        return await withTaskGroup(of: (Int, [ArticleDraft]).self) { group in
            for lane in 0..<lanes {
                let slice = Array(settled[min(lane * size, settled.count)..<min((lane + 1) * size, settled.count)])
                group.addTask {
                    let drafts = slice.map { entry in
                        ArticleDraft(
                            article: entry.input,
                            slug: entry.slug,
                            bodyHTML: MarkdownRenderer.render(entry.input.bodyMarkdown),
                            savedBy: nil,
                            savedAt: savedAt
                        )
                    }
                    return (lane, drafts)
                }
            }
            var drafts = Array(repeating: [ArticleDraft](), count: lanes)
            for await (lane, part) in group { drafts[lane] = part }
            return drafts.flatMap { $0 }
        }
    }

    /// Brings back a revision's text; the article keeps its current status, times and notes.
    @discardableResult
    public func restore(_ revision: Revision, by account: Account?) async throws -> ArticleID {
        guard let current = try await stores.articles.article(id: revision.article) else {
            throw MastheadError(.notFound, "There is no such article.")
        }
        var input = revision.snapshot
        input.id = current.id
        input.status = current.status
        input.publishedAt = current.publishedAt
        input.updatedAt = current.updatedAt
        return try await save(input, by: account)
    }

    // MARK: - Rules

    private func authorise(_ account: Account, toSave input: ArticleInput, over existing: Article?) throws {
        let ownership = ArticleOwnership.of(existing, createdBy: existing?.createdBy, for: account)
        if existing == nil {
            guard Policy.allows(account, .createArticle) else { throw MastheadError(.forbidden, "Your role cannot write articles.") }
        } else {
            // What you may not see does not exist for you (no probing other people's drafts).
            guard Policy.allows(account, .viewArticle(ownership)) else { throw MastheadError(.notFound, "There is no such article.") }
            guard Policy.allows(account, .editArticle(ownership)) else {
                throw MastheadError(.forbidden, "Your role cannot change this article now.")
            }
        }
        if input.status != existing?.status {
            guard Policy.allows(account, .setStatus(input.status, ownership)) else {
                throw MastheadError(.forbidden, "Your role cannot move an article to \(input.status.label.lowercased()).")
            }
        }
        try authoriseBylineAndDate(account, input: input, over: existing)
    }

    /// Writers (authors, contributors) publish under their own name, and on the day they
    /// publish: another staff member's byline, a backdate (an article "from" 2001) or a date
    /// more than a year ahead is an editor's decision. What an editor set stays as it is.
    private func authoriseBylineAndDate(_ account: Account, input: ArticleInput, over existing: Article?) throws {
        guard account.role == .author || account.role == .contributor else { return }
        let allowed = Set(existing?.authors.map(\.id) ?? []).union(account.authorID.map { [$0] } ?? [])
        guard Set(input.authorIDs).isSubset(of: allowed) else {
            throw MastheadError(.forbidden, "Only an editor can put another writer's name on an article.")
        }
        if let date = input.publishedAt, date != existing?.publishedAt {
            guard Self.isUsualDate(date, now: clock.now) else {
                throw MastheadError(.forbidden, "Only an editor can date an article in the past or more than a year ahead.")
            }
        }
    }

    /// The section and authors must exist: a well-formed save naming what the site does
    /// not have conflicts with its state (the same save works once the author exists).
    private func checkReferences(_ input: ArticleInput) async throws {
        guard try await stores.taxonomy.sections().contains(where: { $0.id == input.sectionID }) else {
            throw MastheadError(.conflict, "There is no section \(input.sectionID).")
        }
        let authors = Set(try await stores.taxonomy.authors().map(\.id))
        guard input.authorIDs.allSatisfy(authors.contains) else { throw MastheadError(.conflict, "One of the authors does not exist.") }
    }

    private func validate(_ input: ArticleInput) throws {
        guard !input.headline.isEmpty else { throw MastheadError(.invalidInput, "The headline is empty.") }
        guard input.headline.count <= 300 else { throw MastheadError(.invalidInput, "The headline is longer than 300 characters.") }
        guard !input.authorIDs.isEmpty else { throw MastheadError(.invalidInput, "An article needs at least one author.") }
        guard input.bodyMarkdown.utf8.count <= Self.maximumBodyBytes else {
            throw MastheadError(.invalidInput, "The body is larger than 512 KiB.")
        }
        if let zone = input.datelineZone, TimeZone(identifier: zone) == nil {
            throw MastheadError(.invalidInput, "The dateline time zone \"\(zone.prefix(60))\" is not an IANA zone name.")
        }
        if let image = input.leadImage {
            guard SafeURL.check(image.url, for: .image) != nil else {
                throw MastheadError(.invalidInput, "The lead image URL must be http(s) or site-relative.")
            }
            guard !image.alt.trimmingCharacters(in: .whitespaces).isEmpty, !image.credit.isEmpty else {
                throw MastheadError(.invalidInput, "A lead image needs alt text and a credit.")
            }
        }
    }

    static func slug(for input: ArticleInput) throws -> Slug {
        let text = input.slug.trimmingCharacters(in: .whitespaces).isEmpty ? input.headline : input.slug
        guard let slug = Slug(from: text) else { throw MastheadError(.invalidInput, "The slug has no letters or digits.") }
        guard !slug.isReserved else { throw MastheadError(.invalidInput, "The slug \"\(slug)\" is reserved for a site page.") }
        return slug
    }

    private func settleTimes(_ input: inout ArticleInput, existing: Article?, addedNote: Bool, now: Date) throws {
        let explicitUpdate = input.updatedAt
        input.updatedAt = explicitUpdate ?? existing?.updatedAt
        switch input.status {
        case .published:
            // Once out, an article keeps its first publication time (its URL carries the date).
            let wasOut = existing?.status == .published || existing?.status == .unpublished
            input.publishedAt = (wasOut ? existing?.publishedAt : nil) ?? input.publishedAt ?? now
            if let time = input.publishedAt, time > now, existing?.status != .published { input.status = .scheduled }
        case .scheduled:
            guard let time = input.publishedAt else { throw MastheadError(.invalidInput, "A scheduled article needs a publish time.") }
            guard time > now else { throw MastheadError(.invalidInput, "The publish time has already passed; publish now or pick a later time.") }
        case .draft, .inReview, .unpublished:
            input.publishedAt = input.publishedAt ?? existing?.publishedAt
        }
        if explicitUpdate == nil, addedNote, existing?.status == .published { input.updatedAt = now }
    }
}

extension ArticleStatus {
    /// How the newsroom says it.
    public var label: String {
        switch self {
        case .draft: "Draft"
        case .inReview: "In review"
        case .scheduled: "Scheduled"
        case .published: "Published"
        case .unpublished: "Unpublished"
        }
    }
}
