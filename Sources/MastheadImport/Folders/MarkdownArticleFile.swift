import Foundation
import MastheadCore

/// An article as a Markdown file with YAML front matter, in the keys
/// `MarkdownFolderReader` reads (Hugo's and Jekyll's where they have one).
public enum MarkdownArticleFile {
    public static func text(_ article: ArchiveArticle) -> String {
        var lines = ["---"]
        func add(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("\(key): \(FrontMatter.quoted(value))")
        }
        func addList(_ key: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            lines.append("\(key):")
            lines += values.map { "  - \(FrontMatter.quoted($0))" }
        }
        let dates = ArchiveJSON.formatter
        add("title", article.headline)
        add("slug", article.slug)
        add("status", article.status.rawValue)
        add("date", article.publishedAt.map(dates.string(from:)))
        add("updated", article.updatedAt.map(dates.string(from:)))
        add("section", article.section)
        addList("authors", article.authors)
        addList("tags", article.tags)
        add("standfirst", article.standfirst)
        if let image = article.leadImage {
            add("image", image.url)
            add("alt", image.alt)
            add("caption", image.caption)
            add("credit", image.credit)
            add("image_width", image.width.map(String.init))
            add("image_height", image.height.map(String.init))
        }
        add("rights", article.rightsOverride)
        add("seo_title", article.seoTitle)
        add("seo_description", article.seoDescription)
        add("dateline_zone", article.datelineZone)
        addList("former_slugs", article.formerSlugs)
        addList("legacy_paths", article.legacyPaths)
        addList("corrections", article.corrections.map(MarkdownCorrection.line))
        lines.append("---")
        return lines.joined(separator: "\n") + "\n\n" + article.bodyMarkdown + "\n"
    }
}
