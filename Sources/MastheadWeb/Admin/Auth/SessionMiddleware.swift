import Foundation
import Hummingbird
import Logging
import MastheadCore

/// Back-office only: finds the session named by the cookie, checks it is alive,
/// and reads a POST's form body (bounded) so the CSRF check and the handler share it.
/// Public routes never pass through here, so they never touch sessions or set cookies.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = SiteRequestContext
    let admin: AdminSite

    static let maximumFormBytes = 1024 * 1024

    /// The routes that take uploads, and check the CSRF token inside the multipart body themselves.
    static let multipartRoutes: Set<String> = ["/admin/media", "/admin/import"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        if let id = SessionCookie.value(in: request) {
            let hash = Secrets.fingerprint(id)
            if let session = try await admin.stores.accounts.session(idHash: hash) {
                let now = admin.clock.now
                if admin.sessionPolicy.isAlive(session, at: now) {
                    context.session = session
                    // Refresh the idle clock at most once a minute: not a write per request.
                    if now.timeIntervalSince(session.lastSeenAt) > 60 { try await admin.stores.accounts.touchSession(idHash: hash, at: now) }
                } else {
                    try await admin.stores.accounts.deleteSession(idHash: hash)
                }
            }
        }
        if request.method == .post {
            if request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
                // Uploads stream to disk in their own handler, which checks the token it finds in the
                // parts. No other route reads multipart, so none may receive it: its token would go unchecked.
                guard Self.multipartRoutes.contains(request.uri.path) else {
                    context.logger.warning("Refused a multipart post to a form route", metadata: ["path": "\(request.uri.path)"])
                    throw HTTPError(.unsupportedMediaType, message: "This form is sent as application/x-www-form-urlencoded.")
                }
                try CSRFCheck.verifyOrigin(request, context: context)
            } else {
                let body: ByteBuffer
                do {
                    body = try await request.body.collect(upTo: Self.maximumFormBytes)
                } catch {
                    throw MastheadError(.tooLarge, "The form is larger than 1 MiB.")
                }
                context.form = Form(String(buffer: body))
                request.body = .init(buffer: body)
                try CSRFCheck.verify(request, context: context)
            }
        }
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// CSRF defence for every state-changing back-office request: the `Origin`, when
/// the browser sends one, must be this site; and a signed-in form must carry the
/// session's token. Neither Hummingbird nor hummingbird-auth does this for us.
enum CSRFCheck {
    static func verify(_ request: Request, context: SiteRequestContext) throws {
        try verifyOrigin(request, context: context)
        if let session = context.session {
            try verifyToken(context.form?["csrf"], session: session, request: request, context: context)
        }
    }

    static func verifyToken(_ token: String?, session: Session, request: Request, context: some RequestContext) throws {
        guard let token, Secrets.constantTimeEqual(token, session.csrfToken) else {
            context.logger.warning("Refused a form without a valid CSRF token", metadata: ["path": "\(request.uri.path)"])
            throw MastheadError(.forbidden, "This form has expired; reload the page and try again.")
        }
    }

    static func verifyOrigin(_ request: Request, context: SiteRequestContext) throws {
        if let origin = request.headers[.origin] {
            let host = request.head.authority ?? ""
            guard origin == "https://\(host)" || origin == "http://\(host)" else {
                context.logger.warning("Refused a cross-site request", metadata: ["origin": "\(origin.prefix(200))"])
                throw MastheadError(.forbidden, "This form was sent from another site.")
            }
        }
    }
}

/// The session cookie: HttpOnly, SameSite=Lax, Path=/; over HTTPS also Secure and
/// named with the `__Host-` prefix so no subdomain can set or shadow it.
enum SessionCookie {
    static let plainName = "masthead_session"
    static let secureName = "__Host-masthead_session"

    static func value(in request: Request) -> String? {
        request.cookies[secureName]?.value ?? request.cookies[plainName]?.value
    }

    static func set(_ id: String, secure: Bool) -> String {
        "\(secure ? secureName : plainName)=\(id); Path=/; HttpOnly; SameSite=Lax\(secure ? "; Secure" : "")"
    }

    static func clear(secure: Bool) -> String {
        "\(secure ? secureName : plainName)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0\(secure ? "; Secure" : "")"
    }
}
