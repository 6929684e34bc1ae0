import Foundation
import HTTPTypes
import MastheadCore

/// HTTP caching for reader pages, feeds and sitemaps, for browsers and for CDNs.
///
/// - Browsers may keep a page a minute; shared caches (a CDN, nginx) five minutes,
///   serving a stale copy for another minute while they fetch a fresh one, and
///   for a day if Masthead cannot be reached.
/// - `Surrogate-Key` (Fastly, nginx) and `Cache-Tag` (Cloudflare, Akamai) name
///   what a page shows, so a purge after a publish drops exactly those pages;
///   `ArticleEvent` payloads carry the keys to purge (see docs/deployment.md).
/// - Validators are strong ETags (one per representation: gzip has its own) and
///   `Last-Modified`; `If-None-Match` wins over `If-Modified-Since` (RFC 9110 §13.2.2).
enum HTTPCaching {
    static let readerCacheControl = "public, max-age=60, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400"

    /// Whether the client takes gzip: listed (or `*`) without `q=0`.
    /// Every browser sends this header, so it is read without regular expressions.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let coding = parts.first?.trimmingCharacters(in: .whitespaces).lowercased(), coding == "gzip" || coding == "*" else { continue }
            let weights = parts.dropFirst().map { $0.filter { !$0.isWhitespace }.lowercased() }.filter { $0.hasPrefix("q=") }
            return weights.allSatisfy { (Double($0.dropFirst(2)) ?? 1) > 0 }
        }
        return false
    }

    /// `If-None-Match` against the representation's ETag: `*` or any listed tag,
    /// compared weakly (a `W/` prefix is ignored), as RFC 9110 asks for this header.
    static func matches(ifNoneMatch header: String, etag: String) -> Bool {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if trimmed == "*" { return true }
        return trimmed.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }

    /// `If-Modified-Since` at or after the page's `Last-Modified` (both HTTP dates).
    static func notModified(since header: String, lastModified: String) -> Bool {
        if header == lastModified { return true }
        guard let since = HTTPDate.parse(header), let modified = HTTPDate.parse(lastModified) else { return false }
        return modified <= since
    }
}

/// Keys for the pages only the web layer knows (lists, feeds, sitemaps).
extension SurrogateKeys {
    /// The list page (and its feeds) at `url`.
    static func forList(_ url: SiteURL) -> [String] {
        switch url {
        case .home: [site, "home"]
        case .section(let slug): [site, "section-\(slug)"]
        case .tag(let slug): [site, "tag-\(slug)"]
        case .author(let slug): [site, "author-\(slug)"]
        case .day, .month: [site, "archive"]
        default: [site]
        }
    }

    static func forFeed(_ url: SiteURL) -> [String] { forList(url) + ["feeds"] }
    static let sitemaps = [site, "sitemaps"]
}
