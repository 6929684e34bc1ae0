import Foundation
import MastheadCore

/// schema.org JSON-LD for pages, printed inside `<script type="application/ld+json">`.
/// `<`, `>` and `&` are written as `\u003c`-style escapes, so no text in the data
/// (a headline with `</script>` in it, say) can end the script element early.
enum StructuredData {
    static func safe(_ object: Any) -> SafeHTML {
        guard JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return .empty }
        let json = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(of: "&", with: "\\u0026")
            .replacingOccurrences(of: "\u{2028}", with: "\\u2028").replacingOccurrences(of: "\u{2029}", with: "\\u2029")
        return .stored(json)
    }

    /// `NewsArticle` (with `correction` entries) and its `BreadcrumbList`.
    static func article(_ article: Article, settings: SiteSettings, canonical: String, formatter: SiteDateFormatter) -> SafeHTML {
        let base = settings.baseURL
        let published = article.publishedAt.map(formatter.iso8601) ?? ""
        var news: [String: Any] = [
            "@type": "NewsArticle", "headline": String(article.headline.prefix(110)), "mainEntityOfPage": canonical, "url": canonical,
            "datePublished": published, "dateModified": (article.updatedAt ?? article.publishedAt).map(formatter.iso8601) ?? published,
            "articleSection": article.section.name, "keywords": article.tags.map(\.name),
            "author": article.authors.map { ["@type": "Person", "name": $0.name, "url": SiteURL.author($0.slug).absolute(base: base)] },
            "publisher": publisher(settings),
            "description": Teaser.make(standfirst: article.standfirst, bodyMarkdown: article.bodyMarkdown, maximumLength: 200),
        ]
        if let image = article.leadImage {
            // Google asks for 16:9, 4:3 and 1:1, each at least 1200 px wide where the photo allows.
            let crops = [CropShape.wide, .standard, .square].compactMap { image.renditions?.crop($0) }
            news["image"] = crops.isEmpty ? [absolute(image.url, base: base)] : crops.map { absolute($0.url, base: base) }
        }
        if !article.corrections.isEmpty {
            news["correction"] = article.corrections.map {
                ["@type": "CorrectionComment", "text": $0.note, "datePublished": formatter.iso8601($0.date)]
            }
        }
        let breadcrumbs: [String: Any] = [
            "@type": "BreadcrumbList",
            "itemListElement": [
                ["@type": "ListItem", "position": 1, "name": settings.name, "item": base + "/"],
                [
                    "@type": "ListItem", "position": 2, "name": article.section.name,
                    "item": SiteURL.section(article.section.slug).absolute(base: base),
                ],
                ["@type": "ListItem", "position": 3, "name": article.headline, "item": canonical],
            ],
        ]
        return safe(["@context": "https://schema.org", "@graph": [news, breadcrumbs]])
    }

    /// The newsroom, with the logo Google asks of a `NewsArticle`'s publisher.
    static func publisher(_ settings: SiteSettings) -> [String: Any] {
        [
            "@type": "NewsMediaOrganization", "name": settings.name, "url": settings.baseURL + "/",
            "logo": ["@type": "ImageObject", "url": logoURL(settings)],
        ]
    }

    /// The logo set in the settings, or the theme's, as an absolute address.
    static func logoURL(_ settings: SiteSettings) -> String {
        guard let logo = settings.logoURL, !logo.isEmpty else { return settings.baseURL + SiteURL.asset("logo.png").path() }
        return absolute(logo, base: settings.baseURL)
    }

    /// `WebSite` for the home page.
    static func website(_ settings: SiteSettings) -> SafeHTML {
        safe([
            "@context": "https://schema.org", "@type": "WebSite", "name": settings.name, "url": settings.baseURL + "/",
            "potentialAction": [
                "@type": "SearchAction", "target": settings.baseURL + "/search?q={search_term_string}",
                "query-input": "required name=search_term_string",
            ],
        ])
    }

    static func absolute(_ url: String, base: String) -> String {
        url.hasPrefix("/") ? base + url : url
    }
}
