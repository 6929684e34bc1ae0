import Foundation
import Hummingbird
import Logging
import MastheadCore

/// The back office's import page, for editors who do not use a terminal:
/// upload a WordPress export or a saved article page and read the summary.
/// Larger archives go through `masthead import`, which has no upload limit.
struct ImportController: Sendable {
    static let maximumUploadBytes = 64 * 1024 * 1024

    let admin: AdminSite
    let uploads: MediaLibrary

    struct Page: Sendable {
        var chrome: AdminChrome
        var available: Bool
        var errors: [String]
        var report: Report?
        var limit: Int
    }

    struct Report: Sendable {
        var summary: String
        var skipped: [String]
        var warnings: [String]
    }

    func index(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.importArchive)
        return try page(context)
    }

    func upload(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.importArchive)
        guard let importer = admin.importer else { throw MastheadError(.unavailable, "Imports are not available on this server.") }
        guard let contentType = request.headers[.contentType], let boundary = Multipart.boundary(in: contentType) else {
            throw MastheadError(.invalidInput, "Upload the file with the form on this page.")
        }
        let received = try await uploads.receive(request.body, limit: Self.maximumUploadBytes)
        defer { try? FileManager.default.removeItem(at: received) }
        let form: Multipart
        do {
            form = try Multipart(data: try Data(contentsOf: received), boundary: boundary)
        } catch let error as MastheadError {
            return try page(context, errors: [error.message], status: .badRequest)
        }
        try CSRFCheck.verifyToken(form.field("csrf"), session: context.session, request: request, context: context)
        guard let source = ImportSource(rawValue: form.field("source")) else {
            return try page(context, errors: ["Choose what the file is: a WordPress export or a saved article page."], status: .badRequest)
        }
        guard let part = form.file("file"), !part.body.isEmpty else {
            return try page(context, errors: ["Choose a file to import."], status: .badRequest)
        }
        // The reader wants a file: the part is written beside the upload, under a name we choose.
        let file = received.appendingPathExtension(source == .wordPress ? "xml" : "page")
        try part.body.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let name = String((part.filename ?? "upload").suffix(120))
        do {
            let report = try await importer.importFile(at: file.path, named: name, as: source)
            context.logger.info(
                "Import from the back office",
                metadata: ["account": "\(context.account.id)", "imported": "\(report.imported)", "skipped": "\(report.skipped.count)"]
            )
            return try page(context, report: report)
        } catch let error as MastheadError where error.code == .invalidInput {
            return try page(context, errors: [error.message], status: .unprocessableContent)
        }
    }

    private func page(
        _ context: AdminContext,
        errors: [String] = [],
        report: ImportReport? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let model = Page(
            chrome: AdminChrome(context.session),
            available: admin.importer != nil,
            errors: errors,
            report: report.map { report in
                let lines = report.lines(limit: 500)
                return Report(
                    summary: lines[0],
                    skipped: report.skipped.prefix(500).map(\.description),
                    warnings: report.warnings.prefix(500).map(\.description)
                )
            },
            limit: Self.maximumUploadBytes / 1024 / 1024
        )
        return try admin.page(model, template: "import", status: status)
    }
}
