import Foundation
import MastheadCore

/// Every reader-facing URL of the site, in one place: `Routes.swift` registers
/// routes from `pattern`, and pages, feeds and sitemaps print links from `path`,
/// so a route and its links cannot drift apart.
public enum SiteURL: Sendable, Hashable {
    case home
    case section(Slug)
    case tag(Slug)
    case author(Slug)
    case article(year: Int, month: Int, day: Int, slug: Slug)
    case day(year: Int, month: Int, day: Int)
    case month(year: Int, month: Int)
    case asset(String)
    case media(String)
    case healthz

    /// The path, starting with `/`, with `?page=` added for pages after the first.
    public func path(page: Int = 1) -> String {
        let base: String
        switch self {
        case .home: base = "/"
        case .section(let slug): base = "/section/\(slug)"
        case .tag(let slug): base = "/tag/\(slug)"
        case .author(let slug): base = "/author/\(slug)"
        case .article(let year, let month, let day, let slug): base = "/\(Self.datePath(year, month, day))/\(slug)"
        case .day(let year, let month, let day): base = "/\(Self.datePath(year, month, day))"
        case .month(let year, let month): base = "/\(String(format: "%04d/%02d", year, month))"
        case .asset(let file): base = "/assets/\(file)"
        case .media(let file): base = "/media/\(file)"
        case .healthz: base = "/healthz"
        }
        return page > 1 ? "\(base)?page=\(page)" : base
    }

    /// The absolute URL under the site's configured base URL (never the request's Host).
    public func absolute(base: String, page: Int = 1) -> String {
        base + path(page: page)
    }

    /// The canonical URL of a published article, dated in the site's zone.
    public static func article(_ slug: Slug, publishedAt: Date, formatter: SiteDateFormatter) -> SiteURL {
        let day = formatter.components(publishedAt)
        return .article(year: day.year, month: day.month, day: day.day, slug: slug)
    }

    private static func datePath(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(format: "%04d/%02d/%02d", year, month, day)
    }

    /// Route patterns, for `Routes.swift`.
    enum Pattern {
        static let home = "/"
        static let section = "/section/:slug"
        static let tag = "/tag/:slug"
        static let author = "/author/:slug"
        static let article = "/:year/:month/:day/:slug"
        static let day = "/:year/:month/:day"
        static let month = "/:year/:month"
        static let healthz = "/healthz"
        static let readyz = "/readyz"
        static let assets = "/assets"
        static let media = "/media"
    }
}
