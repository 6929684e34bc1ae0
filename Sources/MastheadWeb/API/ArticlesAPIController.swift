import Foundation
import Hummingbird
import Logging
import MastheadCore

/// `/api/v1/articles`: list, get, create, update, publish, unpublish. Every write
/// goes through `Publishing`, so the API obeys exactly the policy the back office does.
struct ArticlesAPIController: Sendable {
    let admin: AdminSite
    static let maximumBodyBytes = 1024 * 1024

    func list(_ request: Request, context: APIContext) async throws -> Response {
        try context.require(.viewBackOffice)
        let query = request.uri.queryParameters
        let status = try query.get("status").map { raw -> ArticleStatus in
            guard let status = ArticleStatus(rawValue: String(raw)) else {
                throw MastheadError(.invalidInput, "Unknown status \"\(raw.prefix(40))\".")
            }
            return status
        }
        let page = try Self.number(query.get("page").map { String($0) }, name: "page", range: 1...PageRequest.maximumPage, default: 1)
        let limit = try Self.number(query.get("limit").map { String($0) }, name: "limit", range: 1...100, default: 25)
        let everyone = Policy.seesEveryonesArticles(context.account)
        let paged = try await admin.stores.articles.backOfficeList(
            BackOfficeFilter(status: status, ownedBy: everyone ? nil : context.account),
            page: PageRequest(page: page, perPage: limit)
        )
        let items = paged.items.map {
            APIModels.ListedArticle(
                id: $0.id.rawValue,
                slug: $0.slug.rawValue,
                headline: $0.headline,
                status: $0.status.rawValue,
                section: $0.sectionName,
                authors: $0.authorNames,
                publishedAt: $0.publishedAt
            )
        }
        return try Self.json(APIModels.ArticleList(items: items, page: paged.page, perPage: paged.perPage, total: paged.total))
    }

    func get(_ request: Request, context: APIContext) async throws -> Response {
        try await respond(with: try await visibleArticle(context), status: .ok)
    }

    func create(_ request: Request, context: APIContext) async throws -> Response {
        let write = try await Self.decode(request, context: context)
        let id = try await save(write, id: nil, current: nil, context: context)
        return try await respond(with: try await reload(id), status: .created)
    }

    func update(_ request: Request, context: APIContext) async throws -> Response {
        let current = try await visibleArticle(context)
        let write = try await Self.decode(request, context: context)
        let id = try await save(write, id: current.id, current: current, context: context)
        return try await respond(with: try await reload(id), status: .ok)
    }

    func publish(_ request: Request, context: APIContext) async throws -> Response {
        try await move(to: .published, context: context)
    }

    func unpublish(_ request: Request, context: APIContext) async throws -> Response {
        try await move(to: .unpublished, context: context)
    }

    // MARK: - Helpers

    private func move(to status: ArticleStatus, context: APIContext) async throws -> Response {
        let current = try await visibleArticle(context)
        var input = current.input
        input.status = status
        let id = try await admin.publishing.save(input, by: context.account)
        context.logger.info("Article status changed by API", metadata: ["article": "\(id)", "status": "\(status.rawValue)"])
        return try await respond(with: try await reload(id), status: .ok)
    }

    private func save(_ write: APIModels.ArticleWrite, id: ArticleID?, current: Article?, context: APIContext) async throws -> ArticleID {
        var status = current?.status ?? .draft
        if let raw = write.status {
            guard let parsed = ArticleStatus(rawValue: raw) else { throw MastheadError(.invalidInput, "Unknown status \"\(raw.prefix(40))\".") }
            status = parsed
        }
        // Sections, authors and the image URL are checked by `Publishing`, as for every door.
        var input = ArticleInput(
            id: id,
            slug: write.slug ?? "",
            headline: write.headline,
            standfirst: write.standfirst ?? "",
            sectionID: SectionID(write.sectionId),
            authorIDs: write.authorIds.map(AuthorID.init),
            tagIDs: [],
            leadImage: write.leadImage.map { LeadImage(url: $0.url, alt: $0.alt, credit: $0.credit, caption: $0.caption ?? "") },
            bodyMarkdown: write.body,
            status: status,
            publishedAt: write.publishAt ?? current?.publishedAt,
            rightsOverride: write.rightsOverride,
            seoTitle: write.seoTitle,
            seoDescription: write.seoDescription
        )
        // An empty zone is no zone: the byline uses the site's.
        input.datelineZone = write.datelineZone.flatMap { $0.isEmpty ? nil : $0 }
        let note = try write.note.map { note -> Correction in
            guard let kind = Correction.Kind(rawValue: note.kind) else {
                throw MastheadError(.invalidInput, "A note's kind is correction or update.")
            }
            return Correction(kind: kind, note: String(note.text.prefix(2000)), date: admin.clock.now)
        }
        // New tags are created with the article, in its transaction: a refused save leaves none.
        return try await admin.publishing.save(input, tags: TagName.list(write.tags ?? []), by: context.account, note: note)
    }

    private func visibleArticle(_ context: APIContext) async throws -> Article {
        guard let raw = context.parameters.get("id"), let number = Int64(raw),
            let article = try await admin.stores.articles.article(id: ArticleID(number))
        else { throw MastheadError(.notFound, "There is no such article.") }
        try context.require(.viewArticle(ArticleOwnership.of(article, createdBy: article.createdBy, for: context.account)), hidden: true)
        return article
    }

    private func reload(_ id: ArticleID) async throws -> Article {
        guard let article = try await admin.stores.articles.article(id: id) else { throw MastheadError(.notFound, "There is no such article.") }
        return article
    }

    private func respond(with article: Article, status: HTTPResponse.Status) async throws -> Response {
        let settings = try await admin.reader.snapshot().settings
        var response = try Self.json(
            APIModels.Article(article, formatter: SiteDateFormatter(timeZone: settings.timeZone), baseURL: settings.baseURL)
        )
        response.status = status
        return response
    }

    static func decode(_ request: Request, context: APIContext) async throws -> APIModels.ArticleWrite {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw MastheadError(.invalidInput, "Send the article as application/json.")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maximumBodyBytes)
        } catch {
            throw MastheadError(.tooLarge, "The request body is larger than 1 MiB.")
        }
        if let key = DuplicateKeys.first(in: Array(body.readableBytesView)) {
            throw MastheadError(.invalidInput, "The JSON names the field \"\(key.prefix(60))\" twice.")
        }
        do {
            return try decoder.decode(APIModels.ArticleWrite.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw MastheadError(.invalidInput, "The JSON does not describe an article: \(Self.describe(error))", underlying: error)
        } catch {
            throw MastheadError(.invalidInput, "The body is not valid JSON.", underlying: error)
        }
    }

    static func number(_ raw: String?, name: String, range: ClosedRange<Int>, default value: Int) throws -> Int {
        guard let raw else { return value }
        guard raw.count <= 6, let number = Int(raw), range.contains(number) else {
            throw MastheadError(.invalidInput, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = RFC3339.decoding
        return decoder
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value)))
        )
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "the field \"\(key.stringValue)\" is missing."
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "the field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type."
        case .dataCorrupted(let context):
            context.codingPath.isEmpty
                ? "it is not valid JSON." : "the field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" is malformed."
        @unknown default: "it could not be read."
        }
    }
}
