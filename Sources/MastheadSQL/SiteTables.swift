/// The tables `masthead transfer` copies, parents before children, with each
/// column's kind (both engines store the same columns; SQLite keeps booleans as
/// integers). The search index is rebuilt on the target instead of copied, and
/// `content_revision` is the target's own.
public enum SiteTables {
    public enum Kind: Sendable {
        case integer, real, text, boolean
    }

    public struct Table: Sendable {
        public var name: String
        public var columns: [(name: String, kind: Kind)]
        /// Its `BIGSERIAL` id, whose PostgreSQL sequence must move past the copied ids.
        public var hasSerialID: Bool
        public var orderBy: String
    }

    static func table(_ name: String, _ columns: [(String, Kind)], serial: Bool = true, orderBy: String = "id") -> Table {
        Table(name: name, columns: columns.map { (name: $0.0, kind: $0.1) }, hasSerialID: serial, orderBy: orderBy)
    }

    public static let all: [Table] = [
        table("section", [("id", .integer), ("slug", .text), ("name", .text), ("description", .text), ("position", .integer)]),
        table("tag", [("id", .integer), ("slug", .text), ("name", .text)]),
        table("author", [("id", .integer), ("slug", .text), ("name", .text), ("bio", .text), ("photo_url", .text), ("role", .text)]),
        table(
            "account",
            [
                ("id", .integer), ("email", .text), ("name", .text), ("role", .text), ("password_hash", .text), ("author_id", .integer),
                ("disabled", .boolean),
            ]
        ),
        table(
            "article",
            [
                ("id", .integer), ("slug", .text), ("headline", .text), ("standfirst", .text), ("teaser", .text), ("section_id", .integer),
                ("lead_image_url", .text), ("lead_image_alt", .text), ("lead_image_credit", .text), ("lead_image_caption", .text),
                ("lead_image_width", .integer), ("lead_image_height", .integer), ("body_markdown", .text), ("body_html", .text),
                ("status", .text), ("published_at", .real), ("updated_at", .real), ("rights_override", .text), ("seo_title", .text),
                ("seo_description", .text), ("created_by", .integer), ("dateline_zone", .text),
            ]
        ),
        table(
            "article_author",
            [("article_id", .integer), ("author_id", .integer), ("position", .integer)],
            serial: false,
            orderBy: "article_id, author_id"
        ),
        table("article_tag", [("article_id", .integer), ("tag_id", .integer), ("position", .integer)], serial: false, orderBy: "article_id, tag_id"),
        table("correction", [("id", .integer), ("article_id", .integer), ("kind", .text), ("note", .text), ("created_at", .real)]),
        table("curated_item", [("list", .text), ("position", .integer), ("article_id", .integer)], serial: false, orderBy: "list, position"),
        table("site_setting", [("key", .text), ("value", .text)], serial: false, orderBy: "key"),
        table(
            "article_views_hourly",
            [("article_id", .integer), ("hour", .integer), ("views", .integer)],
            serial: false,
            orderBy: "article_id, hour"
        ),
        table("article_views_daily", [("article_id", .integer), ("day", .integer), ("views", .integer)], serial: false, orderBy: "article_id, day"),
        table(
            "article_referrer_daily",
            [("article_id", .integer), ("day", .integer), ("domain", .text), ("views", .integer)],
            serial: false,
            orderBy: "article_id, day, domain"
        ),
        table(
            "session",
            [("id_hash", .text), ("account_id", .integer), ("csrf_token", .text), ("created_at", .real), ("last_seen_at", .real)],
            serial: false,
            orderBy: "id_hash"
        ),
        table(
            "api_token",
            [("token_hash", .text), ("account_id", .integer), ("label", .text), ("created_at", .real)],
            serial: false,
            orderBy: "token_hash"
        ),
        table(
            "article_revision",
            [("id", .integer), ("article_id", .integer), ("number", .integer), ("account_id", .integer), ("saved_at", .real), ("snapshot", .text)]
        ),
        table(
            "media_asset",
            [
                ("id", .integer), ("path", .text), ("kind", .text), ("width", .integer), ("height", .integer), ("bytes", .integer), ("alt", .text),
                ("credit", .text), ("caption", .text), ("rights_holder", .text), ("licence_expires", .real), ("uploaded_by", .integer),
                ("uploaded_at", .real), ("focal_x", .real), ("focal_y", .real), ("renditions", .text), ("original_path", .text),
                ("from_file", .text), ("replacement", .text),
            ]
        ),
        table("tag_redirect", [("old_slug", .text), ("tag_id", .integer)], serial: false, orderBy: "old_slug"),
        table("webhook", [("id", .integer), ("url", .text), ("secret", .text), ("created_at", .real)]),
        table(
            "webhook_delivery",
            [
                ("id", .integer), ("webhook_id", .integer), ("event", .text), ("payload", .text), ("state", .text), ("attempts", .integer),
                ("last_result", .text), ("created_at", .real), ("next_attempt_at", .real),
            ]
        ),
        table("article_slug_history", [("slug", .text), ("article_id", .integer)], serial: false, orderBy: "slug"),
        table(
            "article_related",
            [("article_id", .integer), ("related_id", .integer), ("position", .integer)],
            serial: false,
            orderBy: "article_id, position"
        ),
        table("import_source", [("key", .text), ("article_id", .integer)], serial: false, orderBy: "key"),
        table("legacy_redirect", [("path", .text), ("article_id", .integer), ("target", .text)], serial: false, orderBy: "path"),
    ]

    /// The SELECT of a whole table in key order; `casts` makes PostgreSQL answer in
    /// the types `TableValue` reads. Only this file's own names are spliced in.
    public static func selectSQL(_ table: Table, casts: Bool) -> String {
        let columns = table.columns.map { column in
            guard casts else { return column.name }
            return switch column.kind {
            case .integer: "\(column.name)::bigint"
            case .real: "\(column.name)::float8"
            case .text: column.name
            case .boolean: "\(column.name)::boolean"
            }
        }
        return "SELECT \(columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.orderBy)"
    }
}

/// One value of a copied row, whichever engine it came from.
public enum TableValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)

    /// A stable text form for the transfer's checksum, the same on both engines.
    public var canonical: String {
        switch self {
        case .null: "∅"
        case .integer(let value): "i\(value)"
        case .real(let value): "r\(value.bitPattern)"
        case .text(let value): "t\(value.utf8.count):\(value)"
        case .boolean(let value): value ? "b1" : "b0"
        }
    }
}

/// Raw access to `SiteTables`, for copying a whole site between engines; each
/// engine implements it with its own driver, so the copy itself holds no SQL.
public protocol TableCopying: Sendable {
    /// Empties the table (a fresh site's default rows give way to the copy).
    func clear(_ table: SiteTables.Table) async throws
    /// Up to `limit` rows from `offset`, in the table's key order.
    func rows(of table: SiteTables.Table, offset: Int, limit: Int) async throws -> [[TableValue]]
    func insert(_ rows: [[TableValue]], into table: SiteTables.Table) async throws
    func count(_ table: SiteTables.Table) async throws -> Int
    /// After the copy: whatever the engine keeps beside the rows (PostgreSQL's id sequences).
    func finishCopy() async throws
}
