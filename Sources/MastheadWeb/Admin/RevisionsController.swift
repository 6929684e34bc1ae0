import Foundation
import Hummingbird
import Logging
import MastheadCore

/// Every save of an article, a readable diff between two, and restoring one.
struct RevisionsController: Sendable {
    let admin: AdminSite
    let editor: ArticleEditorController

    struct Row: Sendable {
        var number: Int
        var savedAt: String
        var savedBy: String
        var status: String
        var diffURL: String?
        var restoreURL: String
    }

    struct ListPage: Sendable {
        var chrome: AdminChrome
        var headline: String
        var editURL: String
        var rows: [Row]
    }

    struct FieldChange: Sendable {
        var field: String
        var before: String
        var after: String
    }

    struct Line: Sendable {
        var kind: String
        var sign: String
        var text: String
    }

    struct DiffPage: Sendable {
        var chrome: AdminChrome
        var headline: String
        var from: Int
        var to: Int
        var backURL: String
        var fields: [FieldChange]
        var lines: [Line]
    }

    func list(_ request: Request, context: AdminContext) async throws -> Response {
        let article = try await editor.visibleArticle(context)
        let revisions = try await admin.stores.articles.revisions(of: article.id)
        let formatter = try await admin.reader.snapshot().formatter
        let rows = revisions.enumerated().map { index, revision in
            Row(
                number: revision.number,
                savedAt: formatter.dateTime(revision.savedAt),
                savedBy: revision.savedByName ?? "System",
                status: revision.snapshot.status.label,
                diffURL: index + 1 < revisions.count ? "/admin/articles/\(article.id)/revisions/\(revision.id)" : nil,
                restoreURL: "/admin/articles/\(article.id)/revisions/\(revision.id)/restore"
            )
        }
        return try admin.page(
            ListPage(chrome: AdminChrome(context.session), headline: article.headline, editURL: "/admin/articles/\(article.id)", rows: rows),
            template: "revisions"
        )
    }

    /// The changes a revision made: compared with `?against=ID`, or with the one before it.
    func diff(_ request: Request, context: AdminContext) async throws -> Response {
        let article = try await editor.visibleArticle(context)
        let revisions = try await admin.stores.articles.revisions(of: article.id)
        guard let target = try revision(context.parameters.get("revision"), in: revisions) else {
            throw MastheadError(.notFound, "There is no such revision.")
        }
        let base =
            try revision(request.uri.queryParameters.get("against").map { String($0) }, in: revisions)
            ?? revisions.first { $0.number == target.number - 1 }
        guard let base else { throw MastheadError(.notFound, "This is the first revision; there is nothing to compare it with.") }
        let before = base.snapshot
        let after = target.snapshot
        let candidates: [(String, String, String)] = [
            ("Headline", before.headline, after.headline), ("Standfirst", before.standfirst, after.standfirst),
            ("Slug", before.slug, after.slug), ("Status", before.status.label, after.status.label),
            ("Lead image", before.leadImage?.url ?? "", after.leadImage?.url ?? ""),
            ("Caption", before.leadImage?.caption ?? "", after.leadImage?.caption ?? ""),
            ("Rights", before.rightsOverride ?? "", after.rightsOverride ?? ""),
        ]
        let fields = candidates.filter { $0.1 != $0.2 }.map { FieldChange(field: $0.0, before: $0.1, after: $0.2) }
        let lines = LineDiff.diff(before.bodyMarkdown, after.bodyMarkdown).map { change -> Line in
            switch change {
            case .same(let text): Line(kind: "same", sign: " ", text: text)
            case .added(let text): Line(kind: "added", sign: "+", text: text)
            case .removed(let text): Line(kind: "removed", sign: "−", text: text)
            }
        }
        let page = DiffPage(
            chrome: AdminChrome(context.session),
            headline: article.headline,
            from: base.number,
            to: target.number,
            backURL: "/admin/articles/\(article.id)/revisions",
            fields: fields,
            lines: lines
        )
        return try admin.page(page, template: "diff")
    }

    func restore(_ request: Request, context: AdminContext) async throws -> Response {
        let article = try await editor.visibleArticle(context)
        let revisions = try await admin.stores.articles.revisions(of: article.id)
        guard let target = try revision(context.parameters.get("revision"), in: revisions) else {
            throw MastheadError(.notFound, "There is no such revision.")
        }
        try await admin.publishing.restore(target, by: context.account)
        return .redirect(to: "/admin/articles/\(article.id)?restored=\(target.number)", type: .normal)
    }

    private func revision(_ raw: String?, in revisions: [Revision]) throws -> Revision? {
        guard let raw else { return nil }
        guard let number = Int64(raw) else { throw MastheadError(.notFound, "There is no such revision.") }
        return revisions.first { $0.id == RevisionID(number) }
    }
}
