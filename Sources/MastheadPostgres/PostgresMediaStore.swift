import Foundation
import MastheadCore
import MastheadSQL
import PostgresNIO

/// Media library metadata; the files themselves live in the media folder.
struct PostgresMediaStore: MediaStore {
    let db: PostgresPool

    func add(_ asset: MediaFile) async throws -> MediaAsset {
        let id = try await db.value(
            """
            INSERT INTO media_asset (path, kind, width, height, bytes, alt, credit, caption, rights_holder, licence_expires,
                uploaded_by, uploaded_at, focal_x, focal_y, renditions, original_path, from_file, replacement)
            VALUES (\(asset.path), \(asset.kind.rawValue), \(asset.width), \(asset.height), \(Int64(asset.bytes)), \(asset.alt),
                \(asset.credit), \(asset.caption), \(asset.rightsHolder), \(asset.licenceExpires?.timeIntervalSince1970),
                \(asset.uploadedBy?.rawValue), \(asset.uploadedAt.timeIntervalSince1970), \(asset.focal.x), \(asset.focal.y),
                \(asset.renditions?.storedText), \(asset.originalPath), \(EmbeddedField.storedText(asset.fromFile)), \(asset.replacement))
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

    func assets(paths: [String]) async throws -> [String: MediaAsset] {
        guard !paths.isEmpty else { return [:] }
        let rows = try await db.rows("SELECT * FROM media_asset WHERE path = ANY(\(paths)) ORDER BY id")
        return try Dictionary(rows.map(Self.asset(from:)).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func update(_ asset: MediaAsset) async throws {
        let file = asset.file
        let id = try await db.value(
            """
            UPDATE media_asset SET kind = \(file.kind.rawValue), width = \(file.width), height = \(file.height),
                bytes = \(Int64(file.bytes)), alt = \(file.alt), credit = \(file.credit), caption = \(file.caption),
                rights_holder = \(file.rightsHolder), licence_expires = \(file.licenceExpires?.timeIntervalSince1970),
                focal_x = \(file.focal.x), focal_y = \(file.focal.y), renditions = \(file.renditions?.storedText),
                original_path = \(file.originalPath), from_file = \(EmbeddedField.storedText(file.fromFile)),
                replacement = \(file.replacement),
                withdrawal_announced = CASE WHEN licence_expires = \(file.licenceExpires?.timeIntervalSince1970)
                    THEN withdrawal_announced END
            WHERE id = \(asset.id.rawValue) RETURNING id
            """,
            as: Int64.self
        )
        guard id != nil else { throw MastheadError(.notFound, "That image is not in the media library.") }
    }

    func licencesEnding(after start: Date, by end: Date) async throws -> [String] {
        try await db.values(
            """
            SELECT path FROM media_asset
            WHERE licence_expires > \(start.timeIntervalSince1970) AND licence_expires <= \(end.timeIntervalSince1970) ORDER BY path
            """,
            as: String.self
        )
    }

    func announceWithdrawals(dueBy now: Date) async throws -> [String] {
        try await db.transaction { tx in
            let at = now.timeIntervalSince1970
            let paths = try await tx.values(
                """
                UPDATE media_asset SET withdrawal_announced = \(at)
                WHERE licence_expires <= \(at) AND withdrawal_announced IS NULL RETURNING path
                """,
                as: String.self
            ).sorted()
            guard !paths.isEmpty, try await tx.value("SELECT EXISTS (SELECT 1 FROM webhook)", as: Bool.self) == true else { return paths }
            for path in paths {
                let keys = try await Self.pageKeys(showingImage: path, tx)
                let payload = try MediaEvent(url: "/media/" + path, occurredAt: now, purgeKeys: keys).payload()
                try await tx.run(
                    """
                    INSERT INTO webhook_delivery (webhook_id, event, payload, state, created_at, next_attempt_at)
                    SELECT id, \(MediaEvent.withdrawn), \(payload), 'pending', \(at), \(at) FROM webhook
                    """
                )
            }
            return paths
        }
    }

    func pageKeys(showingImage path: String) async throws -> [String] {
        try await Self.pageKeys(showingImage: path, db)
    }

    /// The keys of the pages showing the image at `path`, plus the latest-story lists when any article leads with it.
    static func pageKeys(showingImage path: String, _ db: some StatementRunner) async throws -> [String] {
        var binds = PostgresBindings()
        binds.append("/media/" + path)
        let keys = try await db.values(PostgresQuery(unsafeSQL: ContentLogQueries.imageKeys(parameter: "$1"), binds: binds), as: String.self)
        return keys.isEmpty ? [] : keys + SurrogateKeys.latest
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
            uploadedAt: Date(timeIntervalSince1970: try row.get("uploaded_at")),
            focal: FocalPoint(x: try row.get("focal_x"), y: try row.get("focal_y")),
            renditions: RenditionSet(storedText: try row.get("renditions", as: String?.self)),
            originalPath: try row.get("original_path"),
            fromFile: EmbeddedField.fields(storedText: try row.get("from_file")),
            replacement: try row.get("replacement")
        )
        return MediaAsset(id: MediaID(try row.get("id", as: Int64.self)), file: file)
    }
}
