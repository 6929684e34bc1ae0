import HTTPTypes
import Hummingbird

/// Under the folders `FileMiddleware` serves, a redirect is never right: there are
/// no folder listings, and the middleware builds a folder's redirect without its
/// mount point, which an encoded slash turns into an off-site `Location`.
struct NoRedirectsFromFileFolders<Context: RequestContext>: RouterMiddleware {
    let folders: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard folders.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return try await next(request, context) }
        let response = try await next(request, context)
        if (300..<400).contains(response.status.code) && response.status != .notModified { throw HTTPError(.notFound) }
        return response
    }
}
