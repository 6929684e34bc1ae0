import Foundation
import HTTPTypes
import Hummingbird
import MastheadCore

/// The reader pages: article, home, section, tag, author and date archives.
/// Every handler answers from the page cache when it can.
struct PublicController: Sendable {
    let site: ReaderSite

    // MARK: - Article

    func article(_ request: Request, context: SiteRequestContext) async throws -> Response {
        guard let date = try Self.date(context, requireDay: true), let slug = Slug(validating: context.parameters.get("slug") ?? "") else {
            throw HTTPError(.notFound)
        }
        let snapshot = try await site.snapshot()
        let key = request.uri.path
        if let served = site.cache.lookup(key, sidebar: snapshot.sidebar) { return respond(served, to: request) }

        guard let article = try await site.stores.articles.article(slug: slug) else {
            // Every slug an article ever had still leads to it.
            if let id = try await site.stores.articles.articleID(formerSlug: slug), let moved = try await site.stores.articles.article(id: id),
                moved.isPublic(at: site.clock.now), let publishedAt = moved.publishedAt
            {
                return .redirect(to: SiteURL.article(moved.slug, publishedAt: publishedAt, formatter: snapshot.formatter).path(), type: .permanent)
            }
            throw HTTPError(.notFound)
        }
        if article.status == .unpublished { throw MastheadError(.gone, "This article has been removed.") }
        guard article.isPublic(at: site.clock.now), let publishedAt = article.publishedAt else { throw HTTPError(.notFound) }
        let canonical = SiteURL.article(article.slug, publishedAt: publishedAt, formatter: snapshot.formatter)
        if canonical != .article(year: date.year, month: date.month, day: date.day ?? 0, slug: slug) {
            // An imported site's old address that happens to share this slug leads to its own article.
            let candidates = LegacyAddresses.candidates(path: request.uri.path, query: nil)
            if let imported = try await LegacyAddresses(site: site).redirect(for: candidates) { return imported }
            return .redirect(to: canonical.path(), type: .permanent)
        }
        // The related stories are read first: the page is keyed by every story it shows.
        let related = try await site.withImages(site.stores.articles.related(to: article.id, now: site.clock.now))
        let served = try await site.page(key, surrogateKeys: SurrogateKeys.forArticle(article, related: related)) { snapshot in
            let page = ArticlePage(
                article: try await site.withImages([article])[0],
                settings: snapshot.settings,
                chrome: snapshot.chrome,
                sidebar: ReaderSite.sidebarSlot,
                related: related
            )
            return (page, "article", article.updatedAt ?? publishedAt)
        }
        guard let served else { throw HTTPError(.notFound) }
        return respond(served, to: request)
    }

    // MARK: - Lists

    func home(_ request: Request, context: SiteRequestContext) async throws -> Response {
        try await list(request, url: .home, template: "home") { snapshot, page in
            let paged = try await site.withImages(site.stores.articles.list(.all, page: page, now: site.clock.now))
            var top: [ArticleSummary] = []
            if page.page == 1 {
                top = try await site.withImages(site.stores.articles.summaries(ids: site.stores.site.curatedList(.topStories), now: site.clock.now))
            }
            let settings = snapshot.settings
            return ListPage(
                heading: settings.name,
                description: settings.tagline,
                url: .home,
                paged: paged,
                topStories: top,
                settings: settings,
                chrome: snapshot.chrome,
                sidebar: ReaderSite.sidebarSlot,
                title: settings.tagline.isEmpty ? settings.name : "\(settings.name) — \(settings.tagline)"
            )
        }
    }

    func section(_ request: Request, context: SiteRequestContext) async throws -> Response {
        let slug = try Self.slug(context)
        return try await list(request, url: .section(slug), template: "section") { snapshot, page in
            guard let section = snapshot.sections.first(where: { $0.slug == slug }) else { return nil }
            let paged = try await site.withImages(site.stores.articles.list(.section(section.id), page: page, now: site.clock.now))
            return ListPage(
                heading: section.name,
                description: section.description,
                url: .section(slug),
                paged: paged,
                settings: snapshot.settings,
                chrome: snapshot.chrome,
                sidebar: ReaderSite.sidebarSlot
            )
        }
    }

