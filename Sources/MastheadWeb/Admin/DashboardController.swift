import Foundation
import Hummingbird
import MastheadCore

/// The back office's front page: the articles this account may work on.
struct DashboardController: Sendable {
    let admin: AdminSite

    struct Row: Sendable {
        var headline: String
        var editURL: String
        var status: String
        var statusClass: String
        var section: String
        var authors: String
        var when: String
    }

    struct Filter: Sendable {
        var label: String
        var url: String
        var current: Bool
    }

    struct Page: Sendable {
        var chrome: AdminChrome
        var rows: [Row]
        var filters: [Filter]
        var isEmpty: Bool
        var previousURL: String?
        var nextURL: String?
    }

    func index(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.viewBackOffice)
        let status = request.uri.queryParameters.get("status").flatMap(ArticleStatus.init(rawValue:))
        let pageNumber = min(max(Int(request.uri.queryParameters.get("page") ?? "1") ?? 1, 1), PageRequest.maximumPage)
        // Authors and contributors see their own articles; editors and admins see everyone's.
        let everyone = Policy.seesEveryonesArticles(context.account)
        let filter = BackOfficeFilter(status: status, ownedBy: everyone ? nil : context.account)
        let paged = try await admin.stores.articles.backOfficeList(filter, page: PageRequest(page: pageNumber, perPage: 25))
        let formatter = try await admin.reader.snapshot().formatter
        let rows = paged.items.map { item in
            Row(
                headline: item.headline,
                editURL: "/admin/articles/\(item.id)",
                status: item.status.label,
                statusClass: item.status.rawValue,
                section: item.sectionName,
                authors: item.authorNames.joined(separator: ", "),
                when: (item.status == .published || item.status == .scheduled ? item.publishedAt : item.lastSavedAt).map(formatter.dateTime) ?? ""
            )
        }
        let statusQuery = status.map { "status=\($0.rawValue)&" } ?? ""
        let filters =
            [Filter(label: "All", url: "/admin", current: status == nil)]
            + ArticleStatus.allCases.map { Filter(label: $0.label, url: "/admin?status=\($0.rawValue)", current: $0 == status) }
        let page = Page(
            chrome: AdminChrome(context.session),
            rows: rows,
            filters: filters,
            isEmpty: rows.isEmpty,
            previousURL: paged.hasPrevious ? "/admin?\(statusQuery)page=\(paged.page - 1)" : nil,
            nextURL: paged.hasNext ? "/admin?\(statusQuery)page=\(paged.page + 1)" : nil
        )
        return try admin.page(page, template: "dashboard")
    }
}
