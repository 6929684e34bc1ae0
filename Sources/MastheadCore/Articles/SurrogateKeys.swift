/// Names for what a cached page shows, sent as `Surrogate-Key`/`Cache-Tag`
/// headers, so that a CDN told "purge these keys" after a publish drops
/// exactly the pages that changed. Masthead's own page cache drops pages by
/// the same keys (see `ContentChange`).
///
/// An article page is keyed by the articles it shows (`article-{id}` for its own,
/// `related-{id}` for each story beside it), not by its section, tags or authors:
/// those keys name the lists, and a story published in the same section must not
/// drop every other story's page. Renaming a section, tag or author changes every
/// page and purges `site`.
public enum SurrogateKeys {
    /// On every cached reader page: purging `site` empties a CDN of Masthead's pages.
    public static let site = "site"

    /// The key of an article's own page.
    public static func article(_ id: ArticleID) -> String { "article-\(id)" }

    /// The key of the article pages that show this one among their related stories.
    public static func related(_ id: ArticleID) -> String { "related-\(id)" }

    /// The keys of an article's page showing `related` beside it.
    public static func forArticle(_ article: Article, related: [ArticleSummary] = []) -> [String] {
        [site, Self.article(article.id)] + related.map { Self.related($0.id) }
    }

    /// The keys of the lists an article appears on, named by slug (`section-news`, `tag-harbor`, `author-ana-ruiz`).
    public static func lists(section: String, tags: [String], authors: [String]) -> [String] {
        ["section-\(section)"] + tags.map { "tag-\($0)" } + authors.map { "author-\($0)" }
    }

    /// What to purge when an article is published, changed or withdrawn: every page
    /// that shows it, every list and feed it appears in (its section, tags and
    /// authors), the home page, the archives and the sitemaps.
    public static func purge(for article: Article) -> [String] {
        purge(
            article: article.id,
            lists: lists(
                section: article.section.slug.rawValue,
                tags: article.tags.map(\.slug.rawValue),
                authors: article.authors.map(\.slug.rawValue)
            )
        )
    }

    /// The same from an article's id and its list keys, for a store inside its transaction.
    public static func purge(article id: ArticleID, lists: [String]) -> [String] {
        [article(id), related(id)] + lists + latest
    }

    /// The pages that list the latest stories whatever their section: any published change reaches them.
    public static let latest = ["home", "archive", "feeds", "sitemaps"]
}
