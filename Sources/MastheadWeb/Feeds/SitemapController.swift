import Foundation
import Hummingbird
import MastheadCore

/// `sitemap.xml` (an index), its parts, the Google News sitemap of the last 48
/// hours, and `robots.txt` pointing at both. Every address uses the configured
/// base URL, never the request's Host.
struct SitemapController: Sendable {
    let site: ReaderSite
    static let urlsPerFile = 50_000
    static let xmlType = "application/xml; charset=utf-8"

    func index(_ request: Request, context: SiteRequestContext) async throws -> Response {
        try await serve(request, key: "/sitemap.xml", type: Self.xmlType) { snapshot in
            let base = snapshot.settings.baseURL
            let count = try await site.stores.articles.publishedCount(now: site.clock.now)
            let files = max(1, (count + Self.urlsPerFile - 1) / Self.urlsPerFile)
            var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            out += "<sitemap><loc>\(Self.xml(base))/sitemap-pages.xml</loc></sitemap>\n"
            for number in 1...files { out += "<sitemap><loc>\(Self.xml(base))/sitemap-articles-\(number).xml</loc></sitemap>\n" }
            out += "<sitemap><loc>\(Self.xml(base))/sitemap-news.xml</loc></sitemap>\n"
            return out + "</sitemapindex>\n"
        }
    }

    func pages(_ request: Request, context: SiteRequestContext) async throws -> Response {
        try await serve(request, key: "/sitemap-pages.xml", type: Self.xmlType) { snapshot in
            let base = snapshot.settings.baseURL
            var urls: [SiteURL] = [.home] + snapshot.sections.map { .section($0.slug) }
            // Only tags a published article carries: a draft's tags are nobody's business yet.
            for tag in try await site.stores.taxonomy.tags() where try await PublicController.isPublic(tag, site: site) {
                urls.append(.tag(tag.slug))
            }
            urls += try await site.stores.taxonomy.authors().map { .author($0.slug) }
            return Self.urlset(urls.map { "<url><loc>\(Self.xml($0.absolute(base: base)))</loc></url>" })
        }
    }

    func articles(_ request: Request, context: SiteRequestContext) async throws -> Response {
        // The route captures what follows `sitemap-articles-`: `N.xml`.
        guard let raw = context.parameters.get("file"), raw.hasSuffix(".xml"), raw.count <= 9, let number = Int(raw.dropLast(4)),
            (1...10_000).contains(number)
        else { throw HTTPError(.notFound) }
        return try await serve(request, key: "/sitemap-articles-\(number).xml", type: Self.xmlType) { snapshot in
            let formatter = snapshot.formatter
            let entries = try await site.stores.articles.sitemapEntries(
                offset: (number - 1) * Self.urlsPerFile,
                limit: Self.urlsPerFile,
                now: site.clock.now
            )
            guard !entries.isEmpty || number == 1 else { return nil }
            return Self.urlset(
                entries.map { entry in
                    let url = SiteURL.article(entry.slug, publishedAt: entry.publishedAt, formatter: formatter).absolute(
                        base: snapshot.settings.baseURL
                    )
                    return "<url><loc>\(Self.xml(url))</loc><lastmod>\(formatter.iso8601(entry.updatedAt ?? entry.publishedAt))</lastmod></url>"
                }
            )
        }
    }

    /// Google News sitemap: articles published in the last 48 hours.
    func news(_ request: Request, context: SiteRequestContext) async throws -> Response {
        try await serve(request, key: "/sitemap-news.xml", type: Self.xmlType) { snapshot in
            let now = site.clock.now
            let formatter = snapshot.formatter
            let recent = try await site.stores.articles.list(
                .published(now.addingTimeInterval(-48 * 3600)..<now.addingTimeInterval(1)),
                page: PageRequest(page: 1, perPage: 100),
                now: now
            )
            var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n"
            for item in recent.items {
                let url = SiteURL.article(item.slug, publishedAt: item.publishedAt, formatter: formatter).absolute(base: snapshot.settings.baseURL)
                out += "<url><loc>\(Self.xml(url))</loc><news:news><news:publication><news:name>\(Self.xml(snapshot.settings.name))</news:name>"
                out += "<news:language>\(Self.xml(snapshot.settings.language))</news:language></news:publication>"
                out += "<news:publication_date>\(formatter.iso8601(item.publishedAt))</news:publication_date>"
                out += "<news:title>\(Self.xml(item.headline))</news:title></news:news></url>\n"
            }
            return out + "</urlset>\n"
        }
    }

    func robots(_ request: Request, context: SiteRequestContext) async throws -> Response {
        try await serve(request, key: "/robots.txt", type: "text/plain; charset=utf-8") { snapshot in
            let base = snapshot.settings.baseURL
            return "User-agent: *\nDisallow: /admin/\nDisallow: /api/\n\nSitemap: \(base)/sitemap.xml\nSitemap: \(base)/sitemap-news.xml\n"
        }
    }

    private func serve(
        _ request: Request,
        key: String,
        type: String,
        build: @escaping (SiteSnapshot) async throws -> String?
    ) async throws
        -> Response
    {
        let served = try await site.document(key, surrogateKeys: SurrogateKeys.sitemaps) { snapshot in try await build(snapshot).map { ($0, nil) } }
        guard let served else { throw HTTPError(.notFound) }
        return PublicController(site: site).respond(served, to: request, contentType: type)
    }

    private static func urlset(_ urls: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" + urls.joined(separator: "\n")
            + "\n</urlset>\n"
    }

    private static func xml(_ text: String) -> String { HTMLEscaping.escape(text) }
}
