import Foundation
import Hummingbird
import MastheadCore

/// The context of every signed-in back-office route. It can only be made from a
/// request that carries a live session, so "this handler needs a signed-in user"
/// is a compile-time fact; without one the request is sent to the login page.
public struct AdminContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let session: Session
    public let form: Form

    public init(context: SiteRequestContext) throws {
        guard let session = context.session else {
            throw SignInRequired(next: context.coreContext.endpointPath.value)
        }
        self.coreContext = context.coreContext
        self.session = session
        self.form = context.form ?? Form("")
    }

    public var account: Account { session.account }

    /// Throws unless the policy allows the action. `hidden` answers 404 instead of
    /// 403, for things the account may not even know exist.
    public func require(_ action: Action, hidden: Bool = false) throws {
        guard Policy.allows(account, action) else {
            throw hidden ? MastheadError(.notFound, "There is no such page.") : MastheadError(.forbidden, "Your role cannot do that.")
        }
    }
}

/// Sends a signed-out visitor to the login page, remembering where they were going.
struct SignInRequired: HTTPResponseError {
    var next: String?
    var status: HTTPResponse.Status { .seeOther }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let target = request.method == .get ? request.uri.path : "/admin"
        let query = target == "/admin" ? "" : "?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        return Response(status: .seeOther, headers: [.location: "/admin/login" + query, .cacheControl: "no-store"])
    }
}
