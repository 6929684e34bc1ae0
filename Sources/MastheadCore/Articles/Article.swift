import Foundation

/// Where an article is in the newsroom's workflow.
public enum ArticleStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case inReview = "in_review"
    case scheduled
    case published
    case unpublished
}

/// The photo at the top of an article, with what the page prints beside it.
public struct LeadImage: Sendable, Hashable, Codable {
    public var url: String
    public var alt: String
    public var credit: String
    public var caption: String
    public var width: Int?
    public var height: Int?
    /// The files made from it, where it is in the media library. Looked up when a public
    /// page is built (`MediaAsset.resolve`), never stored with the article.
    public var renditions: RenditionSet?

    enum CodingKeys: String, CodingKey {
        case url, alt, credit, caption, width, height
    }

    public init(url: String, alt: String, credit: String, caption: String, width: Int? = nil, height: Int? = nil) {
        self.url = url
        self.alt = alt
        self.credit = credit
        self.caption = caption
        self.width = width
        self.height = height
    }
}

/// A note printed under an article: a correction of an error or an update with news.
public struct Correction: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case correction
        case update
    }

    public var kind: Kind
    public var note: String
    public var date: Date

    public init(kind: Kind, note: String, date: Date) {
        self.kind = kind
        self.note = note
        self.date = date
    }
}

/// A whole article as the article page needs it.
public struct Article: Sendable, Hashable, Identifiable {
    public var id: ArticleID
    public var slug: Slug
    public var headline: String
    public var standfirst: String
    public var section: Section
    public var authors: [Author]
    public var tags: [Tag]
    public var leadImage: LeadImage?
    public var bodyMarkdown: String
    public var bodyHTML: SafeHTML
    public var status: ArticleStatus
    public var publishedAt: Date?
    /// When the published text last changed in a way readers should be told about.
    public var updatedAt: Date?
    public var rightsOverride: String?
    public var seoTitle: String?
    public var seoDescription: String?
    public var corrections: [Correction]
    public var createdBy: AccountID?
    /// An IANA zone for this article's byline dates (a dateline abroad); `nil` uses the site's.
    public var datelineZone: String?

    public init(
        id: ArticleID,
        slug: Slug,
        headline: String,
        standfirst: String,
        section: Section,
        authors: [Author],
        tags: [Tag],
        leadImage: LeadImage?,
        bodyMarkdown: String,
        bodyHTML: SafeHTML,
        status: ArticleStatus,
        publishedAt: Date?,
        updatedAt: Date?,
        rightsOverride: String?,
        seoTitle: String?,
        seoDescription: String?,
        corrections: [Correction],
        createdBy: AccountID? = nil
    ) {
        self.id = id
        self.slug = slug
        self.headline = headline
        self.standfirst = standfirst
        self.section = section
        self.authors = authors
        self.tags = tags
        self.leadImage = leadImage
        self.bodyMarkdown = bodyMarkdown
        self.bodyHTML = bodyHTML
        self.status = status
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.rightsOverride = rightsOverride
        self.seoTitle = seoTitle
        self.seoDescription = seoDescription
        self.corrections = corrections
        self.createdBy = createdBy
    }

    /// The editable fields, as the editor form and revisions hold them.
    public var input: ArticleInput {
        var input = ArticleInput(
            id: id,
            slug: slug.rawValue,
            headline: headline,
            standfirst: standfirst,
            sectionID: section.id,
            authorIDs: authors.map(\.id),
            tagIDs: tags.map(\.id),
            leadImage: leadImage,
            bodyMarkdown: bodyMarkdown,
            status: status,
            publishedAt: publishedAt,
            updatedAt: updatedAt,
            rightsOverride: rightsOverride,
            seoTitle: seoTitle,
            seoDescription: seoDescription,
            corrections: corrections,
            createdBy: createdBy
        )
        input.datelineZone = datelineZone
        return input
    }
}

/// What a list of articles needs of each one: enough for a headline, a teaser and a link.
public struct ArticleSummary: Sendable, Hashable, Identifiable {
    public var id: ArticleID
    public var slug: Slug
    public var headline: String
    public var standfirst: String
    public var section: Section
    public var authors: [Author]
    public var leadImage: LeadImage?
    public var publishedAt: Date
    /// A sentence or two for lists: the standfirst, or the body's opening cut at a word.
    public var teaser: String

    public init(
        id: ArticleID,
        slug: Slug,
        headline: String,
        standfirst: String,
        section: Section,
        authors: [Author],
        leadImage: LeadImage?,
        publishedAt: Date,
        teaser: String
    ) {
        self.id = id
        self.slug = slug
        self.headline = headline
        self.standfirst = standfirst
        self.section = section
        self.authors = authors
        self.leadImage = leadImage
        self.publishedAt = publishedAt
        self.teaser = teaser
    }
}

extension Article {
    /// Whether readers may see the article at `now`: published, and its time has come
    /// (an embargoed story stays hidden until its moment). Every public door asks this
    /// one question; the stores' SQL asks the same through one fragment,
    /// `MastheadSQL/ArticleVisibility.swift` (`SQLBoundaryTests` finds any other copy).
    public func isPublic(at now: Date) -> Bool {
        guard status == .published, let publishedAt else { return false }
        return publishedAt <= now
    }
}
