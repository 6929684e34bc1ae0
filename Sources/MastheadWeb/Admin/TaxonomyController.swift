import Foundation
import Hummingbird
import Logging
import MastheadCore

/// Sections, authors and tags, for editors: add and edit sections and authors;
/// rename tags (old URLs redirect) and merge one tag into another.
struct TaxonomyController: Sendable {
    let admin: AdminSite

    struct Page: Sendable {
        var chrome: AdminChrome
        var sections: [Section]
        var authors: [Author]
        var tags: [Tag]
        var tagOptions: [SelectOption]
        var errors: [String]
        var saved: Bool
    }

    func show(_ request: Request, context: AdminContext) async throws -> Response {
        try await page(context, saved: request.uri.queryParameters.get("saved") != nil)
    }

    func saveSection(_ request: Request, context: AdminContext) async throws -> Response {
        try await change(context) { form in
            let name = form.text("name")
            guard !name.isEmpty, name.count <= 100 else { throw MastheadError(.invalidInput, "A section needs a name.") }
            let slug = try Self.slug(form.text("slug").isEmpty ? name : form.text("slug"))
            _ = try await admin.stores.taxonomy.saveSection(
                slug: slug,
                name: name,
                description: String(form.text("description").prefix(500)),
                position: Int(form.text("position")) ?? 0
            )
        }
    }

    func saveAuthor(_ request: Request, context: AdminContext) async throws -> Response {
        try await change(context) { form in
            let name = form.text("name")
            guard !name.isEmpty, name.count <= 100 else { throw MastheadError(.invalidInput, "An author needs a name.") }
            let slug = try Self.slug(form.text("slug").isEmpty ? name : form.text("slug"))
            let photo = form.text("photo_url")
            guard photo.isEmpty || SafeURL.check(photo, for: .image) != nil else {
                throw MastheadError(.invalidInput, "The photo address must be an http(s) or site-relative URL.")
            }
            _ = try await admin.stores.taxonomy.saveAuthor(
                slug: slug,
                name: name,
                bio: String(form.text("bio").prefix(2000)),
                photoURL: photo.isEmpty ? nil : photo,
                role: String(form.text("role").prefix(100))
            )
        }
    }

    func changeTag(_ request: Request, context: AdminContext) async throws -> Response {
        try await change(context) { form in
            guard let id = Int64(form.text("tag")).map(TagID.init) else { throw MastheadError(.invalidInput, "Choose a tag.") }
            if let target = Int64(form.text("merge_into")).map(TagID.init) {
                try await admin.stores.taxonomy.mergeTag(id, into: target)
            } else {
                let name = form.text("name")
                guard !name.isEmpty, name.count <= 80 else { throw MastheadError(.invalidInput, "A tag needs a name.") }
                _ = try await admin.stores.taxonomy.renameTag(
                    id,
                    name: name,
                    slug: try Self.slug(form.text("slug").isEmpty ? name : form.text("slug"))
                )
            }
        }
    }

    private func change(_ context: AdminContext, _ body: (Form) async throws -> Void) async throws -> Response {
        try context.require(.manageTaxonomy)
        do {
            try await body(context.form)
        } catch let error as MastheadError where [.invalidInput, .conflict, .notFound].contains(error.code) {
            return try await page(context, errors: [error.message], status: error.code == .conflict ? .conflict : .badRequest)
        }
        await admin.contentChanged()
        context.logger.info("Taxonomy changed", metadata: ["by": "\(context.account.id)"])
        return .redirect(to: "/admin/taxonomy?saved=1", type: .normal)
    }

    static func slug(_ text: String) throws -> Slug {
        guard let slug = Slug(from: text), !slug.isReserved else { throw MastheadError(.invalidInput, "“\(text.prefix(80))” cannot be a slug.") }
        return slug
    }

    private func page(
        _ context: AdminContext,
        errors: [String] = [],
        saved: Bool = false,
        status: HTTPResponse.Status = .ok
    ) async throws
        -> Response
    {
        try context.require(.manageTaxonomy)
        let tags = try await admin.stores.taxonomy.tags()
        let page = Page(
            chrome: AdminChrome(context.session),
            sections: try await admin.stores.taxonomy.sections(),
            authors: try await admin.stores.taxonomy.authors(),
            tags: tags,
            tagOptions: tags.map { SelectOption(value: "\($0.id)", label: $0.name) },
            errors: errors,
            saved: saved
        )
        return try admin.page(page, template: "taxonomy", status: status)
    }
}
