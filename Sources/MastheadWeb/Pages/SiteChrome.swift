import Foundation
import MastheadCore

/// What every page's layout shows around its content: the header, navigation,
/// footer and the `<head>` essentials. Built once per snapshot of the site.
struct SiteChrome: Sendable {
    struct NavItem: Sendable {
        var name: String
        var url: String
    }

    var siteName: String
    var tagline: String
    var language: String
    /// The language as OpenGraph writes a locale: `en_US`, `de_DE`, `pt_BR`.
    var openGraphLocale: String
    var homeURL: String
    var stylesheetURL: String
    var sections: [NavItem]
    var socialProfiles: [SocialProfile]
    var footerNotice: String

    init(settings: SiteSettings, sections: [Section], stylesheetVersion: String, now: Date) {
        siteName = settings.name
        tagline = settings.tagline
        language = settings.language
        openGraphLocale = Self.openGraphLocale(settings.language)
        homeURL = SiteURL.home.path()
        stylesheetURL = SiteURL.asset("site.css").path() + "?v=\(stylesheetVersion)"
        self.sections = sections.map { NavItem(name: $0.name, url: SiteURL.section($0.slug).path()) }
        socialProfiles = settings.socialProfiles
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = settings.timeZone
        let year = calendar.component(.year, from: now)
        footerNotice = "© \(year) \(settings.name)"
    }
}

extension SiteChrome {
    /// The usual country of a language given alone, for OpenGraph's `language_TERRITORY`.
    static let usualTerritory: [String: String] = [
        "en": "US", "pt": "BR", "zh": "CN", "ja": "JP", "ko": "KR", "sv": "SE", "da": "DK", "cs": "CZ", "el": "GR", "he": "IL",
        "uk": "UA", "nb": "NO", "nn": "NO", "ar": "AR", "hi": "IN", "fa": "IR", "ga": "IE", "ca": "ES", "et": "EE", "sl": "SI", "vi": "VN",
    ]

    static func openGraphLocale(_ language: String) -> String {
        let parts = language.replacingOccurrences(of: "_", with: "-").split(separator: "-").map(String.init)
        guard let first = parts.first?.lowercased(), first.count == 2 || first.count == 3, first.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return "en_US"
        }
        if parts.count >= 2, parts[1].count == 2, parts[1].allSatisfy({ $0.isASCII && $0.isLetter }) { return "\(first)_\(parts[1].uppercased())" }
        return "\(first)_\(usualTerritory[first] ?? first.uppercased())"
    }
}

/// The `<head>` facts of one page.
struct PageHead: Sendable {
    var title: String
    var description: String
    var canonicalURL: String
    var previousURL: String?
    var nextURL: String?
}

/// A dated moment, printed for people and for machines.
struct DisplayDate: Sendable {
    var text: String
    var iso: String

    init(_ date: Date, _ formatter: SiteDateFormatter) {
        text = formatter.dateTime(date)
        iso = formatter.iso8601(date)
    }
}

/// A link to a page of people or topics.
struct Link: Sendable {
    var name: String
    var url: String
    /// Printed before this link in a list ("", ", " or " and ").
    var separator: String

    static func list(_ items: [(name: String, url: String)]) -> [Link] {
        items.enumerated().map { index, item in
            let separator = index == 0 ? "" : (index == items.count - 1 ? " and " : ", ")
            return Link(name: item.name, url: item.url, separator: separator)
        }
    }
}

/// One article in a list: headline, teaser, section, date and byline names.
struct ArticleCard: Sendable {
    var headline: String
    var url: String
    var teaser: String
    var sectionName: String
    var sectionURL: String
    var date: DisplayDate
    var authors: [Link]
    var imageURL: String?
    var imageSrcset: String?

    init(_ summary: ArticleSummary, _ formatter: SiteDateFormatter) {
        headline = summary.headline
        url = SiteURL.article(summary.slug, publishedAt: summary.publishedAt, formatter: formatter).path()
        teaser = summary.teaser
        sectionName = summary.section.name
        sectionURL = SiteURL.section(summary.section.slug).path()
        date = DisplayDate(summary.publishedAt, formatter)
        authors = Link.list(summary.authors.map { ($0.name, SiteURL.author($0.slug).path()) })
        let card = summary.leadImage.map(ResponsiveImage.card)
        imageURL = card?.src
        imageSrcset = card?.srcset
    }
}
