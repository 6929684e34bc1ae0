import HTTPTypes
import Hummingbird

/// Refuses methods the site never serves (TRACE, CONNECT, anything unknown)
/// with 405 before routing, so they cannot echo requests or probe routes.
struct AllowedMethodsMiddleware<Context: RequestContext>: RouterMiddleware {
    static var allowed: Set<HTTPRequest.Method> { [.get, .head, .post, .put, .patch, .delete, .options] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.allowed.contains(request.method) else {
            throw HTTPError(.methodNotAllowed)
        }
        return try await next(request, context)
    }
}
