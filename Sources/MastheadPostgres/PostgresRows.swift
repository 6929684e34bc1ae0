import Foundation
import MastheadCore
import MastheadSQL
import PostgresNIO

/// Turning rows into domain values, and the column lists the article queries share.
enum PostgresRows {
    static let summarySelect = ArticleQueries.summarySelect

    /// One article with its authors, tags and corrections in one statement, so one
    /// round trip and one snapshot: separate reads could see a save half-way (its new
    /// headline with its old tags).
    static let wholeArticleSelect = """
        SELECT \(ArticleQueries.summaryColumns), a.body_markdown, a.body_html, a.status, a.updated_at, a.rights_override,
            a.seo_title, a.seo_description, a.created_by, a.dateline_zone,
            (SELECT json_agg(json_build_object('id', w.id, 'slug', w.slug, 'name', w.name, 'bio', w.bio, 'photo_url', w.photo_url,
                'role', w.role) ORDER BY x.position)
                FROM article_author x JOIN author w ON w.id = x.author_id WHERE x.article_id = a.id)::text AS authors_json,
            (SELECT json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) ORDER BY x.position)
                FROM article_tag x JOIN tag t ON t.id = x.tag_id WHERE x.article_id = a.id)::text AS tags_json,
            (SELECT json_agg(json_build_object('kind', c.kind, 'note', c.note, 'created_at', c.created_at) ORDER BY c.created_at, c.id)
                FROM correction c WHERE c.article_id = a.id)::text AS corrections_json
        FROM article a JOIN section s ON s.id = a.section_id
        """

    private struct AuthorJSON: Decodable {
        var id: Int64, slug: String, name: String, bio: String, photo_url: String?, role: String
    }

    private struct TagJSON: Decodable {
        var id: Int64, slug: String, name: String
    }

    private struct CorrectionJSON: Decodable {
        var kind: String, note: String, created_at: Double
    }

    private static func decoded<T: Decodable>(_ column: String, of row: PostgresRandomAccessRow, as type: [T].Type) throws -> [T] {
        guard let text = try row.get(column, as: String?.self) else { return [] }  // json_agg of no rows is NULL
        return try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// An article from a row of `wholeArticleSelect`.
    static func article(from row: PostgresRandomAccessRow) throws -> Article {
        let id = ArticleID(try row.get("id", as: Int64.self))
        let authors = try decoded("authors_json", of: row, as: [AuthorJSON].self).map { author in
            Author(
                id: AuthorID(author.id),
                slug: try slug(author.slug),
                name: author.name,
                bio: author.bio,
                photoURL: author.photo_url,
                role: author.role
            )
        }
        let tags = try decoded("tags_json", of: row, as: [TagJSON].self).map { Tag(id: TagID($0.id), slug: try slug($0.slug), name: $0.name) }
        let corrections = try decoded("corrections_json", of: row, as: [CorrectionJSON].self).map { correction in
            Correction(
                kind: Correction.Kind(rawValue: correction.kind) ?? .correction,
                note: correction.note,
                date: Date(timeIntervalSince1970: correction.created_at)
            )
        }
        var article = Article(
            id: id,
            slug: try slug(row.get("slug")),
            headline: try row.get("headline"),
            standfirst: try row.get("standfirst"),
            section: try section(from: row),
            authors: authors,
            tags: tags,
            leadImage: try leadImage(from: row),
            bodyMarkdown: try row.get("body_markdown"),
            bodyHTML: .stored(try row.get("body_html")),
            status: ArticleStatus(rawValue: try row.get("status")) ?? .draft,
            publishedAt: try row.get("published_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            updatedAt: try row.get("updated_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            rightsOverride: try row.get("rights_override"),
            seoTitle: try row.get("seo_title"),
            seoDescription: try row.get("seo_description"),
            corrections: corrections,
            createdBy: try row.get("created_by", as: Int64?.self).map(AccountID.init)
        )
        article.datelineZone = try row.get("dateline_zone")
        return article
    }

    static func summaries(from rows: [PostgresRandomAccessRow], _ db: some StatementRunner) async throws -> [ArticleSummary] {
        let authorsByArticle = try await authors(of: rows.map { ArticleID(try $0.get("id", as: Int64.self)) }, db)
        return try rows.map { row in
            let id = ArticleID(try row.get("id", as: Int64.self))
            return ArticleSummary(
                id: id,
                slug: try slug(row.get("slug")),
                headline: try row.get("headline"),
                standfirst: try row.get("standfirst"),
                section: try section(from: row),
                authors: authorsByArticle[id] ?? [],
                leadImage: try leadImage(from: row),
                publishedAt: Date(timeIntervalSince1970: try row.get("published_at", as: Double?.self) ?? 0),
                teaser: try row.get("teaser")
            )
        }
    }

    /// The authors of several articles in one query, in byline order.
    static func authors(of articles: [ArticleID], _ db: some StatementRunner) async throws -> [ArticleID: [Author]] {
        guard !articles.isEmpty else { return [:] }
        let rows = try await db.rows(
            """
            SELECT x.article_id, w.id, w.slug, w.name, w.bio, w.photo_url, w.role
            FROM article_author x JOIN author w ON w.id = x.author_id
            WHERE x.article_id = ANY(\(articles.map(\.rawValue))) ORDER BY x.article_id, x.position
            """
        )
        var result: [ArticleID: [Author]] = [:]
        for row in rows {
            result[ArticleID(try row.get("article_id", as: Int64.self)), default: []].append(try author(from: row))
        }
        return result
    }

    static func author(from row: PostgresRandomAccessRow) throws -> Author {
        Author(
            id: AuthorID(try row.get("id", as: Int64.self)),
            slug: try slug(row.get("slug")),
            name: try row.get("name"),
            bio: try row.get("bio"),
            photoURL: try row.get("photo_url"),
            role: try row.get("role")
        )
    }

    static func section(from row: PostgresRandomAccessRow) throws -> Section {
        Section(
            id: SectionID(try row.get("section_id", as: Int64.self)),
            slug: try slug(row.get("section_slug")),
            name: try row.get("section_name"),
            description: try row.get("section_description"),
            position: try row.get("section_position")
        )
    }

    static func leadImage(from row: PostgresRandomAccessRow) throws -> LeadImage? {
        guard let url = try row.get("lead_image_url", as: String?.self) else { return nil }
        return LeadImage(
            url: url,
            alt: try row.get("lead_image_alt"),
            credit: try row.get("lead_image_credit"),
            caption: try row.get("lead_image_caption"),
            width: try row.get("lead_image_width"),
            height: try row.get("lead_image_height")
        )
    }

    static func slug(_ text: String) throws -> Slug {
        guard let slug = Slug(validating: text) else {
            throw MastheadError(.internalFailure, "The database holds an invalid slug \"\(text)\".")
        }
        return slug
    }
}
