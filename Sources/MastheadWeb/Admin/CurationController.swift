import Foundation
import Hummingbird
import Logging
import MastheadCore

/// Editor's Picks and the home page's top stories: ordered lists an editor edits
/// by numbering entries, removing them, and adding recent articles.
struct CurationController: Sendable {
    let admin: AdminSite
    static let maximumEntries = 12

    struct Entry: Sendable {
        var id: String
        var headline: String
        var position: Int
    }

    struct Choice: Sendable {
        var id: String
        var headline: String
    }

    struct List: Sendable {
        var key: String
        var title: String
        var entries: [Entry]
    }

    struct Page: Sendable {
        var chrome: AdminChrome
        var lists: [List]
        var choices: [Choice]
        var saved: Bool
    }

    func show(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.curateLists)
        let now = admin.clock.now
        var lists: [List] = []
        for list in CuratedList.allCases {
            let summaries = try await admin.stores.articles.summaries(ids: try await admin.stores.site.curatedList(list), now: now)
            lists.append(
                List(
                    key: list.rawValue,
                    title: list == .editorsPicks ? "Editor's Picks" : "Top stories on the home page",
                    entries: summaries.enumerated().map { Entry(id: "\($1.id)", headline: $1.headline, position: $0 + 1) }
                )
            )
        }
        let recent = try await admin.stores.articles.list(.all, page: PageRequest(page: 1, perPage: 60), now: now).items
        let page = Page(
            chrome: AdminChrome(context.session),
            lists: lists,
            choices: recent.map { Choice(id: "\($0.id)", headline: $0.headline) },
            saved: request.uri.queryParameters.get("saved") != nil
        )
        return try admin.page(page, template: "curation")
    }

    func save(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.curateLists)
        let form = context.form
        for list in CuratedList.allCases {
            let prefix = list.rawValue
            var numbered: [(position: Double, id: ArticleID)] = []
            for field in form.fields where field.name.hasPrefix("\(prefix).order.") {
                guard let id = Int64(field.name.dropFirst("\(prefix).order.".count)).map(ArticleID.init) else { continue }
                if form.all("\(prefix).remove").contains("\(id)") { continue }
                guard let position = Double(field.value.trimmingCharacters(in: .whitespaces)), position.isFinite else {
                    throw MastheadError(.invalidInput, "Positions must be numbers.")
                }
                numbered.append((position, id))
            }
            var ids = numbered.sorted { $0.position < $1.position }.map(\.id)
            if let added = Int64(form.text("\(prefix).add")).map(ArticleID.init), !ids.contains(added) { ids.append(added) }
            // Only published articles may be curated; anything else is silently dropped.
            let valid = try await admin.stores.articles.summaries(ids: ids, now: admin.clock.now).map(\.id)
            try await admin.stores.site.setCuratedList(list, to: Array(valid.prefix(Self.maximumEntries)))
        }
        await admin.contentChanged()
        context.logger.info("Curated lists saved", metadata: ["account": "\(context.account.id)"])
        return .redirect(to: "/admin/curation?saved=1", type: .normal)
    }
}
