import Foundation
import Hummingbird
import Logging
import MastheadCore

/// The media library: upload images with their alt text, credit and rights, and
/// see which licences are about to lapse.
struct MediaController: Sendable {
    let admin: AdminSite
    let library: MediaLibrary
    let pipeline: ImagePipeline

    struct Item: Sendable {
        var id: Int64
        var url: String
        var alt: String
        var credit: String
        var caption: String
        var size: String
        var licence: String
        var lapsing: Bool
        var withdrawn: Bool
        /// "credit and caption from the file: confirm them", or nil.
        var unconfirmed: String?
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
            guard !alt.isEmpty else { throw MastheadError(.invalidInput, "Alt text is required: describe the image for people who cannot see it.") }
            var expires = try Self.licenceDay(form.field("licence_expires"))
            let made = try await pipeline.ingest(part.body)
            // What the editor typed wins; an empty field takes what the photographer wrote
            // into the file, flagged until someone confirms it.
            let embedded = made.embedded ?? EmbeddedMetadata()
            var fromFile: Set<EmbeddedField> = []
            func pick(_ typed: String, _ embedded: String?, _ field: EmbeddedField) -> String {
                if !typed.isEmpty { return typed }
                guard let embedded, !embedded.isEmpty else { return "" }
                fromFile.insert(field)
                return embedded
            }
            let credit = pick(form.field("credit"), embedded.credit, .credit)
            guard !credit.isEmpty else {
                throw MastheadError(.invalidInput, "A credit is required (the file does not name one).")
            }
            let caption = pick(form.field("caption"), embedded.caption, .caption)
            let holder = pick(form.field("rights_holder"), embedded.rightsHolder, .rightsHolder)
            if expires == nil, let ends = embedded.licenceEnds {
                expires = ends
                fromFile.insert(.licenceExpires)
            }
            let asset = try await admin.stores.media.add(
                MediaFile(
                    path: made.path,
                    kind: made.kind,
                    width: made.width,
                    height: made.height,
                    bytes: made.bytes,
                    alt: String(alt.prefix(500)),
                    credit: String(credit.prefix(200)),
                    caption: String(caption.prefix(1000)),
                    rightsHolder: holder.isEmpty ? nil : String(holder.prefix(200)),
                    licenceExpires: expires,
                    uploadedBy: context.account.id,
                    uploadedAt: admin.clock.now,
                    renditions: made.renditions,
                    originalPath: made.originalPath,
                    fromFile: fromFile
                )
            )
            context.logger.info(
                "Image uploaded",
                metadata: ["media": "\(asset.id)", "account": "\(context.account.id)", "renditions": "\(made.renditions?.renditions.count ?? 0)"]
            )
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
                id: asset.id.rawValue,
                url: asset.renditions?.ladder(.jpeg).first?.url ?? asset.url,
                alt: asset.alt,
                credit: asset.credit,
                caption: asset.caption,
                size: "\(asset.width)×\(asset.height), \(asset.kind.rawValue.uppercased()), \(max(1, asset.bytes / 1024)) KiB",
                licence: asset.licenceExpires.map { "Licence until \(formatter.day($0))" } ?? (asset.rightsHolder.map { "© \($0)" } ?? ""),
                lapsing: asset.licenceLapses(within: 30, of: now),
                withdrawn: asset.file.isWithdrawn(at: now),
                unconfirmed: MediaEditController.unconfirmedNote(asset.fromFile)
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

    /// The licence expiry field: empty is none, anything else must be a day.
    static func licenceDay(_ text: String) throws -> Date? {
        guard !text.isEmpty else { return nil }
        guard let day = EditorForm.parseDay(text) else {
            throw MastheadError(.invalidInput, "The licence expiry must be a date like 2027-06-30.")
        }
        return day
    }

    static func lapsingWarning(_ count: Int) -> String? {
        switch count {
        case 0: nil
        case 1: "1 image licence ends within 30 days (or has ended)."
        default: "\(count) image licences end within 30 days (or have ended)."
        }
    }
}
