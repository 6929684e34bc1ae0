/// The tables `masthead transfer` copies, parents before children, with each
/// column's kind (both engines store the same columns; SQLite keeps booleans as
/// integers). The search index is rebuilt on the target instead of copied, and
/// `content_revision` is the target's own.
enum TransferTables {
    enum Kind {
        case integer, real, text, boolean
    }

    struct Table {
        var name: String
        var columns: [(name: String, kind: Kind)]
        /// Its `BIGSERIAL` id, whose PostgreSQL sequence must move past the copied ids.
        var hasSerialID: Bool
        var orderBy: String
    }

    static func table(_ name: String, _ columns: [(String, Kind)], serial: Bool = true, orderBy: String = "id") -> Table {
        Table(name: name, columns: columns.map { (name: $0.0, kind: $0.1) }, hasSerialID: serial, orderBy: orderBy)
    }

    static let all: [Table] = [
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
                ("uploaded_at", .real),
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
}
