import Foundation
import MastheadCore

/// A folder of Markdown files with front matter (Hugo, Jekyll, our own
/// `export markdown`), one article per file, read in path order.
public enum MarkdownFolderReader {
    public static let maximumFileBytes = 2 * 1024 * 1024

    /// Every Markdown file under `folder`, relative to it, sorted.
    public static func files(in folder: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImportError("\(folder) is not a folder.")
        }
        guard let walker = FileManager.default.enumerator(atPath: folder) else { throw ImportError("Cannot read the folder \(folder).") }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            let lower = path.lowercased()
            if (lower.hasSuffix(".md") || lower.hasSuffix(".markdown")) && !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                files.append(path)
            }
        }
        return files.sorted()
    }

    public static func article(file relativePath: String, in folder: String, zone: TimeZone) -> Result<ImportedArticle, ImportProblem> {
        let path = (folder as NSString).appendingPathComponent(relativePath)
        func problem(_ reason: String) -> Result<ImportedArticle, ImportProblem> {
            .failure(ImportProblem(item: relativePath, line: nil, reason: reason))
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let size = (attributes[.size] as? NSNumber)?.intValue else {
            return problem("it cannot be read.")
        }
        guard size <= maximumFileBytes else { return problem("it is larger than \(maximumFileBytes / 1024 / 1024) MB.") }
        guard let data = FileManager.default.contents(atPath: path) else { return problem("it cannot be read.") }
        guard let text = String(data: data, encoding: .utf8) else { return problem("it is not UTF-8 text.") }
        return article(text, name: relativePath, zone: zone)
    }

    public static func article(_ text: String, name: String, zone: TimeZone) -> Result<ImportedArticle, ImportProblem> {
        let matter = FrontMatter.parse(text)
        var body = matter.body.trimmingCharacters(in: .whitespacesAndNewlines)
        var headline = matter["title"]?.text ?? ""
        if headline.isEmpty, body.hasPrefix("# ") {
            // No title field: the first heading is the headline.
            let end = body.firstIndex(of: "\n") ?? body.endIndex
            headline = String(body[body.index(body.startIndex, offsetBy: 2)..<end]).trimmingCharacters(in: .whitespaces)
            body = String(body[end...]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard !headline.isEmpty else { return .failure(ImportProblem(item: name, line: nil, reason: "it has no title.")) }

        let draft = ["true", "yes"].contains(matter["draft"]?.text?.lowercased() ?? "")
        let status = matter["status"]?.text.flatMap(ArticleStatus.init(rawValue:)) ?? (draft ? .draft : .published)
        var article = ImportedArticle(sourceKey: "markdown:" + name, headline: headline, bodyMarkdown: body, status: status)
        let fileStem = ((name as NSString).lastPathComponent as NSString).deletingPathExtension
        // Jekyll names posts 2019-03-14-night-bus.md: the date is not part of the slug.
        let stem = fileStem.replacingOccurrences(of: #"^\d{4}-\d{2}-\d{2}-"#, with: "", options: .regularExpression)
        article.slug = matter["slug"]?.text ?? (stem == "index" ? nil : stem)
        article.standfirst = (matter["standfirst"] ?? matter["description"] ?? matter["summary"] ?? matter["excerpt"])?.text ?? ""

        for key in ["date", "publishdate", "published"] {
            guard let value = matter[key]?.text else { continue }
            if let exact = ArchiveJSON.formatter.date(from: value) {
                article.publishedAt = exact  // our own export, to the millisecond
            } else if let date = PageDates.iso(value, fallbackZone: zone) ?? PageDates.find(in: value, fallbackZone: zone) {
                article.publishedAt = date.date
                if !date.zoneWasGiven { article.warnings.append("its date \(value) has no zone; read as \(zone.identifier) time.") }
            } else {
                article.warnings.append("its date \u{201C}\(value)\u{201D} could not be read.")
            }
            break
        }
        if let value = (matter["updated"] ?? matter["lastmod"])?.text {
            article.updatedAt = ArchiveJSON.formatter.date(from: value) ?? PageDates.iso(value, fallbackZone: zone)?.date
        }
        if article.publishedAt == nil && status == .published {
            article.status = .draft
            article.warnings.append("it has no date; imported as a draft.")
        }

        let names = (matter["authors"] ?? matter["author"])?.list ?? []
        article.authors = names.map { ImportedPerson(name: $0) }
        let categories = matter["categories"]?.list ?? []
        if let section = matter["section"]?.text ?? categories.first { article.section = ImportedTerm(name: section) }
        article.tags = ((matter["tags"]?.list ?? []) + categories.dropFirst(matter["section"] == nil ? 1 : 0)).map { ImportedTerm(name: $0) }

        if let image = (matter["image"] ?? matter["featured_image"] ?? matter["cover"])?.text, SafeURL.check(image, for: .image) != nil {
            article.leadImage = LeadImage(
                url: image,
                alt: matter["alt"]?.text ?? matter["image_alt"]?.text ?? "",
                credit: matter["credit"]?.text ?? matter["image_credit"]?.text ?? "",
                caption: matter["caption"]?.text ?? matter["image_caption"]?.text ?? "",
                width: matter["image_width"]?.text.flatMap { Int($0) },
                height: matter["image_height"]?.text.flatMap { Int($0) }
            )
        }
        article.rightsOverride = matter["rights"]?.text
        article.seoTitle = matter["seo_title"]?.text
        article.seoDescription = matter["seo_description"]?.text
        article.datelineZone = matter["dateline_zone"]?.text
        article.formerSlugs = matter["former_slugs"]?.list ?? []
        // Hugo's aliases and Jekyll's redirect_from are the article's old addresses.
        article.legacyPaths = ((matter["aliases"]?.list ?? []) + (matter["redirect_from"]?.list ?? []) + (matter["legacy_paths"]?.list ?? []))
            .filter { $0.hasPrefix("/") }
        if let corrections = matter["corrections"]?.list {
            article.corrections = corrections.compactMap(MarkdownCorrection.parse)
        }
        return .success(article)
    }
}

/// A correction as one front-matter line: `2024-05-02T10:00:00Z correction: The note.`
public enum MarkdownCorrection {
    public static func line(_ correction: Correction) -> String {
        "\(ArchiveJSON.formatter.string(from: correction.date)) \(correction.kind.rawValue): \(correction.note.replacingOccurrences(of: "\n", with: " "))"
    }

    public static func parse(_ line: String) -> Correction? {
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count == 3, let date = ArchiveJSON.formatter.date(from: String(parts[0])) ?? ISO8601DateFormatter().date(from: String(parts[0])),
            let kind = Correction.Kind(rawValue: String(parts[1].dropLast())), parts[1].hasSuffix(":")
        else { return nil }
        return Correction(kind: kind, note: String(parts[2]), date: date)
    }
}
