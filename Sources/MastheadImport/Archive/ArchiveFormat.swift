import Foundation
import MastheadCore

/// Masthead's own archive: what `masthead export` writes and `masthead import`
/// reads back. A folder holding `masthead.json` (this manifest: settings,
/// sections, authors, tags, media, curated lists, redirects), the articles
/// (`articles.jsonl`, one JSON object per line, or `articles/…/*.md` with
/// front matter) and `media/` (the image files, under the paths the articles use).
public struct ArchiveManifest: Codable, Sendable, Equatable {
    public static let formatName = "masthead-archive"
    public static let fileName = "masthead.json"
    public static let articlesFileName = "articles.jsonl"

    public struct SectionEntry: Codable, Sendable, Equatable {
        public var slug: String
        public var name: String
        public var description: String
        public var position: Int

        public init(slug: String, name: String, description: String, position: Int) {
            self.slug = slug
            self.name = name
            self.description = description
            self.position = position
        }
    }

    public struct AuthorEntry: Codable, Sendable, Equatable {
        public var slug: String
        public var name: String
        public var bio: String
        public var photoURL: String?
        public var role: String

        public init(slug: String, name: String, bio: String, photoURL: String? = nil, role: String) {
            self.slug = slug
            self.name = name
            self.bio = bio
            self.photoURL = photoURL
            self.role = role
        }
    }

    public struct TagEntry: Codable, Sendable, Equatable {
        public var slug: String
        public var name: String

        public init(slug: String, name: String) {
            self.slug = slug
            self.name = name
        }
    }

    public struct MediaEntry: Codable, Sendable, Equatable {
        /// Under `media/`, e.g. `library/ab/ab12….jpg`.
        public var path: String
        public var alt: String
        public var credit: String
        public var caption: String
        public var rightsHolder: String?
        public var licenceExpires: Date?
        public var uploadedAt: Date
        /// Where crops centre, from 0 to 1 across and down; absent: the centre.
        public var focalX: Double?
        public var focalY: Double?
        /// The path of the image that takes this one's place when its licence ends.
        public var replacement: String?

        public init(
            path: String,
            alt: String,
            credit: String,
            caption: String,
            rightsHolder: String? = nil,
            licenceExpires: Date? = nil,
            uploadedAt: Date,
            focalX: Double? = nil,
            focalY: Double? = nil,
            replacement: String? = nil
        ) {
            self.path = path
            self.alt = alt
            self.credit = credit
            self.caption = caption
            self.rightsHolder = rightsHolder
            self.licenceExpires = licenceExpires
            self.uploadedAt = uploadedAt
            self.focalX = focalX
            self.focalY = focalY
            self.replacement = replacement
        }
    }

    public struct RedirectEntry: Codable, Sendable, Equatable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    public var format = Self.formatName
    public var version = 1
    public var exportedAt: Date
    public var site: SiteSettings?
    public var sections: [SectionEntry] = []
    public var authors: [AuthorEntry] = []
    public var tags: [TagEntry] = []
    public var media: [MediaEntry] = []
    /// Curated lists by name (`editors_picks`), as article slugs in order.
    public var curated: [String: [String]] = [:]
    /// Old addresses that lead to pages (articles carry their own).
    public var redirects: [RedirectEntry] = []
    public var articleCount = 0

    public init(exportedAt: Date) {
        self.exportedAt = exportedAt
    }
}

/// One article in `articles.jsonl`: its current state, by names and slugs, and
/// the history of saved versions for the record.
public struct ArchiveArticle: Codable, Sendable, Equatable {
    public struct RevisionEntry: Codable, Sendable, Equatable {
        public var number: Int
        public var savedAt: Date
        public var savedBy: String?
        public var headline: String
        public var standfirst: String
        public var bodyMarkdown: String

        public init(number: Int, savedAt: Date, savedBy: String? = nil, headline: String, standfirst: String, bodyMarkdown: String) {
            self.number = number
            self.savedAt = savedAt
            self.savedBy = savedBy
            self.headline = headline
            self.standfirst = standfirst
            self.bodyMarkdown = bodyMarkdown
        }
    }

