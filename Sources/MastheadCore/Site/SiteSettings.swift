import Foundation

/// A link to one of the site's profiles elsewhere, shown in the follow box.
public struct SocialProfile: Sendable, Hashable, Codable {
    public var network: String
    public var url: String

    public init(network: String, url: String) {
        self.network = network
        self.url = url
    }
}

/// Everything the publisher sets once for the whole site.
public struct SiteSettings: Sendable, Hashable, Codable {
    public var name: String
    public var tagline: String
    /// The public address of the site, without a trailing slash; links in feeds and
    /// canonical tags are made from it, never from the request's Host header.
    public var baseURL: String
    /// An IANA zone name (`America/New_York`): the zone of every date readers see.
    public var timeZoneIdentifier: String
    /// The copyright notice under every article. `{year}` becomes the article's year
    /// and `{site}` the site name.
    public var rightsLine: String
    public var socialProfiles: [SocialProfile]
    /// The follow box appears after this many body paragraphs; 0 hides it.
    public var followBoxAfterParagraph: Int
    public var articlesPerPage: Int
    public var language: String
    /// Feeds carry whole articles (`true` or `nil`) or only their teasers (`false`).
    public var feedFullContent: Bool?
    /// The newsroom's logo, an absolute `https://` address or a path on the site; `nil`
    /// or empty means the theme's. Search engines show it as the publisher's.
    public var logoURL: String?

    public init(
        name: String,
        tagline: String = "",
        baseURL: String,
        timeZoneIdentifier: String,
        rightsLine: String = "© {year} {site}. All rights reserved. Do not reproduce without permission.",
        socialProfiles: [SocialProfile] = [],
        followBoxAfterParagraph: Int = 3,
        articlesPerPage: Int = 10,
        language: String = "en"
    ) {
        self.name = name
        self.tagline = tagline
        self.baseURL = baseURL
        self.timeZoneIdentifier = timeZoneIdentifier
        self.rightsLine = rightsLine
        self.socialProfiles = socialProfiles
        self.followBoxAfterParagraph = followBoxAfterParagraph
        self.articlesPerPage = articlesPerPage
        self.language = language
    }

    public static let initial = SiteSettings(name: "Masthead", baseURL: "http://127.0.0.1:8080", timeZoneIdentifier: "UTC")

    public var timeZone: TimeZone {
        TimeZone(identifier: timeZoneIdentifier) ?? .gmt
    }

    /// The rights line for an article: its own override (wire copy) or the site's,
    /// with `{year}` and `{site}` filled in.
    public func rights(for article: Article) -> String {
        let template = article.rightsOverride.flatMap { $0.isEmpty ? nil : $0 } ?? rightsLine
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let year = calendar.component(.year, from: article.publishedAt ?? .distantPast)
        return template.replacingOccurrences(of: "{year}", with: String(year))
            .replacingOccurrences(of: "{site}", with: name)
    }

    /// Checks what a publisher typed; returns one sentence per problem.
    public func validationProblems() -> [String] {
        var problems: [String] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("The site name is empty.") }
        if TimeZone(identifier: timeZoneIdentifier) == nil {
            problems.append("The time zone \"\(timeZoneIdentifier)\" is not an IANA zone name such as America/New_York.")
        }
        if !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) || baseURL.hasSuffix("/") {
            problems.append("The base URL must start with http:// or https:// and have no trailing slash.")
        }
        if !(1...100).contains(articlesPerPage) { problems.append("Articles per page must be between 1 and 100.") }
        if followBoxAfterParagraph < 0 { problems.append("The follow-box position cannot be negative.") }
        // The same URL policy as the editor's, whichever door the settings came through (an import too).
        for profile in socialProfiles {
            let lower = profile.url.lowercased()
            if !(lower.hasPrefix("https://") || lower.hasPrefix("http://")) || SafeURL.check(profile.url, for: .link) == nil {
                problems.append("The \(profile.network.prefix(60)) profile address must start with https://.")
            }
        }
        if let logo = logoURL, !logo.isEmpty,
            !(logo.hasPrefix("https://") || logo.hasPrefix("http://") || (logo.hasPrefix("/") && !logo.hasPrefix("//")))
        {
            problems.append("The logo must be an address starting with https:// or a path on the site starting with /.")
        }
        return problems
    }
}
