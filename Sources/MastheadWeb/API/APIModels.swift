import Foundation
import MastheadCore

/// What the API sends and accepts. Field names are the API's contract (see
/// `OpenAPIDocument`); domain types never go over the wire directly.
enum APIModels {
    struct Reference: Codable, Sendable {
        var id: Int64
        var slug: String
        var name: String
    }

    struct Image: Codable, Sendable {
        var url: String
        var alt: String
        var credit: String
        var caption: String?
    }

    struct Note: Codable, Sendable {
        var kind: String
        var text: String
        var date: Date?
    }

    struct Article: Codable, Sendable {
        var id: Int64
        var slug: String
        var headline: String
        var standfirst: String
        var status: String
        var section: Reference
        var authors: [Reference]
        var tags: [String]
        var leadImage: Image?
        var body: String
        var rightsOverride: String?
        var datelineZone: String?
        var publishedAt: Date?
        var updatedAt: Date?
        var url: String?
        var corrections: [Note]

        init(_ article: MastheadCore.Article, formatter: SiteDateFormatter, baseURL: String) {
            id = article.id.rawValue
            slug = article.slug.rawValue
            headline = article.headline
            standfirst = article.standfirst
            status = article.status.rawValue
            section = Reference(id: article.section.id.rawValue, slug: article.section.slug.rawValue, name: article.section.name)
            authors = article.authors.map { Reference(id: $0.id.rawValue, slug: $0.slug.rawValue, name: $0.name) }
            tags = article.tags.map(\.name)
            leadImage = article.leadImage.map { Image(url: $0.url, alt: $0.alt, credit: $0.credit, caption: $0.caption) }
            body = article.bodyMarkdown
            rightsOverride = article.rightsOverride
            datelineZone = article.datelineZone
            publishedAt = article.publishedAt
            updatedAt = article.updatedAt
            if article.status == .published, let published = article.publishedAt {
                url = SiteURL.article(article.slug, publishedAt: published, formatter: formatter).absolute(base: baseURL)
            }
            corrections = article.corrections.map { Note(kind: $0.kind.rawValue, text: $0.note, date: $0.date) }
        }
    }

    struct ArticleList: Codable, Sendable {
        var items: [ListedArticle]
        var page: Int
        var perPage: Int
        var total: Int
    }

    struct ListedArticle: Codable, Sendable {
        var id: Int64
        var slug: String
        var headline: String
        var status: String
        var section: String
        var authors: [String]
        var publishedAt: Date?
    }

    /// A create or update. Fields the server owns (id, createdBy, times it settles
    /// itself) are not part of it, so sending them changes nothing.
    struct ArticleWrite: Codable, Sendable {
        var headline: String
        var standfirst: String?
        var slug: String?
        var sectionId: Int64
        var authorIds: [Int64]
        var tags: [String]?
        var leadImage: Image?
        var body: String
        var rightsOverride: String?
        var seoTitle: String?
        var seoDescription: String?
        var datelineZone: String?
        var status: String?
        var publishAt: Date?
        var note: Note?
    }

    struct Section: Codable, Sendable {
        var id: Int64
        var slug: String
        var name: String
        var description: String
    }

    struct Author: Codable, Sendable {
        var id: Int64
        var slug: String
        var name: String
        var role: String
        var bio: String
    }

    struct Media: Codable, Sendable {
        var id: Int64
        var url: String
        var type: String
        var width: Int
        var height: Int
        var alt: String
        var credit: String
        var caption: String
        var licenceExpires: Date?
    }
}
