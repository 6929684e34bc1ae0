import Foundation
import Hummingbird
import MastheadCore

/// Read-only lists for scripts: sections, tags, authors and the media library.
struct CatalogueAPIController: Sendable {
    let admin: AdminSite

    func sections(_ request: Request, context: APIContext) async throws -> Response {
        try context.require(.viewBackOffice)
        return try ArticlesAPIController.json(
            try await admin.stores.taxonomy.sections().map {
                APIModels.Section(id: $0.id.rawValue, slug: $0.slug.rawValue, name: $0.name, description: $0.description)
            }
        )
    }

    func tags(_ request: Request, context: APIContext) async throws -> Response {
        try context.require(.viewBackOffice)
        return try ArticlesAPIController.json(
            try await admin.stores.taxonomy.tags().map { APIModels.Reference(id: $0.id.rawValue, slug: $0.slug.rawValue, name: $0.name) }
        )
    }

    func authors(_ request: Request, context: APIContext) async throws -> Response {
        try context.require(.viewBackOffice)
        return try ArticlesAPIController.json(
            try await admin.stores.taxonomy.authors().map {
                APIModels.Author(id: $0.id.rawValue, slug: $0.slug.rawValue, name: $0.name, role: $0.role, bio: $0.bio)
            }
        )
    }

    func media(_ request: Request, context: APIContext) async throws -> Response {
        try context.require(.manageMedia)
        let page = try ArticlesAPIController.number(
            request.uri.queryParameters.get("page").map { String($0) },
            name: "page",
            range: 1...PageRequest.maximumPage,
            default: 1
        )
        return try ArticlesAPIController.json(
            try await admin.stores.media.list(page: PageRequest(page: page, perPage: 50)).items.map {
                APIModels.Media(
                    id: $0.id.rawValue,
                    url: $0.url,
                    type: $0.kind.mediaType,
                    width: $0.width,
                    height: $0.height,
                    alt: $0.alt,
                    credit: $0.credit,
                    caption: $0.caption,
                    licenceExpires: $0.licenceExpires
                )
            }
        )
    }
}
