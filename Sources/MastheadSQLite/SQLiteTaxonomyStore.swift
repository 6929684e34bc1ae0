import GRDB
import MastheadCore

/// Sections, tags and authors in SQLite; values always bound.
struct SQLiteTaxonomyStore: TaxonomyStore {
    let pool: DatabasePool

    func sections() async throws -> [Section] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT id AS section_id, slug AS section_slug, name AS section_name, description AS section_description, position AS section_position FROM section ORDER BY position, name"
            ).map(SQLiteArticleStore.section(from:))
        }
    }

    func section(slug: Slug) async throws -> Section? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT id AS section_id, slug AS section_slug, name AS section_name, description AS section_description, position AS section_position FROM section WHERE slug = ?",
                arguments: [slug.rawValue]
            ).map(SQLiteArticleStore.section(from:))
        }
    }

    func saveSection(slug: Slug, name: String, description: String, position: Int) async throws -> Section {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO section (slug, name, description, position) VALUES (?, ?, ?, ?)
                    ON CONFLICT (slug) DO UPDATE SET name = excluded.name, description = excluded.description, position = excluded.position
                    """,
                arguments: [slug.rawValue, name, description, position]
            )
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM section WHERE slug = ?", arguments: [slug.rawValue]) ?? 0
            return Section(id: SectionID(id), slug: slug, name: name, description: description, position: position)
        }
    }

    func tag(slug: Slug) async throws -> Tag? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, slug, name FROM tag WHERE slug = ?", arguments: [slug.rawValue]).map { row in
                Tag(id: TagID(row["id"]), slug: slug, name: row["name"])
            }
        }
    }

    func findOrCreateTag(slug: Slug, name: String) async throws -> Tag {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO tag (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING", arguments: [slug.rawValue, name])
            let row = try Row.fetchOne(db, sql: "SELECT id, name FROM tag WHERE slug = ?", arguments: [slug.rawValue])
            guard let row else { throw MastheadError(.internalFailure, "The tag \(slug) vanished while being created.") }
            return Tag(id: TagID(row["id"]), slug: slug, name: row["name"])
        }
    }

    func tags() async throws -> [Tag] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, slug, name FROM tag ORDER BY name").map { row in
                Tag(id: TagID(row["id"]), slug: try SQLiteArticleStore.slug(row["slug"]), name: row["name"])
            }
        }
    }

    func renameTag(_ tag: TagID, name: String, slug: Slug) async throws -> Tag {
        do {
            return try await pool.write { db in
                guard let old = try String.fetchOne(db, sql: "SELECT slug FROM tag WHERE id = ?", arguments: [tag.rawValue]) else {
                    throw MastheadError(.notFound, "There is no such tag.")
                }
                try db.execute(sql: "UPDATE tag SET name = ?, slug = ? WHERE id = ?", arguments: [name, slug.rawValue, tag.rawValue])
                if old != slug.rawValue {
                    try db.execute(sql: "DELETE FROM tag_redirect WHERE old_slug = ?", arguments: [slug.rawValue])
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO tag_redirect (old_slug, tag_id) VALUES (?, ?)",
                        arguments: [old, tag.rawValue]
                    )
                }
                return Tag(id: tag, slug: slug, name: name)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw MastheadError(.conflict, "Another tag already uses the slug \"\(slug)\"; merge them instead.", underlying: error)
        }
    }

    func mergeTag(_ source: TagID, into target: TagID) async throws {
        guard source != target else { throw MastheadError(.invalidInput, "A tag cannot be merged into itself.") }
        try await pool.write { db in
            guard let slug = try String.fetchOne(db, sql: "SELECT slug FROM tag WHERE id = ?", arguments: [source.rawValue]),
                try Bool.fetchOne(db, sql: "SELECT 1 FROM tag WHERE id = ?", arguments: [target.rawValue]) != nil
            else { throw MastheadError(.notFound, "There is no such tag.") }
            // Articles that carry both keep one; the rest move over in place.
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO article_tag (article_id, tag_id, position)
                    SELECT article_id, ?, position FROM article_tag WHERE tag_id = ?
                    """,
                arguments: [target.rawValue, source.rawValue]
            )
            try db.execute(sql: "DELETE FROM article_tag WHERE tag_id = ?", arguments: [source.rawValue])
            try db.execute(sql: "UPDATE tag_redirect SET tag_id = ? WHERE tag_id = ?", arguments: [target.rawValue, source.rawValue])
            try db.execute(sql: "DELETE FROM tag WHERE id = ?", arguments: [source.rawValue])
            try db.execute(sql: "INSERT OR REPLACE INTO tag_redirect (old_slug, tag_id) VALUES (?, ?)", arguments: [slug, target.rawValue])
        }
    }

    func tagRedirect(from slug: Slug) async throws -> Slug? {
        try await pool.read { db in
            try String.fetchOne(
                db,
                sql: "SELECT t.slug FROM tag_redirect r JOIN tag t ON t.id = r.tag_id WHERE r.old_slug = ?",
                arguments: [slug.rawValue]
            ).flatMap(Slug.init(validating:))
        }
    }

    func authors() async throws -> [Author] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, slug, name, bio, photo_url, role FROM author ORDER BY name").map(Self.author(from:))
        }
    }

    func author(slug: Slug) async throws -> Author? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, slug, name, bio, photo_url, role FROM author WHERE slug = ?", arguments: [slug.rawValue])
                .map(Self.author(from:))
        }
    }

    func saveAuthor(slug: Slug, name: String, bio: String, photoURL: String?, role: String) async throws -> Author {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO author (slug, name, bio, photo_url, role) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (slug) DO UPDATE SET name = excluded.name, bio = excluded.bio, photo_url = excluded.photo_url, role = excluded.role
                    """,
                arguments: [slug.rawValue, name, bio, photoURL, role]
            )
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM author WHERE slug = ?", arguments: [slug.rawValue]) ?? 0
            return Author(id: AuthorID(id), slug: slug, name: name, bio: bio, photoURL: photoURL, role: role)
        }
    }

    static func author(from row: Row) throws -> Author {
        Author(
            id: AuthorID(row["id"]),
            slug: try SQLiteArticleStore.slug(row["slug"]),
            name: row["name"],
            bio: row["bio"],
            photoURL: row["photo_url"],
            role: row["role"]
        )
    }
}
