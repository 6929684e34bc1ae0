/// Names for what a cached page shows, sent as `Surrogate-Key`/`Cache-Tag`
/// headers, so that a CDN told "purge these keys" after a publish drops
/// exactly the pages that changed.
public enum SurrogateKeys {
    /// On every cached reader page: purging `site` empties a CDN of Masthead's pages.
    public static let site = "site"

    /// The keys of an article's own page.
    public static func forArticle(_ article: Article) -> [String] {
        [site, "article-\(article.id)", "section-\(article.section.slug)"]
            + article.tags.map { "tag-\($0.slug)" } + article.authors.map { "author-\($0.slug)" }
    }

    /// What to purge when an article is published, changed or withdrawn: its page,
    /// every list and feed it appears in (its section, tags and authors), the home
    /// page, the archives and the sitemaps.
    public static func purge(for article: Article) -> [String] {
        Array(forArticle(article).dropFirst()) + ["home", "archive", "feeds", "sitemaps"]
    }
}
