import Foundation
import MastheadCore
import PostgresNIO

/// Media library metadata; the files themselves live in the media folder.
struct PostgresMediaStore: MediaStore {
    let db: PG

    func add(_ asset: MediaFile) async throws -> MediaAsset {
        let id = try await db.value(
            """
            INSERT INTO media_asset (path, kind, width, height, bytes, alt, credit, caption, rights_holder, licence_expires,
                uploaded_by, uploaded_at)
            VALUES (\(asset.path), \(asset.kind.rawValue), \(asset.width), \(asset.height), \(Int64(asset.bytes)), \(asset.alt),
                \(asset.credit), \(asset.caption), \(asset.rightsHolder), \(asset.licenceExpires?.timeIntervalSince1970),
                \(asset.uploadedBy?.rawValue), \(asset.uploadedAt.timeIntervalSince1970))
            RETURNING id
            """,
            as: Int64.self
        )
        return MediaAsset(id: MediaID(id ?? 0), file: asset)
    }

    func asset(_ id: MediaID) async throws -> MediaAsset? {
        try await db.one("SELECT * FROM media_asset WHERE id = \(id.rawValue)").map(Self.asset(from:))
    }

    func list(page: PageRequest) async throws -> Paged<MediaAsset> {
        let total = try await db.value("SELECT COUNT(*) FROM media_asset", as: Int64.self) ?? 0
        let items = try await db.rows(
            "SELECT * FROM media_asset ORDER BY uploaded_at DESC, id DESC LIMIT \(page.perPage) OFFSET \(page.offset)"
        ).map(Self.asset(from:))
        return Paged(items: items, page: page.page, perPage: page.perPage, total: Int(total))
    }

    static func asset(from row: PostgresRandomAccessRow) throws -> MediaAsset {
        guard let kind = ImageSniffer.Kind(rawValue: try row.get("kind")) else {
            throw MastheadError(.internalFailure, "A media asset has an unknown kind.")
        }
        let file = MediaFile(
            path: try row.get("path"),
            kind: kind,
            width: try row.get("width"),
            height: try row.get("height"),
            bytes: Int(try row.get("bytes", as: Int64.self)),
            alt: try row.get("alt"),
            credit: try row.get("credit"),
            caption: try row.get("caption"),
            rightsHolder: try row.get("rights_holder"),
            licenceExpires: try row.get("licence_expires", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            uploadedBy: try row.get("uploaded_by", as: Int64?.self).map(AccountID.init),
            uploadedAt: Date(timeIntervalSince1970: try row.get("uploaded_at"))
        )
        return MediaAsset(id: MediaID(try row.get("id", as: Int64.self)), file: file)
    }
}
