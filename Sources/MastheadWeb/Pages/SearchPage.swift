import Foundation
import MastheadCore

/// The search page: the form (echoing what was asked, escaped), results with
/// highlighted snippets, filters and pagination.
struct SearchPage: Sendable {
    struct Result: Sendable {
        var card: ArticleCard
        var snippet: SafeHTML
    }

    var site: SiteChrome
    var meta: PageHead
    var sidebar: SafeHTML
    var query: String
    var from: String
    var until: String
    var sections: [SelectOption]
    var results: [Result]
    /// "1 result", "23 results", or "More than 600 results" when only the best were ranked.
    var count: String
    var searched: Bool
    var noResults: Bool
    var previousURL: String?
    var nextURL: String?
}

extension SearchPage {
    init(
        query: SearchQuery,
        fromText: String,
        untilText: String,
        paged: Paged<SearchHit>,
        settings: SiteSettings,
        chrome: SiteChrome,
        sections: [Section],
        pageURL: (Int) -> String
    ) {
        let formatter = SiteDateFormatter(timeZone: settings.timeZone)
        site = chrome
        meta = PageHead(
            title: query.text.isEmpty ? "Search" : "Search: \(query.text)",
            description: "Search \(settings.name)",
            canonicalURL: settings.baseURL + "/search"
        )
        sidebar = .empty
        self.query = query.text
        from = fromText
        until = untilText
        self.sections =
            [SelectOption(value: "", label: "All sections", selected: query.section == nil)]
            + sections.map { SelectOption(value: $0.slug.rawValue, label: $0.name, selected: $0.slug == query.section) }
        results = paged.items.map { Result(card: ArticleCard($0.article, formatter), snippet: $0.snippet) }
        let number = paged.total.formatted()
        count =
            paged.totalIsLowerBound ? "More than \(number) results" : paged.total == 1 ? "1 result" : "\(number) results"
        searched = query.matchExpression != nil
        noResults = searched && paged.items.isEmpty
        previousURL = paged.hasPrevious ? pageURL(paged.page - 1) : nil
        nextURL = paged.hasNext ? pageURL(paged.page + 1) : nil
    }
}
