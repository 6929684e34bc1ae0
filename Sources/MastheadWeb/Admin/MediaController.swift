import Foundation
import Hummingbird
import Logging
import MastheadCore

/// The media library: upload images with their alt text, credit and rights, and
/// see which licences are about to lapse.
struct MediaController: Sendable {
    let admin: AdminSite
    let library: MediaLibrary

    struct Item: Sendable {
        var url: String
        var alt: String
        var credit: String
        var caption: String
        var size: String
        var licence: String
        var lapsing: Bool
    }

    struct Page: Sendable {
        var chrome: AdminChrome
        var items: [Item]
        var errors: [String]
        var uploaded: Bool
        var isEmpty: Bool
        /// "2 image licences end within 30 days (or have ended).", or nil when none do:
        /// Mustache shows a section for any number, 0 included.
        var lapsingWarning: String?
    }

    func index(_ request: Request, context: AdminContext) async throws -> Response {
        try await page(context, uploaded: request.uri.queryParameters.get("uploaded") != nil)
    }

    func upload(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.manageMedia)
        guard let contentType = request.headers[.contentType], let boundary = Multipart.boundary(in: contentType) else {
            throw MastheadError(.invalidInput, "Upload images with the form on this page.")
        }
        let file = try await library.receive(request.body)
        defer { try? FileManager.default.removeItem(at: file) }
        let form: Multipart
        do {
            form = try Multipart(data: try Data(contentsOf: file), boundary: boundary)
        } catch let error as MastheadError {
            return try await page(context, errors: [error.message], status: .badRequest)
        }
        try CSRFCheck.verifyToken(form.field("csrf"), session: context.session, request: request, context: context)
        do {
            guard let part = form.file("image"), !part.body.isEmpty else { throw MastheadError(.invalidInput, "Choose an image to upload.") }
            let alt = form.field("alt")
            let credit = form.field("credit")
            guard !alt.isEmpty else { throw MastheadError(.invalidInput, "Alt text is required: describe the image for people who cannot see it.") }
            guard !credit.isEmpty else { throw MastheadError(.invalidInput, "A credit is required.") }
            var expires: Date?
            if !form.field("licence_expires").isEmpty {
                guard let date = EditorForm.parseDay(form.field("licence_expires")) else {
                    throw MastheadError(.invalidInput, "The licence expiry must be a date like 2027-06-30.")
                }
                expires = date
            }
            let stored = try library.store(part.body)
            let holder = form.field("rights_holder")
            let asset = try await admin.stores.media.add(
                MediaFile(
                    path: stored.path,
                    kind: stored.image.kind,
                    width: stored.image.width,
                    height: stored.image.height,
                    bytes: part.body.count,
                    alt: String(alt.prefix(500)),
                    credit: String(credit.prefix(200)),
                    caption: String(form.field("caption").prefix(1000)),
                    rightsHolder: holder.isEmpty ? nil : String(holder.prefix(200)),
                    licenceExpires: expires,
                    uploadedBy: context.account.id,
                    uploadedAt: admin.clock.now
                )
            )
            context.logger.info("Image uploaded", metadata: ["media": "\(asset.id)", "account": "\(context.account.id)"])
            return .redirect(to: "/admin/media?uploaded=\(asset.id)", type: .normal)
        } catch let error as MastheadError where error.code == .invalidInput {
            return try await page(context, errors: [error.message], status: .badRequest)
        }
    }

    private func page(
        _ context: AdminContext,
        uploaded: Bool = false,
        errors: [String] = [],
        status: HTTPResponse.Status = .ok
    )
        async throws -> Response
    {
        try context.require(.manageMedia)
        let now = admin.clock.now
        let formatter = try await admin.reader.snapshot().formatter
        let assets = try await admin.stores.media.list(page: PageRequest(page: 1, perPage: 100)).items
        let items = assets.map { asset in
            Item(
                url: asset.url,
                alt: asset.alt,
                credit: asset.credit,
                caption: asset.caption,
                size: "\(asset.width)×\(asset.height), \(asset.kind.rawValue.uppercased()), \(max(1, asset.bytes / 1024)) KiB",
                licence: asset.licenceExpires.map { "Licence until \(formatter.day($0))" } ?? (asset.rightsHolder.map { "© \($0)" } ?? ""),
                lapsing: asset.licenceLapses(within: 30, of: now)
            )
        }
        let page = Page(
            chrome: AdminChrome(context.session),
            items: items,
            errors: errors,
            uploaded: uploaded,
            isEmpty: items.isEmpty,
            lapsingWarning: Self.lapsingWarning(items.filter(\.lapsing).count)
        )
        return try admin.page(page, template: "media", status: status)
    }

    static func lapsingWarning(_ count: Int) -> String? {
        switch count {
        case 0: nil
        case 1: "1 image licence ends within 30 days (or has ended)."
        default: "\(count) image licences end within 30 days (or have ended)."
        }
    }
}
