import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MastheadCore

/// One image in the media library: its words, its rights, where its focal point is
/// (every crop keeps it in frame), and the untouched upload for the newsroom.
struct MediaEditController: Sendable {
    let admin: AdminSite
    let pipeline: ImagePipeline

    struct Page: Sendable {
        var chrome: AdminChrome
        var id: Int64
        var previewURL: String
        var alt: String
        var credit: String
        var caption: String
        var rightsHolder: String
        var licenceExpires: String
        /// The number of the image that takes this one's place when its licence ends.
        var replacement: String
        var focalX: Int
        var focalY: Int
        var size: String
        var unconfirmed: String?
        var withdrawn: Bool
        var hasOriginal: Bool
        var renditions: [String]
        var renditionCount: String { renditions.count == 1 ? "1 rendition" : "\(renditions.count) renditions" }
        var errors: [String]
        var saved: Bool
    }

    func show(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.manageMedia)
        let asset = try await load(context)
        return try await page(asset, context: context, saved: request.uri.queryParameters.get("saved") != nil)
    }

    func update(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.manageMedia)
        var asset = try await load(context)
        let form = context.form
        do {
            let alt = form.text("alt")
            let credit = form.text("credit")
            guard !alt.isEmpty else { throw MastheadError(.invalidInput, "Alt text is required: describe the image for people who cannot see it.") }
            guard !credit.isEmpty else { throw MastheadError(.invalidInput, "A credit is required.") }
            let expires = try MediaController.licenceDay(form.text("licence_expires"))
            guard let x = Double(form.text("focal_x")), let y = Double(form.text("focal_y")), (0...100).contains(x), (0...100).contains(y)
            else { throw MastheadError(.invalidInput, "The focal point is two percentages from 0 to 100.") }
            asset.file.alt = String(alt.prefix(500))
            asset.file.credit = String(credit.prefix(200))
            asset.file.caption = String(form.text("caption").prefix(1000))
            let holder = form.text("rights_holder")
            asset.file.rightsHolder = holder.isEmpty ? nil : String(holder.prefix(200))
            asset.file.licenceExpires = expires
            asset.file.replacement = try await replacementPath(form.text("replacement"), for: asset)
            // Saving this form is the editor confirming what came from the file.
            asset.file.fromFile = []
            let focal = FocalPoint(x: x / 100, y: y / 100)
            if focal != asset.focal, let original = asset.originalPath, pipeline.tools.vips != nil {
                let made = try await pipeline.rerender(originalPath: original, publicPath: asset.path, kind: asset.kind, focal: focal)
                asset.file.renditions = made.renditions
            }
            asset.file.focal = focal
            try await admin.stores.media.update(asset)
        } catch let error as MastheadError where error.code == .invalidInput {
            return try await page(asset, context: context, errors: [error.message], status: .badRequest)
        }
        context.logger.info("Image details changed", metadata: ["media": "\(asset.id)", "account": "\(context.account.id)"])
        // Pages print its credit and caption and pick its crops: they change with it.
        await admin.contentChanged()
        return .redirect(to: "/admin/media/\(asset.id)?saved=1", type: .normal)
    }

    /// The upload exactly as it arrived, metadata and all: for the newsroom only, never cached.
    func original(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.manageMedia)
        let asset = try await load(context)
        guard let path = asset.originalPath, !path.contains(".."),
            let data = FileManager.default.contents(atPath: pipeline.originalsDirectory + "/" + path)
        else { throw MastheadError(.notFound, "The original upload of this image is not kept.") }
        let type = ImageSniffer.sniff(Array(data)).map(\.kind.mediaType).get(or: "application/octet-stream")
        return Response(
            status: .ok,
            headers: [
                .contentType: type, .cacheControl: "private, no-store",
                .contentDisposition: "attachment; filename=\"original-\(asset.id).\(path.split(separator: ".").last ?? "bin")\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func unconfirmedNote(_ fields: Set<EmbeddedField>) -> String? {
        guard !fields.isEmpty else { return nil }
        let names = EmbeddedField.allCases.filter(fields.contains).map {
            switch $0 {
            case .credit: "credit"
            case .caption: "caption"
            case .rightsHolder: "rights holder"
            case .licenceExpires: "licence expiry"
            }
        }
        return "From the file, not yet confirmed: \(names.joined(separator: ", "))."
    }

    /// The day in the form's `yyyy-MM-dd`, in UTC as `EditorForm.parseDay` reads it.
    static func isoDay(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// The path of the library image numbered `text`, which must be another image.
    private func replacementPath(_ text: String, for asset: MediaAsset) async throws -> String? {
        guard !text.isEmpty else { return nil }
        let number = Int64(text.hasPrefix("Image ") ? String(text.dropFirst(6)) : text)
        guard let number, let replacement = try await admin.stores.media.asset(MediaID(number)) else {
            throw MastheadError(.invalidInput, "The replacement is the number of another image in the media library.")
        }
        guard replacement.id != asset.id else { throw MastheadError(.invalidInput, "An image cannot replace itself.") }
        return replacement.path
    }

    private func load(_ context: AdminContext) async throws -> MediaAsset {
        guard let raw = context.parameters.get("id"), let number = Int64(raw), let asset = try await admin.stores.media.asset(MediaID(number))
        else { throw MastheadError(.notFound, "That image is not in the media library.") }
        return asset
    }

    private func page(
        _ asset: MediaAsset,
        context: AdminContext,
        saved: Bool = false,
        errors: [String] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var replacement = ""
        if let path = asset.replacement {
            replacement = try await admin.stores.media.assets(paths: [path])[path].map { "\($0.id)" } ?? ""
        }
        let page = Page(
            chrome: AdminChrome(context.session),
            id: asset.id.rawValue,
            previewURL: asset.renditions?.ladder(.jpeg).first { $0.width >= 640 }?.url ?? asset.url,
            alt: asset.alt,
            credit: asset.credit,
            caption: asset.caption,
            rightsHolder: asset.rightsHolder ?? "",
            licenceExpires: asset.licenceExpires.map(Self.isoDay) ?? "",
            replacement: replacement,
            focalX: Int((asset.focal.x * 100).rounded()),
            focalY: Int((asset.focal.y * 100).rounded()),
            size: "\(asset.width)×\(asset.height), \(asset.kind.rawValue.uppercased()), \(max(1, asset.bytes / 1024)) KiB",
            unconfirmed: Self.unconfirmedNote(asset.fromFile),
            withdrawn: asset.file.isWithdrawn(at: admin.clock.now),
            hasOriginal: asset.originalPath != nil,
            renditions: (asset.renditions?.renditions ?? []).map {
                "\($0.crop.map { "\($0.rawValue) crop, " } ?? "")\($0.width)×\($0.height) \($0.format.rawValue.uppercased())"
            },
            errors: errors,
            saved: saved
        )
        return try admin.page(page, template: "media-edit", status: status)
    }
}

extension Result {
    fileprivate func get(or fallback: Success) -> Success {
        (try? get()) ?? fallback
    }
}
