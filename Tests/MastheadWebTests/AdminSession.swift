import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadTesting

/// A signed-in browser, as far as the tests need one: the session cookie and the
/// CSRF token the back office's forms carry.
struct AdminSession {
    let client: any TestClientProtocol
    let cookie: String
    let csrf: String

    static let origin = "http://localhost"

    /// Signs in through the login form, then reads the CSRF token from a page.
    static func signIn(
        _ client: any TestClientProtocol,
        email: String,
        password: String = "correct horse battery staple"
    ) async throws
        -> AdminSession
    {
        let cookie = try await client.execute(
            uri: "/admin/login",
            method: .post,
            headers: formHeaders(),
            body: formBody([("email", email), ("password", password), ("next", "/admin")])
        ) { response in
            guard response.status == .seeOther, let setCookie = response.headers[.setCookie] else {
                throw TestFailure("sign-in failed with \(response.status)")
            }
            return String(setCookie.prefix { $0 != ";" })
        }
        let csrf = try await client.execute(uri: "/admin/articles/new", method: .get, headers: [.cookie: cookie]) { response in
            let html = String(buffer: response.body)
            guard let range = html.range(of: "name=\"csrf\" value=\"") else { throw TestFailure("no CSRF token on the page") }
            return String(html[range.upperBound...].prefix { $0 != "\"" })
        }
        return AdminSession(client: client, cookie: cookie, csrf: csrf)
    }

    func get(_ uri: String) async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { ($0.status, String(buffer: $0.body), $0.headers) }
    }

    /// Posts a form with the session's cookie and CSRF token (unless `csrf` says otherwise).
    func post(
        _ uri: String,
        _ fields: [(String, String)],
        csrf: String? = nil,
        origin: String? = AdminSession.origin
    ) async throws
        -> (status: HTTPResponse.Status, body: String, headers: HTTPFields)
    {
        var headers = AdminSession.formHeaders(origin: origin)
        headers[.cookie] = cookie
        let body = AdminSession.formBody([("csrf", csrf ?? self.csrf)] + fields)
        return try await client.execute(uri: uri, method: .post, headers: headers, body: body) {
            ($0.status, String(buffer: $0.body), $0.headers)
        }
    }

    static func formHeaders(origin: String? = AdminSession.origin) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let origin { headers[.origin] = origin }
        return headers
    }

    static func formBody(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return ByteBuffer(string: text)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
