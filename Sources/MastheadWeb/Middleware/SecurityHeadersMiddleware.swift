import HTTPTypes
import Hummingbird

/// Headers every response carries: no sniffing, no framing, a strict content
/// security policy (the reader site needs no script at all), and a referrer
/// policy that keeps full URLs on the site.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for field in SecurityHeaders.fields { response.headers[fields: field.name] = [field] }
        return response
    }
}

enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

    /// Built, and so validated, once: set as strings they were checked byte by byte
    /// on every response, a visible share of a cache hit's cost.
    static let fields: [HTTPField] = [
        HTTPField(name: .xContentTypeOptions, value: "nosniff"),
        HTTPField(name: .contentSecurityPolicy, value: contentSecurityPolicy),
        HTTPField(name: .referrerPolicy, value: "strict-origin-when-cross-origin"),
        HTTPField(name: .xFrameOptions, value: "DENY"),
        HTTPField(name: .permissionsPolicy, value: "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    ]
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let permissionsPolicy = Self("Permissions-Policy")!
}
