import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MastheadCore

/// Signing in and out.
struct AuthController: Sendable {
    let admin: AdminSite

    struct LoginPage: Sendable {
        var error: String?
        var email: String
        var next: String
    }

    func loginForm(_ request: Request, context: SiteRequestContext) async throws -> Response {
        if context.session != nil { return .redirect(to: "/admin", type: .normal) }
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        return try admin.page(LoginPage(error: nil, email: "", next: next), template: "login")
    }

    func login(_ request: Request, context: SiteRequestContext) async throws -> Response {
        let form = context.form ?? Form("")
        let email = Account.normalise(email: String(form.text("email").prefix(320)))
        let password = String((form["password"] ?? "").prefix(PasswordRules.maximumLength + 1))
        let next = Self.safeNext(form["next"])
        let client = admin.clientAddress.of(request, peer: context.peerAddress)
        let now = admin.clock.now
        let credentials = try await admin.stores.accounts.credentials(email: email)
        let device = credentials.flatMap {
            DeviceCookie.device(in: request, account: $0.account.id, passwordHash: $0.passwordHash)
        }
        let ticket: LoginThrottle.Ticket
        switch await admin.throttle.reserve(.init(address: client, email: email, device: device), now: now) {
        case .success(let reserved): ticket = reserved
        case .failure(let wait):
            context.logger.warning("Sign-in throttled", metadata: ["client": "\(client)"])
            var response = try admin.page(
                LoginPage(error: "Too many attempts. Try again in \(wait.seconds / 60 + 1) minutes.", email: email, next: next),
                template: "login",
                status: .tooManyRequests
            )
            response.headers[.retryAfter] = String(wait.seconds)
            return response
        }
        if ticket.pause > .zero { try? await Task.sleep(for: ticket.pause) }
        // The same work and the same answer whether the email is unknown or the password wrong.
        var account: Account?
        if let credentials {
            if try await admin.hasher.verify(password, against: credentials.passwordHash), !credentials.account.disabled {
                account = credentials.account
            }
        } else {
            try await admin.hasher.spendEquivalentTime(password)
        }
        await admin.throttle.finish(ticket, succeeded: account != nil, now: now)
        guard let account, let credentials else {
            context.logger.notice("Sign-in failed", metadata: ["client": "\(client)"])
            return try admin.page(
                LoginPage(error: "That email and password do not match an account.", email: email, next: next),
                template: "login",
                status: .unauthorized
            )
        }
        // A new session id on every sign-in: a planted cookie is worthless.
        if let old = SessionCookie.value(in: request) { try await admin.stores.accounts.deleteSession(idHash: Secrets.fingerprint(old)) }
        let id = Secrets.token()
        try await admin.stores.accounts.createSession(
            Session(idHash: Secrets.fingerprint(id), account: account, csrfToken: Secrets.token(), createdAt: now, lastSeenAt: now)
        )
        context.logger.info("Signed in", metadata: ["account": "\(account.id)"])
        var response = Response.redirect(to: next, type: .normal)
        let secure = try await admin.usesHTTPS()
        response.headers[.setCookie] = SessionCookie.set(id, secure: secure)
        if device == nil {
            response.headers.append(
                HTTPField(name: .setCookie, value: DeviceCookie.issue(account: account.id, passwordHash: credentials.passwordHash, secure: secure))
            )
        }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func logout(_ request: Request, context: AdminContext) async throws -> Response {
        try await admin.stores.accounts.deleteSession(idHash: context.session.idHash)
        var response = Response.redirect(to: "/admin/login", type: .normal)
        response.headers[.setCookie] = SessionCookie.clear(secure: try await admin.usesHTTPS())
        return response
    }

    /// Only a same-site path: `/admin/…`, never `//evil`, `/\evil`, a scheme or a line break.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.count <= 2048,
            next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0 != "\\" })
        else { return "/admin" }
        return next
    }
}
