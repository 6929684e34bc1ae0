import Foundation

/// What an editor submits for an article; `Publishing` turns it into a draft the
/// store can save.
public struct ArticleInput: Sendable, Hashable {
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
        corrections: [Correction] = []
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
    }
}

/// Saving and publishing articles: validates input, renders the Markdown body
/// once, and keeps publication and update times honest.
public struct Publishing: Sendable {
    public static let maximumBodyBytes = 512 * 1024
    public var stores: Stores
    public var clock: WallClock

    public init(stores: Stores, clock: WallClock) {
        self.stores = stores
        self.clock = clock
    }

    /// Saves the article. A published article keeps its first publication time;
    /// saving it again with changed text stamps `updatedAt`.
    @discardableResult
    public func save(_ input: ArticleInput) async throws -> ArticleID {
        let headline = input.headline.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !headline.isEmpty else { throw MastheadError(.invalidInput, "The headline is empty.") }
        guard headline.count <= 300 else { throw MastheadError(.invalidInput, "The headline is longer than 300 characters.") }
        guard !input.authorIDs.isEmpty else { throw MastheadError(.invalidInput, "An article needs at least one author.") }
        guard input.bodyMarkdown.utf8.count <= Self.maximumBodyBytes else {
            throw MastheadError(.invalidInput, "The body is larger than 512 KiB.")
        }
        let slugText = input.slug.isEmpty ? headline : input.slug
        guard let slug = Slug(from: slugText) else { throw MastheadError(.invalidInput, "The slug has no letters or digits.") }
        guard !slug.isReserved else { throw MastheadError(.invalidInput, "The slug \"\(slug)\" is reserved for a site page.") }

        let now = clock.now
        let existing = try await input.id.asyncMap { try await stores.articles.article(id: $0) } ?? nil
        var publishedAt = input.publishedAt
        var updatedAt = input.updatedAt ?? existing?.updatedAt
        if input.status == .published || input.status == .scheduled {
            publishedAt = existing?.publishedAt ?? input.publishedAt ?? now
            if input.updatedAt == nil, let existing, existing.status == .published,
                existing.bodyMarkdown != input.bodyMarkdown || existing.headline != headline
            {
                updatedAt = now
            }
        }
        var settled = input
        settled.headline = headline
        settled.publishedAt = publishedAt
        settled.updatedAt = updatedAt
        let draft = ArticleDraft(article: settled, slug: slug, bodyHTML: MarkdownRenderer.render(input.bodyMarkdown))
        return try await stores.articles.save(draft)
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
