import Foundation
import GRDB
import MastheadCore

/// Media library metadata in SQLite; values always bound.
struct SQLiteMediaStore: MediaStore {
    let pool: DatabasePool

    func add(_ asset: MediaFile) async throws -> MediaAsset {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO media_asset (path, kind, width, height, bytes, alt, credit, caption, rights_holder, licence_expires,
                        uploaded_by, uploaded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    asset.path, asset.kind.rawValue, asset.width, asset.height, asset.bytes, asset.alt, asset.credit, asset.caption,
                    asset.rightsHolder, asset.licenceExpires?.timeIntervalSince1970, asset.uploadedBy?.rawValue,
                    asset.uploadedAt.timeIntervalSince1970,
                ]
            )
            return MediaAsset(id: MediaID(db.lastInsertedRowID), file: asset)
        }
    }

    func asset(_ id: MediaID) async throws -> MediaAsset? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM media_asset WHERE id = ?", arguments: [id.rawValue]).map(Self.asset(from:))
        }
    }

    func list(page: PageRequest) async throws -> Paged<MediaAsset> {
        try await pool.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM media_asset") ?? 0
            let items = try Row.fetchAll(
                db,
                sql: "SELECT * FROM media_asset ORDER BY uploaded_at DESC, id DESC LIMIT ? OFFSET ?",
                arguments: [page.perPage, page.offset]
            ).map(Self.asset(from:))
            return Paged(items: items, page: page.page, perPage: page.perPage, total: total)
        }
    }

    static func asset(from row: Row) throws -> MediaAsset {
        guard let kind = ImageSniffer.Kind(rawValue: row["kind"]) else { throw MastheadError(.internalFailure, "A media asset has an unknown kind.") }
        let file = MediaFile(
            path: row["path"],
            kind: kind,
            width: row["width"],
            height: row["height"],
            bytes: row["bytes"],
            alt: row["alt"],
            credit: row["credit"],
            caption: row["caption"],
            rightsHolder: row["rights_holder"],
            licenceExpires: (row["licence_expires"] as Double?).map(Date.init(timeIntervalSince1970:)),
            uploadedBy: (row["uploaded_by"] as Int64?).map(AccountID.init),
            uploadedAt: Date(timeIntervalSince1970: row["uploaded_at"])
        )
        return MediaAsset(id: MediaID(row["id"]), file: file)
    }
}
