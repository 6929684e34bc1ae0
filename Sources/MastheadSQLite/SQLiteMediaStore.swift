import Foundation
import GRDB
import MastheadCore
import MastheadSQL

/// Media library metadata in SQLite; values always bound.
struct SQLiteMediaStore: MediaStore {
    let pool: DatabasePool

    func add(_ asset: MediaFile) async throws -> MediaAsset {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO media_asset (path, kind, width, height, bytes, alt, credit, caption, rights_holder, licence_expires,
                        uploaded_by, uploaded_at, focal_x, focal_y, renditions, original_path, from_file, replacement)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    asset.path, asset.kind.rawValue, asset.width, asset.height, asset.bytes, asset.alt, asset.credit, asset.caption,
                    asset.rightsHolder, asset.licenceExpires?.timeIntervalSince1970, asset.uploadedBy?.rawValue,
                    asset.uploadedAt.timeIntervalSince1970, asset.focal.x, asset.focal.y, asset.renditions?.storedText,
                    asset.originalPath, EmbeddedField.storedText(asset.fromFile), asset.replacement,
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

    func assets(paths: [String]) async throws -> [String: MediaAsset] {
        guard !paths.isEmpty else { return [:] }
        return try await pool.read { db in
            let marks = Array(repeating: "?", count: paths.count).joined(separator: ", ")
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM media_asset WHERE path IN (\(marks)) ORDER BY id",
                arguments: StatementArguments(paths)
            )
            return try Dictionary(rows.map(Self.asset(from:)).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func update(_ asset: MediaAsset) async throws {
        let file = asset.file
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE media_asset SET kind = ?, width = ?, height = ?, bytes = ?, alt = ?, credit = ?, caption = ?,
                        rights_holder = ?, licence_expires = ?, focal_x = ?, focal_y = ?, renditions = ?, original_path = ?, from_file = ?,
                        replacement = ?,
                        withdrawal_announced = CASE WHEN licence_expires = ? THEN withdrawal_announced END
                    WHERE id = ?
                    """,
                arguments: [
                    file.kind.rawValue, file.width, file.height, file.bytes, file.alt, file.credit, file.caption, file.rightsHolder,
                    file.licenceExpires?.timeIntervalSince1970, file.focal.x, file.focal.y, file.renditions?.storedText,
                    file.originalPath, EmbeddedField.storedText(file.fromFile), file.replacement,
                    // A licence date that changes may be announced again when it passes (SET sees the old row).
                    file.licenceExpires?.timeIntervalSince1970, asset.id.rawValue,
                ]
            )
            guard db.changesCount > 0 else { throw MastheadError(.notFound, "That image is not in the media library.") }
        }
    }

    func licencesEnding(after start: Date, by end: Date) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT path FROM media_asset WHERE licence_expires > ? AND licence_expires <= ? ORDER BY path",
                arguments: [start.timeIntervalSince1970, end.timeIntervalSince1970]
            )
        }
    }

    func announceWithdrawals(dueBy now: Date) async throws -> [String] {
        try await pool.write { db in
            let paths = try String.fetchAll(
                db,
                sql: """
                    UPDATE media_asset SET withdrawal_announced = ?1
                    WHERE licence_expires <= ?1 AND withdrawal_announced IS NULL RETURNING path
                    """,
                arguments: [now.timeIntervalSince1970]
            ).sorted()
            guard !paths.isEmpty, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM webhook)") == true else { return paths }
            for path in paths {
                let payload = try MediaEvent(url: "/media/" + path, occurredAt: now, purgeKeys: Self.pageKeys(showingImage: path, db)).payload()
                try db.execute(
                    sql: """
                        INSERT INTO webhook_delivery (webhook_id, event, payload, state, created_at, next_attempt_at)
                        SELECT id, ?, ?, 'pending', ?, ? FROM webhook
                        """,
                    arguments: [MediaEvent.withdrawn, payload, now.timeIntervalSince1970, now.timeIntervalSince1970]
                )
            }
            return paths
        }
    }

    func pageKeys(showingImage path: String) async throws -> [String] {
        try await pool.read { db in try Self.pageKeys(showingImage: path, db) }
    }

    /// The keys of the pages showing the image at `path`, plus the latest-story lists when any article leads with it.
    static func pageKeys(showingImage path: String, _ db: Database) throws -> [String] {
        let keys = try String.fetchAll(db, sql: ContentLogQueries.imageKeys(parameter: "?1"), arguments: ["/media/" + path])
        return keys.isEmpty ? [] : keys + SurrogateKeys.latest
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
            uploadedAt: Date(timeIntervalSince1970: row["uploaded_at"]),
            focal: FocalPoint(x: row["focal_x"], y: row["focal_y"]),
            renditions: RenditionSet(storedText: row["renditions"]),
            originalPath: row["original_path"],
            fromFile: EmbeddedField.fields(storedText: row["from_file"]),
            replacement: row["replacement"]
        )
        return MediaAsset(id: MediaID(row["id"]), file: file)
    }
}
