import Foundation
import Hummingbird
import MastheadCore

/// Feeds for the whole site and for each section, tag and author, in RSS, Atom
/// and JSON Feed. Cached like pages, so conditional GETs get 304s.
struct FeedController: Sendable {
    let site: ReaderSite
    static let length = 20

    func site(_ format: FeedBuilder.Format) -> @Sendable (Request, SiteRequestContext) async throws -> Response {
        { request, _ in
            try await serve(request, format: format, key: "/" + format.file, page: .home) { snapshot in
                (snapshot.settings.name, .home, .all)
            }
        }
    }

    func section(_ format: FeedBuilder.Format) -> @Sendable (Request, SiteRequestContext) async throws -> Response {
        { request, context in
            let slug = try PublicController.slug(context)
            return try await serve(request, format: format, key: "/section/\(slug)/\(format.file)", page: .section(slug)) { snapshot in
                guard let section = snapshot.sections.first(where: { $0.slug == slug }) else { return nil }
                return ("\(snapshot.settings.name) — \(section.name)", .section(slug), .section(section.id))
            }
        }
    }

    func tag(_ format: FeedBuilder.Format) -> @Sendable (Request, SiteRequestContext) async throws -> Response {
        { request, context in
            let slug = try PublicController.slug(context)
            return try await serve(request, format: format, key: "/tag/\(slug)/\(format.file)", page: .tag(slug)) { snapshot in
                guard let tag = try await PublicController.publicTag(slug, site: site) else { return nil }
                return ("\(snapshot.settings.name) — \(tag.name)", .tag(slug), .tag(tag.id))
            }
        }
    }

    func author(_ format: FeedBuilder.Format) -> @Sendable (Request, SiteRequestContext) async throws -> Response {
        { request, context in
            let slug = try PublicController.slug(context)
            return try await serve(request, format: format, key: "/author/\(slug)/\(format.file)", page: .author(slug)) { snapshot in
                guard let author = try await site.stores.taxonomy.author(slug: slug) else { return nil }
                return ("\(snapshot.settings.name) — \(author.name)", .author(slug), .author(author.id))
            }
        }
    }

    private func serve(
        _ request: Request,
        format: FeedBuilder.Format,
        key: String,
        page: SiteURL,
        describe: @escaping (SiteSnapshot) async throws -> (title: String, page: SiteURL, filter: ArticleFilter)?
    ) async throws -> Response {
        let served = try await site.document(key, surrogateKeys: SurrogateKeys.forFeed(page)) { snapshot in
            guard let feed = try await describe(snapshot) else { return nil }
            let now = site.clock.now
            let summaries = try await site.stores.articles.list(feed.filter, page: PageRequest(page: 1, perPage: Self.length), now: now).items
            var articles: [Article] = []
            for summary in summaries {
                if let article = try await site.stores.articles.article(id: summary.id) { articles.append(article) }
            }
            articles = try await site.withImages(articles)
            let builder = FeedBuilder(
                settings: snapshot.settings,
                title: feed.title,
                page: feed.page,
                articles: articles,
                fullContent: snapshot.settings.feedFullContent ?? true
            )
            return (builder.render(format), articles.compactMap { $0.updatedAt ?? $0.publishedAt }.max())
        }
        guard let served else { throw HTTPError(.notFound) }
        return PublicController(site: site).respond(served, to: request, contentType: format.contentType)
    }
}
