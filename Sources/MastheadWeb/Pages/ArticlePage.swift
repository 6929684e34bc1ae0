import Foundation
import MastheadCore

/// The article page, in the order the page reads: headline, byline, lead photo,
/// body with the follow box, corrections, tags and rights line. The sidebar
/// lists follow from the layout.
struct ArticlePage: Sendable {
    struct Photo: Sendable {
        var image: ResponsiveImage
        /// Kept for themes written before `image`: the fallback file and its size.
        var url: String
        var width: Int?
        var height: Int?
        var alt: String
        var credit: String
        var caption: String
    }

    /// The article column is 42rem wide; below that the page has 1rem of margin each side.
    static let leadPhotoSizes = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"

    struct Note: Sendable {
        var label: String
        var date: DisplayDate
        var note: String
    }

    struct FollowBox: Sendable {
        var siteName: String
        var profiles: [SocialProfile]
    }

    var site: SiteChrome
    /// For the view beacon.
    var articleID: Int64
    var meta: PageHead
    var sidebar: SafeHTML
    var headline: String
    var standfirst: String
    var section: Link
    var authors: [Link]
    var published: DisplayDate
    var updated: DisplayDate?
    var photo: Photo?
    var bodyBeforeFollow: SafeHTML
    var followBox: FollowBox?
    var bodyAfterFollow: SafeHTML
    var corrections: [Note]
    var tags: [Link]
    var rights: String
    var jsonLD: SafeHTML
    var related: [ArticleCard]
    /// The lead image as an absolute URL, and its text alternative, for OpenGraph and Twitter cards.
    var shareImage: String?
    var shareImageAlt: String?
    var shareImageWidth: Int?
    var shareImageHeight: Int?

    init(article: Article, settings: SiteSettings, chrome: SiteChrome, sidebar: SafeHTML, related: [ArticleSummary] = []) {
        // URLs are dated in the site's zone; the byline may carry the article's own dateline zone.
        let siteFormatter = SiteDateFormatter(timeZone: settings.timeZone)
        let formatter = SiteDateFormatter(timeZone: article.datelineZone.flatMap(TimeZone.init(identifier:)) ?? settings.timeZone)
        let publishedAt = article.publishedAt ?? .distantPast
        let url = SiteURL.article(article.slug, publishedAt: publishedAt, formatter: siteFormatter)
        site = chrome
        articleID = article.id.rawValue
        meta = PageHead(
            title: article.seoTitle.flatMap { $0.isEmpty ? nil : $0 } ?? article.headline,
            description: article.seoDescription.flatMap { $0.isEmpty ? nil : $0 }
                ?? Teaser.make(standfirst: article.standfirst, bodyMarkdown: article.bodyMarkdown, maximumLength: 160),
            canonicalURL: url.absolute(base: settings.baseURL)
        )
        self.sidebar = sidebar
        headline = article.headline
        standfirst = article.standfirst
        section = Link(name: article.section.name, url: SiteURL.section(article.section.slug).path(), separator: "")
        authors = Link.list(article.authors.map { ($0.name, SiteURL.author($0.slug).path()) })
        published = DisplayDate(publishedAt, formatter)
        updated = article.updatedAt.flatMap { $0 > publishedAt ? DisplayDate($0, formatter) : nil }
        photo = article.leadImage.map {
            let image = ResponsiveImage($0, sizes: Self.leadPhotoSizes)
            return Photo(image: image, url: image.src, width: image.width, height: image.height, alt: $0.alt, credit: $0.credit, caption: $0.caption)
        }
        let follow = settings.socialProfiles.isEmpty ? nil : FollowBox(siteName: settings.name, profiles: settings.socialProfiles)
        if let follow, let split = BodySplit.afterParagraph(settings.followBoxAfterParagraph, in: article.bodyHTML) {
            bodyBeforeFollow = split.before
            followBox = follow
            bodyAfterFollow = split.after
        } else {
            bodyBeforeFollow = article.bodyHTML
            followBox = nil
            bodyAfterFollow = .empty
        }
        corrections = article.corrections.map {
            Note(label: $0.kind == .correction ? "Correction" : "Update", date: DisplayDate($0.date, formatter), note: $0.note)
        }
        tags = article.tags.map { Link(name: $0.name, url: SiteURL.tag($0.slug).path(), separator: "") }
        rights = settings.rights(for: article)
        self.related = related.map { ArticleCard($0, siteFormatter) }
        jsonLD = StructuredData.article(article, settings: settings, canonical: meta.canonicalURL, formatter: formatter)
        let social = article.leadImage.map { image in
            image.renditions?.crop(.social).map { ($0.url, $0.width, $0.height) } ?? (image.url, image.width, image.height)
        }
        shareImage = social.map { StructuredData.absolute($0.0, base: settings.baseURL) }
        shareImageWidth = social?.1
        shareImageHeight = social?.2
        shareImageAlt = article.leadImage.flatMap { $0.alt.isEmpty ? nil : $0.alt }
    }
}
