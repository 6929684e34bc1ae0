import Foundation

/// Everything needed to write an article in one go; what `Publishing` hands the store.
public struct ArticleDraft: Sendable, Hashable {
    public var id: ArticleID?
    public var slug: Slug
    public var headline: String
    public var standfirst: String
    public var sectionID: SectionID
    public var authorIDs: [AuthorID]
    public var tagIDs: [TagID]
    public var leadImage: LeadImage?
    public var bodyMarkdown: String
    public var bodyHTML: SafeHTML
    public var status: ArticleStatus
    public var publishedAt: Date?
    public var updatedAt: Date?
    public var rightsOverride: String?
    public var seoTitle: String?
    public var seoDescription: String?
    public var corrections: [Correction]

    public init(
        id: ArticleID? = nil,
        slug: Slug,
        headline: String,
        standfirst: String = "",
        sectionID: SectionID,
        authorIDs: [AuthorID],
        tagIDs: [TagID] = [],
        leadImage: LeadImage? = nil,
        bodyMarkdown: String,
        bodyHTML: SafeHTML,
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
        self.bodyHTML = bodyHTML
        self.status = status
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.rightsOverride = rightsOverride
        self.seoTitle = seoTitle
        self.seoDescription = seoDescription
        self.corrections = corrections
    }
}

/// Articles, shaped by what the pages ask for. "Published" always means
/// status `published` with a publication time at or before `now`, so an
/// embargoed article stays hidden until its moment.
public protocol ArticleStore: Sendable {
    /// Any article with this slug, in any status; the page decides what to show.
    func article(slug: Slug) async throws -> Article?
    func article(id: ArticleID) async throws -> Article?
    /// Published articles matching the filter, newest first.
    func list(_ filter: ArticleFilter, page: PageRequest, now: Date) async throws -> Paged<ArticleSummary>
    /// Published articles among `ids`, in the order given; others are skipped.
    func summaries(ids: [ArticleID], now: Date) async throws -> [ArticleSummary]
    /// Writes the whole article (row, authors, tags, corrections) in one transaction.
    /// Throws `MastheadError(.conflict)` when another article has the slug.
    func save(_ draft: ArticleDraft) async throws -> ArticleID
    func count() async throws -> Int
}
