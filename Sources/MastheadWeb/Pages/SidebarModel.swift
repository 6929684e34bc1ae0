import MastheadCore

/// The four lists beside every page: Editor's Picks, Most Popular, Latest News
/// and Trending. Rendered on a timer and when content changes, never per request.
struct SidebarModel: Sendable {
    struct Entry: Sendable {
        var headline: String
        var url: String
        var rank: Int
    }

    struct Latest: Sendable {
        var headline: String
        var url: String
        var teaser: String
        var date: DisplayDate
    }

    var editorsPicks: [Entry]
    var mostPopular: [Entry]
    var latest: Latest?
    var trending: [Entry]

    init(
        editorsPicks: [ArticleSummary],
        mostPopular: [ArticleSummary],
        latest: ArticleSummary?,
        trending: [ArticleSummary],
        formatter: SiteDateFormatter
    ) {
        func entries(_ list: [ArticleSummary]) -> [Entry] {
            list.enumerated().map { index, summary in
                Entry(
                    headline: summary.headline,
                    url: SiteURL.article(summary.slug, publishedAt: summary.publishedAt, formatter: formatter).path(),
                    rank: index + 1
                )
            }
        }
        self.editorsPicks = entries(editorsPicks)
        self.mostPopular = entries(mostPopular)
        self.latest = latest.map {
            Latest(
                headline: $0.headline,
                url: SiteURL.article($0.slug, publishedAt: $0.publishedAt, formatter: formatter).path(),
                teaser: $0.teaser,
                date: DisplayDate($0.publishedAt, formatter)
            )
        }
        self.trending = entries(trending)
    }
}
