import Foundation
import MastheadCore

/// One WXR `<item>` as an article.
enum WXRPost {
    static let importedTypes: Set<String> = ["post", "page"]
    /// Types that are WordPress's own machinery, skipped without a report line each.
    static let machineryTypes: Set<String> = [
        "attachment", "nav_menu_item", "revision", "custom_css", "customize_changeset", "oembed_cache", "user_request", "wp_block",
        "wp_template", "wp_template_part", "wp_global_styles", "wp_navigation", "wp_font_family", "wp_font_face",
    ]

    static func article(from record: WXRRecord, catalogue: WXRCatalogue, zone: TimeZone) -> Result<ImportedArticle, ImportProblem> {
        let postID = record["wp:post_id"]
        let title = WXRText.plain(record["title"])
        let item = title.isEmpty ? "post \(postID)" : "\u{201C}\(title.prefix(80))\u{201D}"
        func problem(_ reason: String) -> Result<ImportedArticle, ImportProblem> {
            .failure(ImportProblem(item: item, line: record.line, reason: reason))
        }
        let type = record["wp:post_type"].isEmpty ? "post" : record["wp:post_type"]
        guard !machineryTypes.contains(type) else { return .failure(ImportProblem(item: "", line: nil, reason: "")) }
        guard importedTypes.contains(type) else { return problem("its post type \u{201C}\(type)\u{201D} is not a post or a page.") }
        guard let status = status(record["wp:status"]) else {
            return .failure(ImportProblem(item: item, line: record.line, reason: "it is in the trash.", expected: true))
        }
        if let field = record.oversizedField { return problem("its \(field) is larger than 8 MB.") }
        guard !title.isEmpty else { return problem("it has no title.") }

        let expanded = Shortcodes.expand(record["content:encoded"])
        let body = HTMLToMarkdown.convert(expanded.html, autoParagraphs: true)
        guard body.utf8.count <= Publishing.maximumBodyBytes else {
            return problem("its body is larger than \(Publishing.maximumBodyBytes / 1024) KB.")
        }

        var article = ImportedArticle(
            sourceKey: "wxr:\(catalogue.siteURL):\(postID)",
            line: record.line,
            headline: title,
            bodyMarkdown: body,
            status: status
        )
        article.warnings = expanded.warnings
        article.slug = WXRText.slug(record["wp:post_name"])
        article.standfirst = WXRText.plain(record["excerpt:encoded"])

        let dates = WXRDates.published(record, zone: zone)
        article.publishedAt = dates.date
        if let warning = dates.warning { article.warnings.append(warning) }
        if article.publishedAt == nil && (status == .published || status == .scheduled) {
            return problem("it is published but has no date that can be read.")
        }
        if let modified = WXRDates.gmt(record["wp:post_modified_gmt"]), let published = article.publishedAt,
            modified.timeIntervalSince(published) > 600, status == .published
        {
            article.updatedAt = modified
        }

        // Authors: the post's creator, then any Co-Authors Plus bylines.
        let creator = record["dc:creator"]
        if !creator.isEmpty {
            if let person = catalogue.authors[creator] {
                article.authors.append(person)
            } else {
                article.authors.append(ImportedPerson(name: creator, formerSlugs: [creator]))
                article.warnings.append("its author \u{201C}\(creator)\u{201D} is not in the export's author list; created from the login.")
            }
        }
        for category in record.categories where category.domain == "author" {
            let login = category.nicename.hasPrefix("cap-") ? String(category.nicename.dropFirst(4)) : category.nicename
            let person = catalogue.authors[login] ?? ImportedPerson(name: WXRText.plain(category.name), formerSlugs: [login])
            if !article.authors.contains(where: { $0.name == person.name }) { article.authors.append(person) }
        }

        // The first real category is the section; further categories and the tags are tags.
        var tags: [ImportedTerm] = []
        for category in record.categories {
            let term = ImportedTerm(name: WXRText.plain(category.name), slug: WXRText.slug(category.nicename))
            guard !term.name.isEmpty else { continue }
            switch category.domain {
            case "category":
                let known = catalogue.categories[category.nicename] ?? term
                if article.section == nil && category.nicename != "uncategorized" {
                    article.section = known
                } else if category.nicename != "uncategorized" {
                    tags.append(known)
                }
            case "post_tag":
                tags.append(catalogue.tags[category.nicename] ?? term)
            default:
                continue
            }
        }
        if type == "page" && article.section == nil { article.section = ImportedTerm(name: "Pages", slug: "pages") }
        article.tags = tags.reduce(into: []) { unique, tag in if !unique.contains(tag) { unique.append(tag) } }

        if let thumbnail = record.metaValue("_thumbnail_id"), !thumbnail.isEmpty {
            if let attachment = catalogue.attachments[thumbnail], SafeURL.check(attachment.url, for: .image) != nil {
                article.leadImage = LeadImage(url: attachment.url, alt: attachment.alt, credit: attachment.credit, caption: attachment.caption)
            } else {
                article.warnings.append("its featured image (attachment \(thumbnail)) is not in the export.")
            }
        }
        article.seoTitle = record.metaValue("_yoast_wpseo_title").map(WXRText.plain).flatMap { $0.isEmpty || $0.contains("%%") ? nil : $0 }
        article.seoDescription = record.metaValue("_yoast_wpseo_metadesc").map(WXRText.plain).flatMap { $0.isEmpty ? nil : $0 }

        // Old addresses: the permalink, and WordPress's ?p= / ?page_id= form that always worked.
        var paths: [String] = []
        if let path = WXRText.path(of: record["link"]) { paths.append(path) }
        if !postID.isEmpty { paths.append(type == "page" ? "/?page_id=\(postID)" : "/?p=\(postID)") }
        if let guid = WXRText.path(of: record["guid"]), guid.contains("?") { paths.append(guid) }
        // Slugs changed in WordPress: every `_wp_old_slug` (a post can have several) is a
        // former slug, and the permalink with it in place of today's slug still leads here.
        let currentSlug = record["wp:post_name"]
        for old in record.meta where old.key == "_wp_old_slug" {
            let former = old.value.trimmingSpaces()
            guard !former.isEmpty, former != currentSlug, let decoded = WXRText.slug(former) else { continue }
            if !article.formerSlugs.contains(decoded) { article.formerSlugs.append(decoded) }
            if let link = WXRText.path(of: record["link"]), !currentSlug.isEmpty,
                let range = link.range(of: "/" + currentSlug, options: .backwards)
            {
                paths.append(link.replacingCharacters(in: range, with: "/" + former))
            }
        }
        article.legacyPaths = paths.reduce(into: []) { unique, path in if !unique.contains(path) { unique.append(path) } }
        return .success(article)
    }

