import MastheadCore

/// Any page that is a list of articles: home, section, tag, author and date archives.
struct ListPage: Sendable {
    struct Pagination: Sendable {
        var page: Int
        var pageCount: Int
        var previousURL: String?
        var nextURL: String?
    }

    struct Profile: Sendable {
        var name: String
        var role: String
        var bio: String
        var photoURL: String?
    }

    var site: SiteChrome
    var meta: PageHead
    var sidebar: SafeHTML
    var heading: String
    var description: String
    /// The author's bio and photo, on author pages.
    var profile: Profile?
    /// Curated top stories, on the first page of the home page.
    var topStories: [ArticleCard]
    var articles: [ArticleCard]
    var isEmpty: Bool
    var pagination: Pagination?
    /// `WebSite` structured data, on the home page only.
    var jsonLD: SafeHTML?

    init(
        heading: String,
        description: String,
        url: SiteURL,
        paged: Paged<ArticleSummary>,
        topStories: [ArticleSummary] = [],
        profile: Profile? = nil,
        settings: SiteSettings,
        chrome: SiteChrome,
        sidebar: SafeHTML,
        title: String? = nil
    ) {
        let formatter = SiteDateFormatter(timeZone: settings.timeZone)
        let previous = paged.hasPrevious ? url.path(page: paged.page - 1) : nil
        let next = paged.hasNext ? url.path(page: paged.page + 1) : nil
        site = chrome
        let pageSuffix = paged.page > 1 ? " — page \(paged.page)" : ""
        meta = PageHead(
            title: (title ?? heading) + pageSuffix,
            description: description.isEmpty ? settings.tagline : description,
            canonicalURL: url.absolute(base: settings.baseURL, page: paged.page),
            previousURL: previous,
            nextURL: next
        )
        self.sidebar = sidebar
        self.heading = heading
        self.description = description
        self.profile = profile
        self.topStories = topStories.map { ArticleCard($0, formatter) }
        articles = paged.items.map { ArticleCard($0, formatter) }
        isEmpty = paged.items.isEmpty && topStories.isEmpty
        pagination = paged.pageCount > 1 ? Pagination(page: paged.page, pageCount: paged.pageCount, previousURL: previous, nextURL: next) : nil
        jsonLD = url == .home ? StructuredData.website(settings) : nil
    }
}
