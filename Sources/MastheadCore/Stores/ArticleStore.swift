import Foundation

/// An article ready to be written: the editor's input after `Publishing` has
/// validated it, made its slug, rendered its body and settled its times.
public struct ArticleDraft: Sendable, Hashable {
    /// The fields as saved; `article.slug` is ignored in favour of `slug`.
    public var article: ArticleInput
    public var slug: Slug
    public var bodyHTML: SafeHTML

    public init(article: ArticleInput, slug: Slug, bodyHTML: SafeHTML) {
        self.article = article
        self.slug = slug
        self.bodyHTML = bodyHTML
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
    /// Published articles matching the filter, newest first.
    func list(_ filter: ArticleFilter, page: PageRequest, now: Date) async throws -> Paged<ArticleSummary>
    /// Published articles among `ids`, in the order given; others are skipped.
    func summaries(ids: [ArticleID], now: Date) async throws -> [ArticleSummary]
    /// Writes the whole article (row, authors, tags, corrections) in one transaction.
    /// Throws `MastheadError(.conflict)` when another article has the slug.
    func save(_ draft: ArticleDraft) async throws -> ArticleID
    func count() async throws -> Int
}
