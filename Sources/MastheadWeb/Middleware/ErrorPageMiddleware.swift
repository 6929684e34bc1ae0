import Hummingbird
import Logging
import MastheadCore

/// Turns errors on reader routes into the theme's error page with the right
/// status. Unknown errors become a generic 500, logged once here with the
/// request id; nothing about them reaches the reader.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = SiteRequestContext
    let site: ReaderSite
    let methods: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let raw {
            // A driver error that knows what it means (a full disk) is answered as that.
            let error = (raw as? any MastheadErrorConvertible)?.mastheadError ?? raw
            var status: HTTPResponse.Status
            switch error {
            case let error as MastheadError:
                status = error.status
                if status == .internalServerError || error.code == .storageFull { log(error, request, context) }
            case let error as any HTTPResponseError:
                status = error.status
            default:
                status = .internalServerError
                log(error, request, context)
            }
            // An address that exists, asked with a method it does not serve, is 405 and says
            // which it does; one no route knows stays 404.
            var allowed = ""
            if status == .notFound || status == .methodNotAllowed {
                let methods = methods.allowed(at: request.uri.path)
                if status == .notFound, !methods.isEmpty, !methods.contains(request.method) { status = .methodNotAllowed }
                allowed = RouteMethods.header(methods.isEmpty ? [.get, .head] : methods)
            }
            // Redirects and "not modified" that arrive as errors pass through unchanged.
            if (300..<400).contains(status.code), let error = error as? any HTTPResponseError {
                return try error.response(from: request, context: context)
            }
            // The JSON API answers in RFC 9457 problem details, never with an HTML page.
            if request.uri.path.hasPrefix("/api/") {
                let detail =
                    (error as? MastheadError).map(\.message) ?? (status == .internalServerError ? "Something went wrong." : status.reasonPhrase)
                var response = ProblemDetails.response(status: status, detail: detail)
                if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
                if status == .methodNotAllowed { response.headers[.allow] = allowed }
                if let throttled = error as? Throttled { response.headers[.retryAfter] = String(throttled.retryAfter) }
                return response
            }
            do {
                let page = try await site.errorPage(status: status.code)
                var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
                if status == .methodNotAllowed { headers[.allow] = allowed }
                if let throttled = error as? Throttled { headers[.retryAfter] = String(throttled.retryAfter) }
                return Response(status: status, headers: headers, body: .init(byteBuffer: request.method == .head ? .init() : page.body))
            } catch {
                // The theme itself failed: answer in plain text rather than not at all.
                log(error, request, context)
                return Response(
                    status: status,
                    headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: .init(string: "\(status.code) \(status.reasonPhrase)\n"))
                )
            }
        }
    }

    private func log(_ error: any Error, _ request: Request, _ context: Context) {
        context.logger.error(
            "Request failed",
            metadata: ["path": "\(request.uri.path)", "method": "\(request.method)", "error": "\(String(reflecting: error))"]
        )
    }
}