    func tag(_ request: Request, context: SiteRequestContext) async throws -> Response {
        let slug = try Self.slug(context)
        if try await site.stores.taxonomy.tag(slug: slug) == nil, let target = try await site.stores.taxonomy.tagRedirect(from: slug) {
            return .redirect(to: SiteURL.tag(target).path(), type: .permanent)  // a renamed or merged tag
        }
        return try await list(request, url: .tag(slug), template: "tag") { snapshot, page in
            guard let tag = try await Self.publicTag(slug, site: site) else { return nil }
            let paged = try await site.withImages(site.stores.articles.list(.tag(tag.id), page: page, now: site.clock.now))
            return ListPage(
                heading: tag.name,
                description: "Articles tagged \(tag.name).",
                url: .tag(slug),
                paged: paged,
                settings: snapshot.settings,
                chrome: snapshot.chrome,
                sidebar: ReaderSite.sidebarSlot
            )
        }
    }

    /// A tag exists for readers only while a published article carries it: saving a draft or
    /// an embargoed story creates the tag, and neither its name nor its page may show before.
    static func publicTag(_ slug: Slug, site: ReaderSite) async throws -> Tag? {
        guard let tag = try await site.stores.taxonomy.tag(slug: slug) else { return nil }
        return try await isPublic(tag, site: site) ? tag : nil
    }

    static func isPublic(_ tag: Tag, site: ReaderSite) async throws -> Bool {
        try await site.stores.articles.list(.tag(tag.id), page: PageRequest(page: 1, perPage: 1), now: site.clock.now).total > 0
    }

    func author(_ request: Request, context: SiteRequestContext) async throws -> Response {
        let slug = try Self.slug(context)
        return try await list(request, url: .author(slug), template: "author") { snapshot, page in
            guard let author = try await site.stores.taxonomy.author(slug: slug) else { return nil }
            let paged = try await site.withImages(site.stores.articles.list(.author(author.id), page: page, now: site.clock.now))
            let profile = ListPage.Profile(name: author.name, role: author.role, bio: author.bio, photoURL: author.photoURL)
            return ListPage(
                heading: author.name,
                description: author.role,
                url: .author(slug),
                paged: paged,
                profile: profile,
                settings: snapshot.settings,
                chrome: snapshot.chrome,
                sidebar: ReaderSite.sidebarSlot
            )
        }
    }

    func archive(_ request: Request, context: SiteRequestContext) async throws -> Response {
        guard let date = try Self.date(context, requireDay: false) else { throw HTTPError(.notFound) }
        let snapshot = try await site.snapshot()
        let formatter = snapshot.formatter
        let url: SiteURL
        let range: Range<Date>
        let heading: String
        if let day = date.day {
            guard let dayRange = formatter.dayRange(year: date.year, month: date.month, day: day) else { throw HTTPError(.notFound) }
            url = .day(year: date.year, month: date.month, day: day)
            range = dayRange
            heading = "Articles from \(formatter.day(dayRange.lowerBound))"
        } else {
            guard let first = formatter.dayRange(year: date.year, month: date.month, day: 1),
                let end = Calendar.gregorian(in: formatter.timeZone).date(byAdding: .month, value: 1, to: first.lowerBound)
            else { throw HTTPError(.notFound) }
            url = .month(year: date.year, month: date.month)
            range = first.lowerBound..<end
            heading = "Articles from \(formatter.monthAndYear(first.lowerBound))"
        }
        return try await list(request, url: url, template: "archive") { snapshot, page in
            let paged = try await site.withImages(site.stores.articles.list(.published(range), page: page, now: site.clock.now))
            guard paged.total > 0 else { return nil }
            return ListPage(
                heading: heading,
                description: "",
                url: url,
                paged: paged,
                settings: snapshot.settings,
                chrome: snapshot.chrome,
                sidebar: ReaderSite.sidebarSlot
            )
        }
    }

