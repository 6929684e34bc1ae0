import Foundation
import MastheadCore

/// RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents for a list of articles. Pure
/// functions: the caller caches the result like any page.
struct FeedBuilder {
    enum Format: CaseIterable {
        case rss, atom, json

        var file: String {
            switch self {
            case .rss: "feed.xml"
            case .atom: "atom.xml"
            case .json: "feed.json"
            }
        }

        var contentType: String {
            switch self {
            case .rss: "application/rss+xml; charset=utf-8"
            case .atom: "application/atom+xml; charset=utf-8"
            case .json: "application/feed+json; charset=utf-8"
            }
        }
    }

    var settings: SiteSettings
    /// The feed's title, e.g. "The Kestrel Bay Courier — Politics".
    var title: String
    /// The page the feed belongs to, e.g. `/section/politics`.
    var page: SiteURL
    var articles: [Article]
    var fullContent: Bool

    private var base: String { settings.baseURL }
    private var formatter: SiteDateFormatter { SiteDateFormatter(timeZone: settings.timeZone) }

    func render(_ format: Format) -> String {
        switch format {
        case .rss: rss()
        case .atom: atom()
        case .json: json()
        }
    }

    private func link(_ article: Article) -> String {
        SiteURL.article(article.slug, publishedAt: article.publishedAt ?? .distantPast, formatter: formatter).absolute(base: base)
    }

    private func feedURL(_ format: Format) -> String {
        let path = page.path()
        return base + (path == "/" ? "/" : path + "/") + format.file
    }

    private func summary(_ article: Article) -> String {
        Teaser.make(standfirst: article.standfirst, bodyMarkdown: article.bodyMarkdown)
    }

    private func content(_ article: Article) -> String {
        // Relative links and images in the body become absolute, so feed readers can follow them.
        article.bodyHTML.rawValue.replacingOccurrences(of: "href=\"/", with: "href=\"\(base)/")
            .replacingOccurrences(of: "src=\"/", with: "src=\"\(base)/")
    }

    private static func xml(_ text: String) -> String {
        // XML 1.0 forbids most control characters even when escaped; drop them.
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" || $0 == "\r" }))
        return HTMLEscaping.escape(cleaned)
    }

    // MARK: - RSS 2.0

    private func rss() -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
            <channel>
            <title>\(Self.xml(title))</title>
            <link>\(Self.xml(page.absolute(base: base)))</link>
            <description>\(Self.xml(settings.tagline.isEmpty ? title : settings.tagline))</description>
            <language>\(Self.xml(settings.language))</language>
            <atom:link href="\(Self.xml(feedURL(.rss)))" rel="self" type="application/rss+xml"/>

