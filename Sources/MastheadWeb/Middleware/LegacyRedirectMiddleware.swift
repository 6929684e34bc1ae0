import Foundation
import Hummingbird
import MastheadCore

/// Keeps an imported site's old addresses answering: a request this site
/// would answer with 404 is looked up among the addresses imports recorded
/// (`/2019/03/14/night-bus/`, `/category/news/`) and redirected for good.
/// WordPress's `/?p=123` form reaches the home page route, so it is looked
/// up before routing. Everything else costs nothing: the lookup only happens
/// on the way to a 404.
struct LegacyRedirectMiddleware: RouterMiddleware {
    typealias Context = SiteRequestContext
    let site: ReaderSite

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        let path = request.uri.path
        let addresses = LegacyAddresses(site: site)
        if path == "/", let query = request.uri.query, query.hasPrefix("p=") || query.hasPrefix("page_id=") || query.hasPrefix("attachment_id=") {
            if let response = try await addresses.redirect(for: ["/?" + query]) { return response }
        }
        // One address per page: a doubled slash, a trailing slash or an encoded letter is
        // sent to the canonical form (after the old addresses an import recorded, which
        // often end in a slash), so no variant takes a cache entry of its own.
        if let canonical = CanonicalPath.canonical(path), canonical != path {
            if let response = try await addresses.redirect(for: LegacyAddresses.candidates(path: path, query: request.uri.query)) {
                return response
            }
            return .redirect(to: canonical + (request.uri.query.map { "?" + $0 } ?? ""), type: .permanent)
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard !path.hasPrefix("/admin"), !path.hasPrefix("/api/"), path.utf8.count <= 2048 else { throw error }
            if let response = try await addresses.redirect(for: LegacyAddresses.candidates(path: path, query: request.uri.query)) { return response }
            throw error
        }
    }
}

/// The old addresses imports recorded, and where each leads now.
struct LegacyAddresses {
    let site: ReaderSite

    /// The address as asked, then with its trailing slash toggled: WordPress links end
    /// in one, and people type them without.
    static func candidates(path: String, query: String?) -> [String] {
        var paths = [path]
        if path.count > 1 { paths.append(path.hasSuffix("/") ? String(path.dropLast()) : path + "/") }
        guard let query, !query.isEmpty else { return paths }
        return paths.map { $0 + "?" + query } + paths
    }

    func redirect(for candidates: [String]) async throws -> Response? {
        for candidate in candidates {
            guard let target = try await site.stores.archive.redirect(from: candidate) else { continue }
            switch target {
            case .path(let path) where LegacyImageAddress.accepts(path):
                // An imported attachment page: to its image, wherever the old site kept it.
                return .redirect(to: path, type: .permanent)
            case .path(let path):
                // Only this site's own pages: never an open redirect to elsewhere.
                guard let path = SameSitePath.check(path), path != candidate else { return nil }
                return .redirect(to: path, type: .permanent)
            case .article(let id):
                guard let article = try await site.stores.articles.article(id: id), article.isPublic(at: site.clock.now),
                    let publishedAt = article.publishedAt
                else { return nil }
                let snapshot = try await site.snapshot()
                return .redirect(to: SiteURL.article(article.slug, publishedAt: publishedAt, formatter: snapshot.formatter).path(), type: .permanent)
            }
        }
        return nil
    }
}

/// The canonical form of a request path: runs of `/` collapsed, no trailing `/`
/// (but the root), percent-encoded unreserved characters (`%41`, `%2D`) decoded.
/// `nil` when the path cannot be made canonical or holds dot segments (it then takes its chances as is).
enum CanonicalPath {
    static func canonical(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        let source = Array(path.utf8)
        var i = 0
        while i < source.count {
            let byte = source[i]
            if byte == UInt8(ascii: "/"), bytes.last == UInt8(ascii: "/") {
                i += 1
                continue
            }
            let hex = i + 2 < source.count ? String(decoding: source[(i + 1)...(i + 2)], as: UTF8.self) : ""
            if byte == UInt8(ascii: "%"), let value = UInt8(hex, radix: 16), isUnreserved(value) {
                bytes.append(value)
                i += 3
                continue
            }
            bytes.append(byte)
            i += 1
        }
        if bytes.count > 1, bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        let canonical = String(decoding: bytes, as: UTF8.self)
        // Dot segments (`/media/%2e%2e/…`) are never made: such a path stays as asked, and is refused.
        guard !canonical.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) else { return nil }
        return canonical
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }
}
