import HTTPTypes
import Hummingbird

/// Marks files under `prefix` as never changing (`immutable`, a year): their names
/// carry what they are made from, so new content always gets a new name.
/// (`FileMiddleware` sets caching by media type, and knows no AVIF.)
struct ImmutableFiles<Context: RequestContext>: RouterMiddleware {
    let prefix: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Every request passes here: anything outside the folder goes straight on.
        guard request.uri.path.hasPrefix(prefix) else { return try await next(request, context) }
        var response = try await next(request, context)
        if response.status == .ok || response.status == .notModified {
            response.headers[.cacheControl] = "public, max-age=31536000, immutable"
        }
        return response
    }
}
