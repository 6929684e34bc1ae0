import Foundation
import Hummingbird
import MastheadCore

/// The context of every `/api/v1` route that needs an account: made only from a
/// request whose bearer token matched one (see `TokenMiddleware`).
public struct APIContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let account: Account

    public init(context: SiteRequestContext) throws {
        guard let account = context.apiAccount else {
            throw MastheadError(.unauthorized, "Send an API token as 'Authorization: Bearer <token>'.")
        }
        self.coreContext = context.coreContext
        self.account = account
    }

    public func require(_ action: Action, hidden: Bool = false) throws {
        guard Policy.allows(account, action) else {
            throw hidden ? MastheadError(.notFound, "There is no such article.") : MastheadError(.forbidden, "Your role cannot do that.")
        }
    }
}

/// Finds the account for a bearer token. Tokens are compared by their SHA-256,
/// the only form the database keeps.
struct TokenMiddleware: RouterMiddleware {
    typealias Context = SiteRequestContext
    let stores: Stores
    let clock: WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization], header.count < 512 {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                context.apiAccount = try await stores.accounts.account(apiTokenHash: Secrets.fingerprint(String(parts[1])), now: clock.now)
                if let account = context.apiAccount, account.disabled { context.apiAccount = nil }
            }
        }
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
