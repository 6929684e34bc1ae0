import Foundation
import GRDB
import MastheadCore
import MastheadSQL

/// Turning rows into domain values, and the column lists the queries share.
extension SQLiteArticleStore {
    static let summarySelect = ArticleQueries.summarySelect
    static let articleSelect = ArticleQueries.articleSelect

    static func article(from row: Row, _ db: Database) throws -> Article {
        let id = ArticleID(row["id"])
        let authors = try authors(of: [id], db)[id] ?? []
        let tags = try Row.fetchAll(
            db,
            sql: "SELECT t.id, t.slug, t.name FROM article_tag x JOIN tag t ON t.id = x.tag_id WHERE x.article_id = ? ORDER BY x.position",
            arguments: [id.rawValue]
        ).map { Tag(id: TagID($0["id"]), slug: try slug($0["slug"]), name: $0["name"]) }
        let corrections = try Row.fetchAll(
            db,
            sql: "SELECT kind, note, created_at FROM correction WHERE article_id = ? ORDER BY created_at, id",
            arguments: [id.rawValue]
        ).map { row in
            Correction(
                kind: Correction.Kind(rawValue: row["kind"]) ?? .correction,
                note: row["note"],
                date: Date(timeIntervalSince1970: row["created_at"])
            )
        }
        var article = Article(
            id: id,
            slug: try slug(row["slug"]),
            headline: row["headline"],
            standfirst: row["standfirst"],
            section: try section(from: row),
            authors: authors,
            tags: tags,
            leadImage: leadImage(from: row),
            bodyMarkdown: row["body_markdown"],
            bodyHTML: .stored(row["body_html"]),
            status: ArticleStatus(rawValue: row["status"]) ?? .draft,
            publishedAt: (row["published_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            updatedAt: (row["updated_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            rightsOverride: row["rights_override"],
            seoTitle: row["seo_title"],
            seoDescription: row["seo_description"],
            corrections: corrections,
            createdBy: (row["created_by"] as Int64?).map(AccountID.init)
        )
        article.datelineZone = row["dateline_zone"]
        return article
    }

    static func summaries(from rows: [Row], _ db: Database) throws -> [ArticleSummary] {
        let authorsByArticle = try authors(of: rows.map { ArticleID($0["id"]) }, db)
        return try rows.map { row in
            let id = ArticleID(row["id"])
            return ArticleSummary(
                id: id,
                slug: try slug(row["slug"]),
                headline: row["headline"],
                standfirst: row["standfirst"],
                section: try section(from: row),
                authors: authorsByArticle[id] ?? [],
                leadImage: leadImage(from: row),
                publishedAt: Date(timeIntervalSince1970: row["published_at"] ?? 0),
                teaser: row["teaser"]
            )
        }
    }

    /// The authors of several articles in one query, in byline order.
    static func authors(of articles: [ArticleID], _ db: Database) throws -> [ArticleID: [Author]] {
        guard !articles.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: articles.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT x.article_id, w.id, w.slug, w.name, w.bio, w.photo_url, w.role
                FROM article_author x JOIN author w ON w.id = x.author_id
                WHERE x.article_id IN (\(placeholders)) ORDER BY x.article_id, x.position
                """,
            arguments: StatementArguments(articles.map(\.rawValue))
        )
        var result: [ArticleID: [Author]] = [:]
        for row in rows {
            result[ArticleID(row["article_id"]), default: []].append(try SQLiteTaxonomyStore.author(from: row))
        }
        return result
    }

    static func section(from row: Row) throws -> Section {
        Section(
            id: SectionID(row["section_id"]),
            slug: try slug(row["section_slug"]),
            name: row["section_name"],
            description: row["section_description"],
            position: row["section_position"]
        )
    }

    static func leadImage(from row: Row) -> LeadImage? {
        guard let url: String = row["lead_image_url"] else { return nil }
        return LeadImage(
            url: url,
            alt: row["lead_image_alt"],
            credit: row["lead_image_credit"],
            caption: row["lead_image_caption"],
            width: row["lead_image_width"],
            height: row["lead_image_height"]
        )
    }

    static func slug(_ text: String) throws -> Slug {
        guard let slug = Slug(validating: text) else {
            throw MastheadError(.internalFailure, "The database holds an invalid slug \"\(text)\".")
        }
        return slug
    }
}
