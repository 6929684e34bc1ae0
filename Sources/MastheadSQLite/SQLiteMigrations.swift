import GRDB

/// The schema, as a list of versioned steps. Never edit a step that has shipped:
/// add a new one. PostgreSQL's migrations use the same identifiers.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("0001_reader_site") { db in
            try db.execute(
                sql: """
                    CREATE TABLE section (
                        id INTEGER PRIMARY KEY,
                        slug TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        description TEXT NOT NULL DEFAULT '',
                        position INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE tag (
                        id INTEGER PRIMARY KEY,
                        slug TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL
                    );
                    CREATE TABLE author (
                        id INTEGER PRIMARY KEY,
                        slug TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        bio TEXT NOT NULL DEFAULT '',
                        photo_url TEXT,
                        role TEXT NOT NULL DEFAULT ''
                    );
                    CREATE TABLE article (
                        id INTEGER PRIMARY KEY,
                        slug TEXT NOT NULL UNIQUE,
                        headline TEXT NOT NULL,
                        standfirst TEXT NOT NULL DEFAULT '',
                        teaser TEXT NOT NULL DEFAULT '',
                        section_id INTEGER NOT NULL REFERENCES section(id),
                        lead_image_url TEXT,
                        lead_image_alt TEXT NOT NULL DEFAULT '',
                        lead_image_credit TEXT NOT NULL DEFAULT '',
                        lead_image_caption TEXT NOT NULL DEFAULT '',
                        lead_image_width INTEGER,
                        lead_image_height INTEGER,
                        body_markdown TEXT NOT NULL,
                        body_html TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'scheduled', 'published', 'unpublished')),
                        published_at REAL,
                        updated_at REAL,
                        rights_override TEXT,
                        seo_title TEXT,
                        seo_description TEXT
                    );
                    CREATE INDEX article_by_publication ON article (status, published_at DESC);
                    CREATE INDEX article_by_section ON article (section_id, status, published_at DESC);
                    CREATE TABLE article_author (
                        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        author_id INTEGER NOT NULL REFERENCES author(id),
                        position INTEGER NOT NULL,
                        PRIMARY KEY (article_id, author_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX article_author_by_author ON article_author (author_id, article_id);
                    CREATE TABLE article_tag (
                        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        tag_id INTEGER NOT NULL REFERENCES tag(id),
                        position INTEGER NOT NULL,
                        PRIMARY KEY (article_id, tag_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX article_tag_by_tag ON article_tag (tag_id, article_id);
                    CREATE TABLE correction (
                        id INTEGER PRIMARY KEY,
                        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL CHECK (kind IN ('correction', 'update')),
                        note TEXT NOT NULL,
                        created_at REAL NOT NULL
                    );
                    CREATE INDEX correction_by_article ON correction (article_id);
                    CREATE TABLE article_views_hourly (
                        article_id INTEGER NOT NULL,
                        hour INTEGER NOT NULL,
                        views INTEGER NOT NULL,
                        PRIMARY KEY (article_id, hour)
                    ) WITHOUT ROWID;
                    CREATE INDEX article_views_by_hour ON article_views_hourly (hour);
                    CREATE TABLE site_setting (
                        key TEXT PRIMARY KEY,
                        value TEXT NOT NULL
                    );
                    CREATE TABLE curated_item (
                        list TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        PRIMARY KEY (list, position)
                    );
                    """
            )
            // Every write to what reader pages show bumps one counter, in the same
            // transaction, so a running server notices changes made by the CLI.
            try db.execute(sql: "CREATE TABLE content_revision (value INTEGER NOT NULL); INSERT INTO content_revision VALUES (0);")
            let watched = ["section", "tag", "author", "article", "article_author", "article_tag", "correction", "site_setting", "curated_item"]
            for table in watched {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(
                        sql: """
                            CREATE TRIGGER \(table)_\(event.lowercased())_revision AFTER \(event) ON \(table)
                            BEGIN UPDATE content_revision SET value = value + 1; END;
                            """
                    )
                }
            }
        }
        migrator.registerMigration("0002_newsroom") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                        id INTEGER PRIMARY KEY,
                        email TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'contributor')),
                        password_hash TEXT NOT NULL,
                        author_id INTEGER REFERENCES author(id),
                        disabled INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE session (
                        id_hash TEXT PRIMARY KEY,
                        account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                        csrf_token TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        last_seen_at REAL NOT NULL
                    );
                    CREATE INDEX session_by_account ON session (account_id);
                    CREATE TABLE api_token (
                        token_hash TEXT PRIMARY KEY,
                        account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                        label TEXT NOT NULL,
                        created_at REAL NOT NULL
                    );
                    CREATE TABLE article_revision (
                        id INTEGER PRIMARY KEY,
                        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        number INTEGER NOT NULL,
                        account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
                        saved_at REAL NOT NULL,
                        snapshot TEXT NOT NULL,
                        UNIQUE (article_id, number)
                    );
                    ALTER TABLE article ADD COLUMN created_by INTEGER REFERENCES account(id) ON DELETE SET NULL;
                    CREATE INDEX article_scheduled ON article (published_at) WHERE status = 'scheduled';
                    """
            )
        }
        migrator.registerMigration("0003_media_library") { db in
            try db.execute(
                sql: """
                    CREATE TABLE media_asset (
                        id INTEGER PRIMARY KEY,
                        path TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('jpeg', 'png', 'webp', 'gif')),
                        width INTEGER NOT NULL,
                        height INTEGER NOT NULL,
                        bytes INTEGER NOT NULL,
                        alt TEXT NOT NULL,
                        credit TEXT NOT NULL,
                        caption TEXT NOT NULL DEFAULT '',
                        rights_holder TEXT,
                        licence_expires REAL,
                        uploaded_by INTEGER REFERENCES account(id) ON DELETE SET NULL,
                        uploaded_at REAL NOT NULL
                    );
                    CREATE INDEX media_by_upload ON media_asset (uploaded_at DESC);
                    """
            )
        }
        migrator.registerMigration("0004_tag_redirects") { db in
            try db.execute(
                sql: """
                    CREATE TABLE tag_redirect (
                        old_slug TEXT PRIMARY KEY,
                        tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE
                    );
                    CREATE TRIGGER tag_redirect_insert_revision AFTER INSERT ON tag_redirect
                    BEGIN UPDATE content_revision SET value = value + 1; END;
                    """
            )
        }
        migrator.registerMigration("0005_dateline_zone") { db in
            try db.execute(sql: "ALTER TABLE article ADD COLUMN dateline_zone TEXT")
        }
        migrator.registerMigration("0006_webhooks") { db in
            try db.execute(
                sql: """
                    CREATE TABLE webhook (
                        id INTEGER PRIMARY KEY,
                        url TEXT NOT NULL,
                        secret TEXT NOT NULL,
                        created_at REAL NOT NULL
                    );
                    CREATE TABLE webhook_delivery (
                        id INTEGER PRIMARY KEY,
                        webhook_id INTEGER NOT NULL REFERENCES webhook(id) ON DELETE CASCADE,
                        event TEXT NOT NULL,
                        payload TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        last_result TEXT,
                        created_at REAL NOT NULL,
                        next_attempt_at REAL NOT NULL
                    );
                    CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'pending';
                    """
            )
        }
        migrator.registerMigration("0007_audience_rollups") { db in
            try db.execute(
                sql: """
                    CREATE TABLE article_views_daily (
                        article_id INTEGER NOT NULL,
                        day INTEGER NOT NULL,
                        views INTEGER NOT NULL,
                        PRIMARY KEY (article_id, day)
                    ) WITHOUT ROWID;
                    CREATE INDEX article_views_daily_by_day ON article_views_daily (day);
                    CREATE TABLE article_referrer_daily (
                        article_id INTEGER NOT NULL,
                        day INTEGER NOT NULL,
                        domain TEXT NOT NULL,
                        views INTEGER NOT NULL,
                        PRIMARY KEY (article_id, day, domain)
                    ) WITHOUT ROWID;
                    CREATE INDEX article_referrer_daily_by_day ON article_referrer_daily (day);
                    """
            )
        }
        migrator.registerMigration("0008_slug_history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE article_slug_history (
                        slug TEXT PRIMARY KEY,
                        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE
                    );
                    """
            )
        }
        migrator.registerMigration("0009_search") { db in
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE article_search USING fts5(
                        headline, standfirst, body, tags, authors, tokenize = 'porter unicode61 remove_diacritics 2'
                    );
                    """
            )
            // Filled by 0011, which rebuilds the search indexes with the code of today.
        }
        migrator.registerMigration("0010_related_articles") { db in
            try db.execute(
                sql: """
                    CREATE TABLE article_related (
                        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        related_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (article_id, position)
                    ) WITHOUT ROWID;
                    """
            )
            // Filled by 0011, which needs the headline index it creates.
        }
        migrator.registerMigration("0011_headline_search") { db in
            // Headlines and tags alone, in an index of their own: its word lists are
            // short, so related articles and search's "strong match at any age" pass
            // can read them whole without touching the bodies' long lists.
            // The main index gains prefix indexes for 3 and 4 characters: without them a
            // query such as `stis*` merged the lists of every word starting so, seconds
            // on a 100,000-article archive.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE article_headline_search USING fts5(
                        headline, tags, tokenize = 'porter unicode61 remove_diacritics 2'
                    );
                    DROP TABLE article_search;
                    CREATE VIRTUAL TABLE article_search USING fts5(
                        headline, standfirst, body, tags, authors, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3 4'
                    );
                    """
            )
            // Indexing and related articles run with the code of the day: the last step
            // that changes what they read brings every published article up to date.
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM article WHERE status = 'published' ORDER BY id") {
                try SQLiteSearchIndex.index(id, db)
            }
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM article WHERE status = 'published' ORDER BY id") {
                try SQLiteRelatedArticles.compute(for: id, db)
            }
        }
        migrator.registerMigration("0012_content_notify") { _ in
            // PostgreSQL's instances are told of content changes by NOTIFY from this step on;
            // SQLite's readers go on watching `content_revision`. Kept so both engines
            // carry the same migration identifiers.
        }
        migrator.registerMigration("0013_archive") { db in
            try db.execute(
                sql: """
                    CREATE TABLE import_source (
                        key TEXT PRIMARY KEY,
                        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE
                    );
                    CREATE TABLE legacy_redirect (
                        path TEXT PRIMARY KEY,
                        article_id INTEGER REFERENCES article(id) ON DELETE CASCADE,
                        target TEXT,
                        CHECK ((article_id IS NULL) <> (target IS NULL))
                    );
                    CREATE INDEX legacy_redirect_by_article ON legacy_redirect (article_id);
                    """
            )
        }
        migrator.registerMigration("0014_related_column_order") { db in
            // SQLite 3.40's integrity_check misreads NOT NULL columns of a WITHOUT ROWID
            // table whose primary key is not its leading columns, and reported every row
            // of article_related as holding a NULL. The same table with its key first
            // checks clean, so an operator's `PRAGMA integrity_check` says "ok".
            try db.execute(
                sql: """
                    CREATE TABLE article_related_keyed (
                        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        related_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        PRIMARY KEY (article_id, position)
                    ) WITHOUT ROWID;
                    INSERT INTO article_related_keyed (article_id, position, related_id)
                        SELECT article_id, position, related_id FROM article_related;
                    DROP TABLE article_related;
                    ALTER TABLE article_related_keyed RENAME TO article_related;
                    """
            )
        }
        migrator.registerMigration("0015_token_lifecycle") { db in
            // Tokens made before expiry existed keep working until revoked: nobody was told of a date.
            try db.execute(
                sql: """
                    ALTER TABLE api_token ADD COLUMN expires_at REAL;
                    ALTER TABLE api_token ADD COLUMN last_used_at REAL;
                    CREATE INDEX api_token_by_account ON api_token (account_id);
                    """
            )
        }
        migrator.registerMigration("0016_image_renditions") { db in
            // Older images crop around their centre and keep their file where it is until
            // `masthead media rebuild` makes their renditions and moves the original away.
            try db.execute(
                sql: """
                    ALTER TABLE media_asset ADD COLUMN focal_x REAL NOT NULL DEFAULT 0.5;
                    ALTER TABLE media_asset ADD COLUMN focal_y REAL NOT NULL DEFAULT 0.5;
                    ALTER TABLE media_asset ADD COLUMN renditions TEXT;
                    ALTER TABLE media_asset ADD COLUMN original_path TEXT;
                    ALTER TABLE media_asset ADD COLUMN from_file TEXT NOT NULL DEFAULT '';
                    CREATE INDEX media_by_path ON media_asset (path);
                    CREATE INDEX media_by_licence ON media_asset (licence_expires) WHERE licence_expires IS NOT NULL;
                    CREATE TRIGGER media_asset_update_revision AFTER UPDATE ON media_asset
                    BEGIN UPDATE content_revision SET value = value + 1; END;
                    """
            )
        }
        migrator.registerMigration("0017_content_changes_and_image_replacements") { db in
            // What each recorded write touched, so caches drop those pages alone (`ContentChange`).
            try db.execute(
                sql: """
                    CREATE TABLE content_change (
                        id INTEGER PRIMARY KEY,
                        first_revision INTEGER NOT NULL,
                        last_revision INTEGER NOT NULL,
                        keys TEXT NOT NULL
                    );
                    CREATE INDEX content_change_by_revision ON content_change (last_revision);
                    ALTER TABLE media_asset ADD COLUMN replacement TEXT;
                    ALTER TABLE media_asset ADD COLUMN withdrawal_announced REAL;
                    """
            )
        }
        return migrator
    }
}