    public var slug: String
    public var headline: String
    public var standfirst: String
    public var section: String
    public var authors: [String]
    public var tags: [String]
    public var leadImage: LeadImage?
    public var bodyMarkdown: String
    public var status: ArticleStatus
    public var publishedAt: Date?
    public var updatedAt: Date?
    public var rightsOverride: String?
    public var seoTitle: String?
    public var seoDescription: String?
    public var datelineZone: String?
    public var corrections: [Correction]
    public var formerSlugs: [String]
    public var legacyPaths: [String]
    public var revisions: [RevisionEntry]

    public init(
        slug: String,
        headline: String,
        standfirst: String,
        section: String,
        authors: [String],
        tags: [String],
        leadImage: LeadImage?,
        bodyMarkdown: String,
        status: ArticleStatus,
        publishedAt: Date?,
        updatedAt: Date?,
        rightsOverride: String?,
        seoTitle: String?,
        seoDescription: String?,
        datelineZone: String?,
        corrections: [Correction],
        formerSlugs: [String],
        legacyPaths: [String],
        revisions: [RevisionEntry]
    ) {
        self.slug = slug
        self.headline = headline
        self.standfirst = standfirst
        self.section = section
        self.authors = authors
        self.tags = tags
        self.leadImage = leadImage
        self.bodyMarkdown = bodyMarkdown
        self.status = status
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.rightsOverride = rightsOverride
        self.seoTitle = seoTitle
        self.seoDescription = seoDescription
        self.datelineZone = datelineZone
        self.corrections = corrections
        self.formerSlugs = formerSlugs
        self.legacyPaths = legacyPaths
        self.revisions = revisions
    }

    /// As an article to import, with people and terms looked up in the manifest.
    public func imported(manifest: ArchiveManifest, line: Int?) -> ImportedArticle {
        var article = ImportedArticle(sourceKey: "archive:" + slug, line: line, headline: headline, bodyMarkdown: bodyMarkdown, status: status)
        article.slug = slug
        article.standfirst = standfirst
        let sectionEntry = manifest.sections.first { $0.slug == section }
        article.section = ImportedTerm(name: sectionEntry?.name ?? section, slug: section)
        article.authors = authors.map { slug in
            let entry = manifest.authors.first { $0.slug == slug }
            return ImportedPerson(name: entry?.name ?? slug, slug: slug, bio: entry?.bio ?? "")
        }
        article.tags = tags.map { slug in ImportedTerm(name: manifest.tags.first { $0.slug == slug }?.name ?? slug, slug: slug) }
        article.leadImage = leadImage
        article.publishedAt = publishedAt
        article.updatedAt = updatedAt
        article.rightsOverride = rightsOverride
        article.seoTitle = seoTitle
        article.seoDescription = seoDescription
        article.datelineZone = datelineZone
        article.corrections = corrections
        article.formerSlugs = formerSlugs
        article.legacyPaths = legacyPaths
        return article
    }
}

/// JSON as the archive writes it: sorted keys, ISO 8601 dates with milliseconds.
public enum ArchiveJSON {
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatter.string(from: date))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(text) is not an ISO 8601 date."))
            }
            return date
        }
        return decoder
    }

    static let formatter = ArchiveDateFormat()
}

/// ISO 8601 with milliseconds in UTC, as the archive writes dates. A `Sendable` format
/// style rather than a shared `ISO8601DateFormatter`: imports and exports run on
/// many tasks at once, and a formatter object is mutable state underneath.
struct ArchiveDateFormat: Sendable {
    private let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    func string(from date: Date) -> String { style.format(date) }

    /// To the millisecond, as written (the style's parser leaves a float's noise below it).
    func date(from text: String) -> Date? {
        guard let date = try? style.parse(text) else { return nil }
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1_000).rounded() / 1_000)
    }
}