    static func status(_ wordpress: String) -> ArticleStatus? {
        switch wordpress {
        case "publish": return .published
        case "future": return .scheduled
        case "pending": return .inReview
        case "trash": return nil
        case "private": return .unpublished
        default: return .draft
        }
    }
}

/// WXR's dates: `wp:post_date_gmt` is UTC; `wp:post_date` is in the site's zone,
/// which the file does not name; `pubDate` is RFC 822 with an offset.
enum WXRDates {
    static func published(_ record: WXRRecord, zone: TimeZone) -> (date: Date?, warning: String?) {
        if let date = gmt(record["wp:post_date_gmt"]) { return (date, nil) }
        if let date = rfc822(record["pubDate"]) { return (date, nil) }
        if let date = local(record["wp:post_date"], zone: zone) {
            return (date, "its date \(record["wp:post_date"]) has no zone; read as \(zone.identifier) time.")
        }
        return (nil, nil)
    }

    static func gmt(_ text: String) -> Date? {
        local(text, zone: .gmt)
    }

    static func local(_ text: String, zone: TimeZone) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).compactMap { Int($0) }
        guard parts.count >= 5, parts[0] > 1000 else { return nil }  // "0000-00-00 00:00:00" is WordPress's "never"
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: parts[0],
            month: parts[1],
            day: parts[2],
            hour: parts[3],
            minute: parts[4],
            second: parts.count > 5 ? parts[5] : 0
        )
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    static func rfc822(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        guard let date = formatter.date(from: text.trimmingSpaces()), date.timeIntervalSince1970 > 0 else { return nil }
        return date
    }
}
