import Hummingbird
import MastheadCore

/// Who may use each back-office and API route: the policy written down per
/// route, next to the route table.
///
/// Every route under `/admin` and `/api` needs an entry. `Routes.buildRouter`
/// stops with the names of any route without one, so a new route that forgot
/// its policy fails every test before review; `RouteMatrixTests` then asks each
/// route, as each role (and as nobody), and checks the answers equal this table
/// through `Policy`.
public enum RouteAccess: Sendable, Hashable {
    /// No account needed (the login form, the OpenAPI document, the view beacon).
    case anyone
    /// Any signed-in account; what it shows depends on the account.
    case signedIn
    /// An account `Policy` allows this action.
    case action(Action)
    /// Depends on the article named in the path: whose it is and where it stands.
    case article(ArticleUse)

    public enum ArticleUse: Sendable, Hashable {
        case view, edit
        case setStatus(ArticleStatus)
    }
}

public enum RoutePolicy {
    public static let table: [String: RouteAccess] = [
        "GET /admin/login": .anyone,
        "POST /admin/login": .anyone,
        "POST /admin/logout": .signedIn,
        "GET /admin": .action(.viewBackOffice),
        "GET /admin/articles/new": .action(.createArticle),
        "POST /admin/articles": .action(.createArticle),
        "GET /admin/articles/{id}": .article(.view),
        "POST /admin/articles/{id}": .article(.edit),
        "GET /admin/articles/{id}/revisions": .article(.view),
        "GET /admin/articles/{id}/revisions/{revision}": .article(.view),
        "POST /admin/articles/{id}/revisions/{revision}/restore": .article(.edit),
        "GET /admin/curation": .action(.curateLists),
        "POST /admin/curation": .action(.curateLists),
        "GET /admin/media": .action(.manageMedia),
        "POST /admin/media": .action(.manageMedia),
        "GET /admin/media/{id}": .action(.manageMedia),
        "POST /admin/media/{id}": .action(.manageMedia),
        "GET /admin/media/{id}/original": .action(.manageMedia),
        "GET /admin/import": .action(.importArchive),
        "POST /admin/import": .action(.importArchive),
        "GET /admin/users": .action(.manageUsers),
        "POST /admin/users": .action(.manageUsers),
        "POST /admin/users/{id}": .action(.manageUsers),
        "POST /admin/tokens/{id}/revoke": .action(.manageUsers),
        "GET /admin/audience": .action(.curateLists),
        "GET /admin/taxonomy": .action(.manageTaxonomy),
        "POST /admin/taxonomy/sections": .action(.manageTaxonomy),
        "POST /admin/taxonomy/authors": .action(.manageTaxonomy),
        "POST /admin/taxonomy/tags": .action(.manageTaxonomy),
        "GET /admin/webhooks": .action(.manageSettings),
        "POST /admin/webhooks": .action(.manageSettings),
        "POST /admin/webhooks/{id}/delete": .action(.manageSettings),
        "GET /admin/settings": .action(.manageSettings),
        "POST /admin/settings": .action(.manageSettings),
        "GET /api/v1/openapi.json": .anyone,
        "POST /api/v1/views": .anyone,
        "GET /api/v1/views.gif": .anyone,
        "GET /api/v1/articles": .action(.viewBackOffice),
        "POST /api/v1/articles": .action(.createArticle),
        "GET /api/v1/articles/{id}": .article(.view),
        "PUT /api/v1/articles/{id}": .article(.edit),
        "POST /api/v1/articles/{id}/publish": .article(.setStatus(.published)),
        "POST /api/v1/articles/{id}/unpublish": .article(.setStatus(.unpublished)),
        "GET /api/v1/sections": .action(.viewBackOffice),
        "GET /api/v1/tags": .action(.viewBackOffice),
        "GET /api/v1/authors": .action(.viewBackOffice),
        "GET /api/v1/media": .action(.manageMedia),
    ]

    /// "GET /admin/articles/{id}" for every back-office and API route of the router.
    public static func guardedRoutes<Context>(of router: Router<Context>) -> [String] {
        router.routes.filter { $0.method != .head }.map { "\($0.method) \($0.path)" }
            .filter { $0.contains(" /admin") || $0.contains(" /api/") }
    }

    /// The guarded routes that have no entry in the table.
    static func routesWithoutPolicy<Context>(_ router: Router<Context>) -> [String] {
        guardedRoutes(of: router).filter { table[$0] == nil }.sorted()
    }
}
