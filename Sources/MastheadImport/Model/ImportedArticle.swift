import Foundation
import MastheadCore

/// A person credited on an imported article.
public struct ImportedPerson: Sendable, Hashable, Codable {
    public var name: String
    /// The slug to file them under; made from the name when absent.
    public var slug: String?
    public var bio: String
    /// The names the old site used for them in URLs (a WordPress login), for redirects.
    public var formerSlugs: [String]

    public init(name: String, slug: String? = nil, bio: String = "", formerSlugs: [String] = []) {
        self.name = name
        self.slug = slug
        self.bio = bio
        self.formerSlugs = formerSlugs
    }
}

/// A section or tag named by an imported article.
public struct ImportedTerm: Sendable, Hashable, Codable {
    public var name: String
    public var slug: String?

    public init(name: String, slug: String? = nil) {
        self.name = name
        self.slug = slug
    }
}

/// An article as any importer recognised it, before it meets the site: names
/// rather than ids, and the addresses it used to have.
public struct ImportedArticle: Sendable, Hashable {
    /// Identifies the article in its source across runs ("wxr:https://old.example:123"),
    /// so importing the same file again updates instead of duplicating.
    public var sourceKey: String
    /// Where it starts in the input, for reports.
    public var line: Int?
    public var headline: String
    public var slug: String?
    public var standfirst: String = ""
    public var bodyMarkdown: String
    public var status: ArticleStatus
    public var publishedAt: Date?
    public var updatedAt: Date?
    public var authors: [ImportedPerson] = []
    public var section: ImportedTerm?
    public var tags: [ImportedTerm] = []
    public var leadImage: LeadImage?
    /// Paths of the old site's URLs for this article ("/2019/03/14/night-bus/",
    /// "/?p=123"); each will redirect to the article.
    public var legacyPaths: [String] = []
    /// Slugs the article had before, on this platform (an export read back).
    public var formerSlugs: [String] = []
    public var corrections: [Correction] = []
    public var rightsOverride: String?
    public var seoTitle: String?
    public var seoDescription: String?
    public var datelineZone: String?
    /// Things the importer noticed about this article and worked around.
    public var warnings: [String] = []

    public init(sourceKey: String, line: Int? = nil, headline: String, bodyMarkdown: String, status: ArticleStatus) {
        self.sourceKey = sourceKey
        self.line = line
        self.headline = headline
        self.bodyMarkdown = bodyMarkdown
        self.status = status
    }

    /// "“Headline” (line 120)", for reports.
    public var label: String {
        let title = headline.isEmpty ? sourceKey : "\u{201C}\(headline.prefix(80))\u{201D}"
        return line.map { "\(title) (line \($0))" } ?? title
    }
}
