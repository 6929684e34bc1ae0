import Foundation
import Hummingbird
import Logging
import MastheadCore

/// The article editor: new, edit, preview, save and every workflow move.
/// Permission checks live in `Publishing` (every write goes through the policy);
/// this controller only decides what to show.
struct ArticleEditorController: Sendable {
    let admin: AdminSite

    func new(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.createArticle)
        let sections = try await admin.stores.taxonomy.sections()
        guard let first = sections.first else { throw MastheadError(.invalidInput, "Create a section before writing articles.") }
        var input = ArticleInput(headline: "", sectionID: first.id, authorIDs: [], bodyMarkdown: "", status: .draft)
        if let own = context.account.authorID { input.authorIDs = [own] }
        return try await editor(input, current: nil, tagNames: [], context: context)
    }

    func edit(_ request: Request, context: AdminContext) async throws -> Response {
        let article = try await visibleArticle(context)
        return try await editor(article.input, current: article, tagNames: article.tags.map(\.name), context: context)
    }

    func create(_ request: Request, context: AdminContext) async throws -> Response {
        try await save(id: nil, current: nil, context: context)
    }

    func update(_ request: Request, context: AdminContext) async throws -> Response {
        let article = try await visibleArticle(context)
        return try await save(id: article.id, current: article, context: context)
    }

    // MARK: - Saving

    private func save(id: ArticleID?, current: Article?, context: AdminContext) async throws -> Response {
        let form = context.form
        let sections = try await admin.stores.taxonomy.sections()
        let authors = try await admin.stores.taxonomy.authors()
        let tagNames = EditorForm.tagNames(form)
        var input: ArticleInput
        do {
            input = try EditorForm.input(from: form, id: id, current: current, sections: sections, authors: authors, tags: [])
        } catch let error as MastheadError where error.code == .invalidInput {
            var fallback =
                current?.input
                ?? ArticleInput(
                    headline: form.text("headline"),
                    sectionID: sections.first?.id ?? SectionID(0),
                    authorIDs: [],
                    bodyMarkdown: form["body"] ?? "",
                    status: .draft
                )
            fallback.bodyMarkdown = form["body"] ?? fallback.bodyMarkdown
            return try await editor(
                fallback,
                current: current,
                tagNames: tagNames.map(\.name),
                context: context,
                errors: [error.message],
                status: .badRequest
            )
        }
        // The library follows the role table here as on its own page: who may not manage media
        // may not pick from it either (nor learn its credits by trying numbers).
        if Policy.allows(context.account, .manageMedia), let assetID = Int64(form.text("image_asset")).map(MediaID.init),
            let asset = try await admin.stores.media.asset(assetID)
        {
            // The library's alt, credit and caption, unless the editor typed their own for this use.
            var image = asset.leadImage
            if input.leadImage?.url == asset.url || input.leadImage == nil {
                if !form.text("image_alt").isEmpty { image.alt = form.text("image_alt") }
                if !form.text("image_caption").isEmpty { image.caption = form.text("image_caption") }
            }
            input.leadImage = image
        }
        if EditorForm.intent(form) == .preview {
            return try await editor(
                input,
                current: current,
                tagNames: tagNames.map(\.name),
                context: context,
                preview: MarkdownRenderer.render(input.bodyMarkdown)
            )
        }
        do {
            // New tags are created with the article, in its transaction: a refused save leaves none.
            input.tagIDs = []
            let saved = try await admin.publishing.save(input, tags: tagNames, by: context.account, note: EditorForm.note(form, at: admin.clock.now))
            context.logger.info(
                "Article saved",
                metadata: ["article": "\(saved)", "account": "\(context.account.id)", "status": "\(input.status.rawValue)"]
            )
            return .redirect(to: "/admin/articles/\(saved)?saved=1", type: .normal)
        } catch let error as MastheadError where [.invalidInput, .conflict, .forbidden].contains(error.code) {
            let status: HTTPResponse.Status = error.code == .conflict ? .conflict : (error.code == .forbidden ? .forbidden : .badRequest)
            return try await editor(
                input,
                current: current,
                tagNames: tagNames.map(\.name),
                context: context,
                errors: [error.message],
                status: status
            )
        }
    }

    // MARK: - Rendering

    func editor(
        _ input: ArticleInput,
        current: Article?,
        tagNames: [String],
        context: AdminContext,
        errors: [String] = [],
        preview: SafeHTML? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let snapshot = try await admin.reader.snapshot()
        let ownership = ArticleOwnership.of(current, createdBy: current?.createdBy, for: context.account)
        let candidates: [ArticleStatus] = [.inReview, .published, .scheduled, .draft, .unpublished]
        let actions = candidates.filter { target in
            target != current?.status && Policy.allows(context.account, .setStatus(target, ownership))
                && !(current == nil && target == .unpublished)
        }
        var publicURL: String?
        if let current, current.status == .published, let published = current.publishedAt {
            publicURL = SiteURL.article(current.slug, publishedAt: published, formatter: snapshot.formatter).path()
        }
        let page = EditorPage(
            chrome: AdminChrome(context.session),
            input: input,
            tagNames: tagNames,
            sections: snapshot.sections,
            authors: try await admin.stores.taxonomy.authors(),
            actions: actions,
            zone: snapshot.settings.timeZone,
            siteZone: snapshot.settings.timeZone,
            media: Policy.allows(context.account, .manageMedia)
                ? try await admin.stores.media.list(page: PageRequest(page: 1, perPage: 100)).items : [],
            errors: errors,
            preview: preview,
            publicURL: publicURL,
            stats: try await current.asyncMap {
                try await AudienceController.articleStats($0.id, stores: admin.stores, now: admin.clock.now, formatter: snapshot.formatter)
            }
        )
        return try admin.page(page, template: "editor", status: status)
    }

    /// The article named in the path, if this account may see it; otherwise 404,
    /// so nobody can probe for other people's drafts.
    func visibleArticle(_ context: AdminContext) async throws -> Article {
        guard let raw = context.parameters.get("id"), let number = Int64(raw),
            let article = try await admin.stores.articles.article(id: ArticleID(number))
        else { throw MastheadError(.notFound, "There is no such article.") }
        try context.require(.viewArticle(ArticleOwnership.of(article, createdBy: article.createdBy, for: context.account)), hidden: true)
        return article
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