    /// Serves a paginated list page; a page past the end is a 404, a page number
    /// that is not a positive number a 400.
    private func list(
        _ request: Request,
        url: SiteURL,
        template: String,
        build: @escaping (SiteSnapshot, PageRequest) async throws -> ListPage?
    ) async throws -> Response {
        let pageNumber = try Self.pageNumber(request)
        let served = try await site.page(url.path(page: pageNumber), surrogateKeys: SurrogateKeys.forList(url)) { snapshot in
            let page = PageRequest(page: pageNumber, perPage: snapshot.settings.articlesPerPage)
            guard let model = try await build(snapshot, page) else { return nil }
            if pageNumber > 1, model.articles.isEmpty { return nil }
            return (model, template, nil)
        }
        guard let served else { throw HTTPError(.notFound) }
        return respond(served, to: request)
    }

    // MARK: - Parameters

    static func pageNumber(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("page") else { return 1 }
        guard text.count <= 5, let number = Int(text), number >= 1, number <= PageRequest.maximumPage else {
            throw MastheadError(.invalidInput, "The page number must be a whole number from 1 to \(PageRequest.maximumPage).")
        }
        return number
    }

    static func slug(_ context: SiteRequestContext) throws -> Slug {
        guard let slug = Slug(validating: context.parameters.get("slug") ?? "") else { throw HTTPError(.notFound) }
        return slug
    }

    /// Year, month and (optionally) day from the path; `nil` unless they are exactly
    /// four, two and two digits.
    static func date(_ context: SiteRequestContext, requireDay: Bool) throws -> (year: Int, month: Int, day: Int?)? {
        func number(_ name: String, digits: Int) -> Int? {
            // Bytes, not Characters: this runs before every article page's cache lookup.
            guard let text = context.parameters.get(name), text.utf8.count == digits,
                text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
            else { return nil }
            return Int(text)
        }
        guard let year = number("year", digits: 4), let month = number("month", digits: 2), (1...12).contains(month) else { return nil }
        let day = number("day", digits: 2)
        if context.parameters.get("day") != nil, day == nil { return nil }
        if requireDay, day == nil { return nil }
        return (year, month, day)
    }

    // MARK: - Responses

    static let html = "text/html; charset=utf-8"
    static let htmlContentType = HTTPField(name: .contentType, value: html)

    func respond(
        _ served: ServedPage,
        to request: Request,
        status: HTTPResponse.Status = .ok,
        contentType: String = Self.html
    )
        -> Response
    {
        var headers = HTTPFields()
        headers.reserveCapacity(16)
        headers.append(contentType == Self.html ? Self.htmlContentType : HTTPField(name: .contentType, value: contentType))
        headers.append(contentsOf: served.fields)
        let gzip = served.gzipped != nil && HTTPCaching.acceptsGzip(request.headers[.acceptEncoding])
        let etagField = gzip ? served.gzippedETag : served.etag
        let etag = etagField.value
        headers.append(etagField)
        if status == .ok {
            if let ifNoneMatch = request.headers[.ifNoneMatch] {
                if HTTPCaching.matches(ifNoneMatch: ifNoneMatch, etag: etag) { return Response(status: .notModified, headers: headers) }
            } else if let since = request.headers[.ifModifiedSince], let lastModified = served.lastModified,
                HTTPCaching.notModified(since: since, lastModified: lastModified)
            {
                return Response(status: .notModified, headers: headers)
            }
        }
        if gzip, let gzipped = served.gzipped {
            headers[.contentEncoding] = "gzip"
            return Response(status: status, headers: headers, body: .init(byteBuffer: gzipped))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: served.body))
    }
}

extension HTTPField.Name {
    static let surrogateKey = Self("Surrogate-Key")!
    static let cacheTag = Self("Cache-Tag")!
}

extension Calendar {
    static func gregorian(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
