import Logging
import MastheadCore
import PostgresNIO

/// The schema, as versioned steps with the same identifiers as SQLite's. Never
/// edit a step that has shipped: add a new one. Each step is a list of single
/// statements (the extended protocol runs one statement per query).
enum PostgresMigrations {
    static let steps: [(id: String, statements: [String])] = [
        (
            "0001_reader_site",
            [
                """
                CREATE TABLE section (
                    id BIGSERIAL PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL DEFAULT 0)
                """,
                "CREATE TABLE tag (id BIGSERIAL PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL)",
                """
                CREATE TABLE author (
                    id BIGSERIAL PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL, bio TEXT NOT NULL DEFAULT '',
                    photo_url TEXT, role TEXT NOT NULL DEFAULT '')
                """,
                """
                CREATE TABLE article (
                    id BIGSERIAL PRIMARY KEY, slug TEXT NOT NULL UNIQUE, headline TEXT NOT NULL,
                    standfirst TEXT NOT NULL DEFAULT '', teaser TEXT NOT NULL DEFAULT '',
                    section_id BIGINT NOT NULL REFERENCES section(id),
                    lead_image_url TEXT, lead_image_alt TEXT NOT NULL DEFAULT '', lead_image_credit TEXT NOT NULL DEFAULT '',
                    lead_image_caption TEXT NOT NULL DEFAULT '', lead_image_width INTEGER, lead_image_height INTEGER,
                    body_markdown TEXT NOT NULL, body_html TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'scheduled', 'published', 'unpublished')),
                    published_at DOUBLE PRECISION, updated_at DOUBLE PRECISION,
                    rights_override TEXT, seo_title TEXT, seo_description TEXT)
                """,
                "CREATE INDEX article_by_publication ON article (status, published_at DESC)",
                "CREATE INDEX article_by_section ON article (section_id, status, published_at DESC)",
                """
                CREATE TABLE article_author (
                    article_id BIGINT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    author_id BIGINT NOT NULL REFERENCES author(id), position INTEGER NOT NULL,
                    PRIMARY KEY (article_id, author_id))
                """,
                "CREATE INDEX article_author_by_author ON article_author (author_id, article_id)",
                """
                CREATE TABLE article_tag (
                    article_id BIGINT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    tag_id BIGINT NOT NULL REFERENCES tag(id), position INTEGER NOT NULL,
                    PRIMARY KEY (article_id, tag_id))
                """,
                "CREATE INDEX article_tag_by_tag ON article_tag (tag_id, article_id)",
                """
                CREATE TABLE correction (
                    id BIGSERIAL PRIMARY KEY, article_id BIGINT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('correction', 'update')), note TEXT NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL)
                """,
                "CREATE INDEX correction_by_article ON correction (article_id)",
                """
                CREATE TABLE article_views_hourly (
                    article_id BIGINT NOT NULL, hour BIGINT NOT NULL, views BIGINT NOT NULL, PRIMARY KEY (article_id, hour))
                """,
                "CREATE INDEX article_views_by_hour ON article_views_hourly (hour)",
                "CREATE TABLE site_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                """
                CREATE TABLE curated_item (
                    list TEXT NOT NULL, position INTEGER NOT NULL,
                    article_id BIGINT NOT NULL REFERENCES article(id) ON DELETE CASCADE, PRIMARY KEY (list, position))
                """,
                // Every write to what reader pages show bumps one counter, in the same transaction,
                // so every instance notices changes made by any other within its poll interval.
                // Row-level, as in SQLite: a statement-level trigger also fires for an UPDATE that
                // changes nothing (the scheduler's every tick), which dropped every cache each second.
                "CREATE TABLE content_revision (value BIGINT NOT NULL)",
                "INSERT INTO content_revision VALUES (0)",
                """
                CREATE FUNCTION masthead_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE content_revision SET value = value + 1; RETURN NULL; END $$
                """,
            ]
                + ["section", "tag", "author", "article", "article_author", "article_tag", "correction", "site_setting", "curated_item"].map {
                    """
                    CREATE TRIGGER \($0)_revision AFTER INSERT OR UPDATE OR DELETE ON \($0)
                    FOR EACH ROW EXECUTE FUNCTION masthead_bump_revision()
                    """
                }
        ),
        (
            "0002_newsroom",
            [
                """
                CREATE TABLE account (
                    id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'contributor')),
                    password_hash TEXT NOT NULL, author_id BIGINT REFERENCES author(id), disabled BOOLEAN NOT NULL DEFAULT FALSE)
                """,
                """
                CREATE TABLE session (
                    id_hash TEXT PRIMARY KEY, account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, last_seen_at DOUBLE PRECISION NOT NULL)
                """,
                "CREATE INDEX session_by_account ON session (account_id)",
                """
                CREATE TABLE api_token (
                    token_hash TEXT PRIMARY KEY, account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    label TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
                """,
                """
                CREATE TABLE article_revision (
                    id BIGSERIAL PRIMARY KEY, article_id BIGINT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL, account_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
                    saved_at DOUBLE PRECISION NOT NULL, snapshot TEXT NOT NULL, UNIQUE (article_id, number))
                """,
                "ALTER TABLE article ADD COLUMN created_by BIGINT REFERENCES account(id) ON DELETE SET NULL",
                "CREATE INDEX article_scheduled ON article (published_at) WHERE status = 'scheduled'",
            ]
        ),
        (
            "0003_media_library",
            [
                """
                CREATE TABLE media_asset (
                    id BIGSERIAL PRIMARY KEY, path TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('jpeg', 'png', 'webp', 'gif')),
                    width INTEGER NOT NULL, height INTEGER NOT NULL, bytes BIGINT NOT NULL, alt TEXT NOT NULL, credit TEXT NOT NULL,
                    caption TEXT NOT NULL DEFAULT '', rights_holder TEXT, licence_expires DOUBLE PRECISION,
                    uploaded_by BIGINT REFERENCES account(id) ON DELETE SET NULL, uploaded_at DOUBLE PRECISION NOT NULL)
                """,
                "CREATE INDEX media_by_upload ON media_asset (uploaded_at DESC)",
            ]
        ),
        (
            "0004_tag_redirects",
            [
                "CREATE TABLE tag_redirect (old_slug TEXT PRIMARY KEY, tag_id BIGINT NOT NULL REFERENCES tag(id) ON DELETE CASCADE)",
                """
                CREATE TRIGGER tag_redirect_revision AFTER INSERT ON tag_redirect
                FOR EACH ROW EXECUTE FUNCTION masthead_bump_revision()
                """,
            ]
        ),
        ("0005_dateline_zone", ["ALTER TABLE article ADD COLUMN dateline_zone TEXT"]),
        (
            "0006_webhooks",
            [
                "CREATE TABLE webhook (id BIGSERIAL PRIMARY KEY, url TEXT NOT NULL, secret TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)",
                """
                CREATE TABLE webhook_delivery (
                    id BIGSERIAL PRIMARY KEY, webhook_id BIGINT NOT NULL REFERENCES webhook(id) ON DELETE CASCADE,
                    event TEXT NOT NULL, payload TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0, last_result TEXT, created_at DOUBLE PRECISION NOT NULL,
                    next_attempt_at DOUBLE PRECISION NOT NULL)
                """,
                "CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'pending'",
            ]
        ),
        (
            "0007_audience_rollups",
            [
                """
                CREATE TABLE article_views_daily (
                    article_id BIGINT NOT NULL, day BIGINT NOT NULL, views BIGINT NOT NULL, PRIMARY KEY (article_id, day))
                """,
                "CREATE INDEX article_views_daily_by_day ON article_views_daily (day)",
                """
                CREATE TABLE article_referrer_daily (
                    article_id BIGINT NOT NULL, day BIGINT NOT NULL, domain TEXT NOT NULL, views BIGINT NOT NULL,
                    PRIMARY KEY (article_id, day, domain))
                """,
                "CREATE INDEX article_referrer_daily_by_day ON article_referrer_daily (day)",
            ]
        ),
        (
            "0008_slug_history",
            ["CREATE TABLE article_slug_history (slug TEXT PRIMARY KEY, article_id BIGINT NOT NULL REFERENCES article(id) ON DELETE CASCADE)"]
        ),
        (
            "0009_search",
            [
                // Weighted like SQLite's BM25 columns: headline A, standfirst B, tags and authors C, body D.
                """
                CREATE TABLE article_search (
                    article_id BIGINT PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
                    document TSVECTOR NOT NULL, headline_document TSVECTOR NOT NULL,
                    headline TEXT NOT NULL, standfirst TEXT NOT NULL, body TEXT NOT NULL)
                """,
                "CREATE INDEX article_search_document ON article_search USING GIN (document)",
            ]
        ),
        (
            "0010_related_articles",
            [
                """
                CREATE TABLE article_related (
                    article_id BIGINT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    related_id BIGINT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL, PRIMARY KEY (article_id, position))
                """
            ]
        ),
        ("0011_headline_search", ["CREATE INDEX article_search_headline ON article_search USING GIN (headline_document)"]),
        (
            "0012_content_notify",
            [
                // Every instance LISTENs on this channel and drops its cached pages at once;
                // PostgreSQL delivers the notification when the writing transaction commits.
                """
                CREATE OR REPLACE FUNCTION masthead_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE content_revision SET value = value + 1; PERFORM pg_notify('masthead_content', ''); RETURN NULL; END $$
                """
            ]
        ),
        (
            "0013_archive",
            [
                "CREATE TABLE import_source (key TEXT PRIMARY KEY, article_id BIGINT NOT NULL REFERENCES article(id) ON DELETE CASCADE)",
                """
                CREATE TABLE legacy_redirect (
                    path TEXT PRIMARY KEY, article_id BIGINT REFERENCES article(id) ON DELETE CASCADE, target TEXT,
                    CHECK ((article_id IS NULL) <> (target IS NULL)))
                """,
                "CREATE INDEX legacy_redirect_by_article ON legacy_redirect (article_id)",
            ]
        ),
        // SQLite rebuilt article_related to work around its own integrity_check; PostgreSQL
        // has nothing to do, and keeps the same migration identifiers.
        ("0014_related_column_order", []),
        (
            "0015_token_lifecycle",
            [
                "ALTER TABLE api_token ADD COLUMN expires_at DOUBLE PRECISION, ADD COLUMN last_used_at DOUBLE PRECISION",
                "CREATE INDEX api_token_by_account ON api_token (account_id)",
            ]
        ),
        (
            "0016_image_renditions",
            [
                """
                ALTER TABLE media_asset ADD COLUMN focal_x DOUBLE PRECISION NOT NULL DEFAULT 0.5,
                    ADD COLUMN focal_y DOUBLE PRECISION NOT NULL DEFAULT 0.5, ADD COLUMN renditions TEXT, ADD COLUMN original_path TEXT,
                    ADD COLUMN from_file TEXT NOT NULL DEFAULT ''
                """,
                "CREATE INDEX media_by_path ON media_asset (path)",
                "CREATE INDEX media_by_licence ON media_asset (licence_expires) WHERE licence_expires IS NOT NULL",
                // Pages print an image's credit and caption and pick its crops: an edit is a content change.
                """
                CREATE TRIGGER media_asset_revision AFTER UPDATE ON media_asset
                    FOR EACH ROW EXECUTE FUNCTION masthead_bump_revision()
                """,
            ]
        ),
        (
            "0017_content_changes_and_image_replacements",
            [
                // What each recorded write touched, so caches drop those pages alone (`ContentChange`).
                """
                CREATE TABLE content_change (
                    id BIGSERIAL PRIMARY KEY, first_revision BIGINT NOT NULL, last_revision BIGINT NOT NULL, keys TEXT NOT NULL)
                """,
                "CREATE INDEX content_change_by_revision ON content_change (last_revision)",
                // The image that takes a withdrawn one's place (its path under media/).
                "ALTER TABLE media_asset ADD COLUMN replacement TEXT",
                // When an ended licence was announced to webhooks (once across instances).
                "ALTER TABLE media_asset ADD COLUMN withdrawal_announced DOUBLE PRECISION",
            ]
        ),
    ]

    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            // Instances starting together take turns; the second finds nothing left to do.
            _ = try await connection.query("SELECT pg_advisory_xact_lock(7261001)", logger: logger).collect()
            _ = try await connection.query(
                "CREATE TABLE IF NOT EXISTS masthead_migration (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                logger: logger
            ).collect()
            let applied = Set(
                try await connection.query("SELECT id FROM masthead_migration", logger: logger).collect().map { try $0.decode(String.self) }
            )
            let known = Set(steps.map(\.id))
            if let unknown = applied.subtracting(known).sorted().first {
                throw MastheadError(
                    .configuration,
                    "The database was written by a newer version of Masthead (migration \(unknown)); upgrade Masthead to open it."
                )
            }
            for step in steps where !applied.contains(step.id) {
                for statement in step.statements {
                    _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).collect()
                }
                _ = try await connection.query("INSERT INTO masthead_migration (id) VALUES (\(step.id))", logger: logger).collect()
            }
        }
    }

    static func applied(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        try await client.query("SELECT id FROM masthead_migration ORDER BY id", logger: logger).collect().map { try $0.decode(String.self) }
    }
}