            """
        if let newest = articles.first?.publishedAt { out += "<lastBuildDate>\(HTTPDate.format(newest))</lastBuildDate>\n" }
        for article in articles {
            out += "<item>\n<title>\(Self.xml(article.headline))</title>\n<link>\(Self.xml(link(article)))</link>\n"
            out += "<guid isPermaLink=\"true\">\(Self.xml(link(article)))</guid>\n"
            if let published = article.publishedAt { out += "<pubDate>\(HTTPDate.format(published))</pubDate>\n" }
            for author in article.authors { out += "<dc:creator>\(Self.xml(author.name))</dc:creator>\n" }
            out += "<category>\(Self.xml(article.section.name))</category>\n"
            for tag in article.tags { out += "<category>\(Self.xml(tag.name))</category>\n" }
            out += "<description>\(Self.xml(fullContent ? content(article) : summary(article)))</description>\n"
            if let image = article.leadImage {
                let file = Self.feedImage(image)
                let size = file.width.map { " width=\"\($0)\" height=\"\(file.height ?? 0)\"" } ?? ""
                out += "<media:content url=\"\(Self.xml(StructuredData.absolute(file.url, base: base)))\" medium=\"image\"\(size)>"
                out +=
                    "<media:description>\(Self.xml(image.alt))</media:description><media:credit>\(Self.xml(image.credit))</media:credit></media:content>\n"
            }
            out += "</item>\n"
        }
        return out + "</channel>\n</rss>\n"
    }

    // MARK: - Atom 1.0

    private func atom() -> String {
        let updated = articles.compactMap { $0.updatedAt ?? $0.publishedAt }.max() ?? Date(timeIntervalSince1970: 0)
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Self.xml(settings.language))">
            <title>\(Self.xml(title))</title>
            <id>\(Self.xml(feedURL(.atom)))</id>
            <link rel="self" type="application/atom+xml" href="\(Self.xml(feedURL(.atom)))"/>
            <link rel="alternate" type="text/html" href="\(Self.xml(page.absolute(base: base)))"/>
            <updated>\(formatter.iso8601(updated))</updated>

            """
        for article in articles {
            let published = article.publishedAt ?? updated
            out += "<entry>\n<title>\(Self.xml(article.headline))</title>\n<id>\(Self.xml(link(article)))</id>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(Self.xml(link(article)))\"/>\n"
            out += "<published>\(formatter.iso8601(published))</published>\n<updated>\(formatter.iso8601(article.updatedAt ?? published))</updated>\n"
            for author in article.authors {
                out +=
                    "<author><name>\(Self.xml(author.name))</name><uri>\(Self.xml(SiteURL.author(author.slug).absolute(base: base)))</uri></author>\n"
            }
            out += "<category term=\"\(Self.xml(article.section.slug.rawValue))\" label=\"\(Self.xml(article.section.name))\"/>\n"
            for tag in article.tags { out += "<category term=\"\(Self.xml(tag.slug.rawValue))\" label=\"\(Self.xml(tag.name))\"/>\n" }
            out += "<summary>\(Self.xml(summary(article)))</summary>\n"
            if fullContent { out += "<content type=\"html\">\(Self.xml(content(article)))</content>\n" }
            if let image = article.leadImage {
                let file = Self.feedImage(image)
                let type = file.rendition ? "image/jpeg" : image.url.lowercased().hasSuffix(".svg") ? "image/svg+xml" : "image/*"
                out += "<link rel=\"enclosure\" type=\"\(type)\" href=\"\(Self.xml(StructuredData.absolute(file.url, base: base)))\"/>\n"
            }
            out += "</entry>\n"
        }
        return out + "</feed>\n"
    }

    // MARK: - JSON Feed 1.1

    private func json() -> String {
        let items: [[String: Any]] = articles.map { article in
            var item: [String: Any] = [
                "id": link(article), "url": link(article), "title": article.headline, "summary": summary(article),
                "date_published": formatter.iso8601(article.publishedAt ?? .distantPast),
                "authors": article.authors.map { ["name": $0.name, "url": SiteURL.author($0.slug).absolute(base: base)] },
                "tags": [article.section.name] + article.tags.map(\.name),
            ]
            if let updated = article.updatedAt { item["date_modified"] = formatter.iso8601(updated) }
            if fullContent { item["content_html"] = content(article) } else { item["content_text"] = summary(article) }
            if let image = article.leadImage { item["image"] = StructuredData.absolute(Self.feedImage(image).url, base: base) }
            return item
        }
        let feed: [String: Any] = [
            "version": "https://jsonfeed.org/version/1.1", "title": title, "home_page_url": page.absolute(base: base),
            "feed_url": feedURL(.json), "language": settings.language, "items": items,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: feed, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A feed reader shows the photo full width: the JPEG rendition up to 1280 px, or the image itself.
    static func feedImage(_ image: LeadImage) -> (url: String, width: Int?, height: Int?, rendition: Bool) {
        let ladder = image.renditions?.ladder(.jpeg) ?? []
        guard let pick = ladder.last(where: { $0.width <= 1280 }) ?? ladder.first else { return (image.url, nil, nil, false) }
        return (pick.url, pick.width, pick.height, true)
    }
}
