import MastheadCore
import PostgresNIO

/// Sections, tags and authors.
struct PostgresTaxonomyStore: TaxonomyStore {
    let db: PostgresPool

    func sections() async throws -> [Section] {
        try await db.rows(
            """
            SELECT id AS section_id, slug AS section_slug, name AS section_name, description AS section_description,
                position AS section_position FROM section ORDER BY position, name
            """
        ).map(PostgresRows.section(from:))
    }

    func section(slug: Slug) async throws -> Section? {
        try await db.one(
            """
            SELECT id AS section_id, slug AS section_slug, name AS section_name, description AS section_description,
                position AS section_position FROM section WHERE slug = \(slug.rawValue)
            """
        ).map(PostgresRows.section(from:))
    }

    func saveSection(slug: Slug, name: String, description: String, position: Int) async throws -> Section {
        let id = try await db.value(
            """
            INSERT INTO section (slug, name, description, position) VALUES (\(slug.rawValue), \(name), \(description), \(position))
            ON CONFLICT (slug) DO UPDATE SET name = excluded.name, description = excluded.description, position = excluded.position
            RETURNING id
            """,
            as: Int64.self
        )
        return Section(id: SectionID(id ?? 0), slug: slug, name: name, description: description, position: position)
    }

    func tag(slug: Slug) async throws -> Tag? {
        try await db.one("SELECT id, name FROM tag WHERE slug = \(slug.rawValue)").map { row in
            Tag(id: TagID(try row.get("id", as: Int64.self)), slug: slug, name: try row.get("name"))
        }
    }

    func findOrCreateTag(slug: Slug, name: String) async throws -> Tag {
        // The no-op update makes RETURNING answer for an existing tag too.
        guard
            let row = try await db.one(
                """
                INSERT INTO tag (slug, name) VALUES (\(slug.rawValue), \(name))
                ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id, name
                """
            )
        else { throw MastheadError(.internalFailure, "The tag \(slug) vanished while being created.") }
        return Tag(id: TagID(try row.get("id", as: Int64.self)), slug: slug, name: try row.get("name"))
    }

    func tags() async throws -> [Tag] {
        try await db.rows("SELECT id, slug, name FROM tag ORDER BY name").map { row in
            Tag(id: TagID(try row.get("id", as: Int64.self)), slug: try PostgresRows.slug(row.get("slug")), name: try row.get("name"))
        }
    }

    func renameTag(_ tag: TagID, name: String, slug: Slug) async throws -> Tag {
        do {
            return try await db.transaction { tx in
                guard let old = try await tx.value("SELECT slug FROM tag WHERE id = \(tag.rawValue) FOR UPDATE", as: String.self) else {
                    throw MastheadError(.notFound, "There is no such tag.")
                }
                try await tx.run("UPDATE tag SET name = \(name), slug = \(slug.rawValue) WHERE id = \(tag.rawValue)")
                if old != slug.rawValue {
                    try await tx.run("DELETE FROM tag_redirect WHERE old_slug = \(slug.rawValue)")
                    try await tx.run(
                        """
                        INSERT INTO tag_redirect (old_slug, tag_id) VALUES (\(old), \(tag.rawValue))
                        ON CONFLICT (old_slug) DO UPDATE SET tag_id = excluded.tag_id
                        """
                    )
                }
                return Tag(id: tag, slug: slug, name: name)
            }
        } catch let error as MastheadError where error.code == .conflict {
            throw MastheadError(.conflict, "Another tag already uses the slug \"\(slug)\"; merge them instead.", underlying: error)
        }
    }

    func mergeTag(_ source: TagID, into target: TagID) async throws {
        guard source != target else { throw MastheadError(.invalidInput, "A tag cannot be merged into itself.") }
        try await db.transaction { tx in
            guard let slug = try await tx.value("SELECT slug FROM tag WHERE id = \(source.rawValue) FOR UPDATE", as: String.self),
                try await tx.one("SELECT 1 FROM tag WHERE id = \(target.rawValue)") != nil
            else { throw MastheadError(.notFound, "There is no such tag.") }
            // Articles that carry both keep one; the rest move over in place.
            try await tx.run(
                """
                INSERT INTO article_tag (article_id, tag_id, position)
                SELECT article_id, \(target.rawValue), position FROM article_tag WHERE tag_id = \(source.rawValue)
                ON CONFLICT DO NOTHING
                """
            )
            try await tx.run("DELETE FROM article_tag WHERE tag_id = \(source.rawValue)")
            try await tx.run("UPDATE tag_redirect SET tag_id = \(target.rawValue) WHERE tag_id = \(source.rawValue)")
            try await tx.run("DELETE FROM tag WHERE id = \(source.rawValue)")
            try await tx.run(
                """
                INSERT INTO tag_redirect (old_slug, tag_id) VALUES (\(slug), \(target.rawValue))
                ON CONFLICT (old_slug) DO UPDATE SET tag_id = excluded.tag_id
                """
            )
        }
    }

    func tagRedirect(from slug: Slug) async throws -> Slug? {
        try await db.value(
            "SELECT t.slug FROM tag_redirect r JOIN tag t ON t.id = r.tag_id WHERE r.old_slug = \(slug.rawValue)",
            as: String.self
        ).flatMap(Slug.init(validating:))
    }

    func authors() async throws -> [Author] {
        try await db.rows("SELECT id, slug, name, bio, photo_url, role FROM author ORDER BY name").map(PostgresRows.author(from:))
    }

    func author(slug: Slug) async throws -> Author? {
        try await db.one("SELECT id, slug, name, bio, photo_url, role FROM author WHERE slug = \(slug.rawValue)").map(PostgresRows.author(from:))
    }

    func saveAuthor(slug: Slug, name: String, bio: String, photoURL: String?, role: String) async throws -> Author {
        let id = try await db.value(
            """
            INSERT INTO author (slug, name, bio, photo_url, role) VALUES (\(slug.rawValue), \(name), \(bio), \(photoURL), \(role))
            ON CONFLICT (slug) DO UPDATE SET name = excluded.name, bio = excluded.bio, photo_url = excluded.photo_url, role = excluded.role
            RETURNING id
            """,
            as: Int64.self
        )
        return Author(id: AuthorID(id ?? 0), slug: slug, name: name, bio: bio, photoURL: photoURL, role: role)
    }
}
