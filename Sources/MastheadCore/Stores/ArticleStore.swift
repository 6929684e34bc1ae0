import Foundation

/// An article ready to be written: the editor's input after `Publishing` has
/// validated it, made its slug, rendered its body and settled its times.
public struct ArticleDraft: Sendable, Hashable {
    /// The fields as saved; `article.slug` is ignored in favour of `slug`.
    public var article: ArticleInput
    public var slug: Slug
    public var bodyHTML: SafeHTML
    /// The body as plain text, for the search index.
    public var bodyText: String

    /// Who saved it and when: every save is kept as a revision.
    public var savedBy: AccountID?
    public var savedAt: Date
    /// Tags named by the writer, found or created in the save's transaction and carried
    /// after `article.tagIDs`.
    public var tagNames: [TagName] = []
    /// Webhook events the save announces, queued in its transaction.
    public var events: PendingArticleEvents?

    public init(
        article: ArticleInput,
        slug: Slug,
        bodyHTML: SafeHTML,
        bodyText: String? = nil,
        savedBy: AccountID? = nil,
        savedAt: Date
    ) {
        self.article = article
        self.slug = slug
        self.bodyHTML = bodyHTML
        self.bodyText = bodyText ?? Teaser.plainText(fromMarkdown: article.bodyMarkdown, paragraphs: Int.max)
        self.savedBy = savedBy
        self.savedAt = savedAt
    }

    public var id: ArticleID? { article.id }
}

/// Articles, shaped by what the pages ask for. "Published" always means
/// status `published` with a publication time at or before `now`, so an
/// embargoed article stays hidden until its moment.
public protocol ArticleStore: Sendable {
    /// Any article with this slug, in any status; the page decides what to show.
    func article(slug: Slug) async throws -> Article?
    func article(id: ArticleID) async throws -> Article?
    /// Articles related to this one (shared tags, similar words), worked out when it was
    /// last saved; only those readers can see, in order.
    func related(to article: ArticleID, now: Date) async throws -> [ArticleSummary]
    /// The article that once had this slug (every slug an article ever had keeps pointing at it).
    func articleID(formerSlug: Slug) async throws -> ArticleID?
    /// Published articles matching the filter, newest first.
    func list(_ filter: ArticleFilter, page: PageRequest, now: Date) async throws -> Paged<ArticleSummary>
    /// Published articles among `ids`, in the order given; others are skipped.
    func summaries(ids: [ArticleID], now: Date) async throws -> [ArticleSummary]
    /// Writes the whole article (row, authors, tags, corrections), a revision of it,
    /// the tags it names that do not exist yet and the webhook events it announces,
    /// all in one transaction. Throws `MastheadError(.conflict)` when another article
    /// has the slug.
    func save(_ draft: ArticleDraft) async throws -> ArticleID
    /// Saves many drafts exactly as `save` would, in one transaction: all or none.
    /// For bulk loads (imports, generated corpora), where a transaction per
    /// article would cost more than the articles themselves.
    func saveAll(_ drafts: [ArticleDraft]) async throws -> [ArticleID]
    func count() async throws -> Int

    /// Published articles for sitemaps: slug and times only, oldest first, any number per page.
    func sitemapEntries(offset: Int, limit: Int, now: Date) async throws -> [SitemapEntry]
    func publishedCount(now: Date) async throws -> Int

    /// Articles for the back office, newest change first, any status.
    func backOfficeList(_ filter: BackOfficeFilter, page: PageRequest) async throws -> Paged<BackOfficeArticle>
    /// Every saved version of an article, newest first.
    func revisions(of article: ArticleID) async throws -> [Revision]
    func revision(_ id: RevisionID) async throws -> Revision?
    /// Publishes every scheduled article whose time has come and queues their
    /// `article.published` events, in one transaction; returns their ids. Safe to
    /// call from several processes at once.
    func publishScheduled(dueBy now: Date) async throws -> [ArticleID]
}

/// What a sitemap needs of an article.
public struct SitemapEntry: Sendable, Hashable {
    public var slug: Slug
    public var headline: String
    public var publishedAt: Date
    public var updatedAt: Date?

    public init(slug: Slug, headline: String, publishedAt: Date, updatedAt: Date?) {
        self.slug = slug
        self.headline = headline
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
    }
}

/// Which articles the back office lists.
public struct BackOfficeFilter: Sendable, Hashable {
    public var status: ArticleStatus?
    /// Only articles this account created or is credited on.
    public var ownedBy: Account?

    public init(status: ArticleStatus? = nil, ownedBy: Account? = nil) {
        self.status = status
        self.ownedBy = ownedBy
    }
}

/// One row of the back office's article list.
public struct BackOfficeArticle: Sendable, Hashable, Identifiable {
    public var id: ArticleID
    public var slug: Slug
    public var headline: String
    public var status: ArticleStatus
    public var sectionName: String
    public var authorNames: [String]
    public var publishedAt: Date?
    public var lastSavedAt: Date?

    public init(
        id: ArticleID,
        slug: Slug,
        headline: String,
        status: ArticleStatus,
        sectionName: String,
        authorNames: [String],
        publishedAt: Date?,
        lastSavedAt: Date?
    ) {
        self.id = id
        self.slug = slug
        self.headline = headline
        self.status = status
        self.sectionName = sectionName
        self.authorNames = authorNames
        self.publishedAt = publishedAt
        self.lastSavedAt = lastSavedAt
    }
}

/// One saved version of an article: what the editor held at that moment.
public struct Revision: Sendable, Hashable, Identifiable {
    public var id: RevisionID
    public var article: ArticleID
    public var number: Int
    public var savedBy: AccountID?
    public var savedByName: String?
    public var savedAt: Date
    public var snapshot: ArticleInput

    public init(
        id: RevisionID,
        article: ArticleID,
        number: Int,
        savedBy: AccountID?,
        savedByName: String?,
        savedAt: Date,
        snapshot: ArticleInput
    ) {
        self.id = id
        self.article = article
        self.number = number
        self.savedBy = savedBy
        self.savedByName = savedByName
        self.savedAt = savedAt
        self.snapshot = snapshot
    }
}
