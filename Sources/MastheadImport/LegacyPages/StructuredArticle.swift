import Foundation

/// The schema.org article a page describes in JSON-LD: the most reliable
/// source of headline, authors, dates and keywords when a page has one.
struct StructuredArticle {
    var headline: String?
    var description: String?
    var authors: [String]?
    var published: String?
    var modified: String?
    var keywords: [String]?
    var section: String?
    var url: String?
    var publisher: String?

    static let articleTypes: Set<String> = [
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting", "BackgroundNewsArticle",
        "ReviewNewsArticle", "LiveBlogPosting", "TechArticle", "ScholarlyArticle", "Report", "SatiricalArticle",
    ]
    /// Pages that are no article but still date themselves and name their authors.
    static let otherDatedTypes: Set<String> = ["WebPage", "ItemPage", "HowTo", "Recipe"]

    static func find(in root: HTMLNode) -> StructuredArticle? {
        // A page often has several blocks, the site's `WebPage` before the `Article`:
        // every block is read before settling for a `WebPage`.
        let blocks = root.descendants(where: { $0.name == "script" && ($0["type"] ?? "").lowercased() == "application/ld+json" }).compactMap {
            script -> Any? in
            guard script.text.utf8.count < 1_000_000, let data = script.text.data(using: .utf8) else { return nil }
            return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        }
        // Yoast and others name the author by `@id`, with the person elsewhere in the graph.
        var nodes: [String: [String: Any]] = [:]
        for json in blocks { collectIdentified(json, into: &nodes, depth: 0) }
        if let article = blocks.lazy.compactMap({ articleObject(in: $0, depth: 0) }).first {
            return StructuredArticle(article, nodes: nodes)
        }
        if let page = blocks.lazy.compactMap({ articleObject(in: $0, depth: 0, types: otherDatedTypes) }).first {
            // A `WebPage`'s name is the page's title, site and all: only its dates and authors count.
            var found = StructuredArticle(page, nodes: nodes)
            found.headline = nil
            return found
        }
        return nil
    }

    /// The first object whose `@type` is an article type, looking through arrays and `@graph`.
    /// A page that is no article type may still date itself as a `WebPage`.
    static func articleObject(in json: Any, depth: Int, types wanted: Set<String> = articleTypes) -> [String: Any]? {
        guard depth < 6 else { return nil }
        if let array = json as? [Any] {
            return array.lazy.compactMap { articleObject(in: $0, depth: depth + 1, types: wanted) }.first
        }
        guard let object = json as? [String: Any] else { return nil }
        let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
        if types.contains(where: wanted.contains) { return object }
        if let graph = object["@graph"] { return articleObject(in: graph, depth: depth + 1, types: wanted) }
        return nil
    }

    static func collectIdentified(_ json: Any, into nodes: inout [String: [String: Any]], depth: Int) {
        guard depth < 6 else { return }
        if let array = json as? [Any] {
            for item in array { collectIdentified(item, into: &nodes, depth: depth + 1) }
        } else if let object = json as? [String: Any] {
            if let id = object["@id"] as? String, object["name"] != nil { nodes[id] = object }
            if let graph = object["@graph"] { collectIdentified(graph, into: &nodes, depth: depth + 1) }
        }
    }

    init(_ object: [String: Any], nodes: [String: [String: Any]] = [:]) {
        func text(_ key: String) -> String? {
            (object[key] as? String).flatMap { HTMLTree.parse($0).textContent.nilIfEmpty }
        }
        headline = text("headline") ?? text("name")
        description = text("description")
        published = text("datePublished")
        modified = text("dateModified")
        url = text("url") ?? (object["mainEntityOfPage"] as? [String: Any])?["@id"] as? String ?? text("mainEntityOfPage")
        publisher = ((object["publisher"] as? [String: Any])?["name"] as? String)?.nilIfEmpty
        section = text("articleSection") ?? (object["articleSection"] as? [String])?.first
        let people: [Any] = (object["author"] as? [Any]) ?? object["author"].map { [$0] } ?? []
        // People before organisations: a page may name its newsroom beside the reporter.
        let isOrganisation = { (person: Any) in ((person as? [String: Any])?["@type"] as? String) == "Organization" }
        let ordered = people.filter { !isOrganisation($0) } + people.filter(isOrganisation)
        let names = ordered.compactMap { person -> String? in
            if let name = person as? String { return name.nilIfEmpty }
            guard let person = person as? [String: Any] else { return nil }
            if let name = person["name"] as? String { return name.nilIfEmpty }
            return ((person["@id"] as? String).flatMap { nodes[$0] }?["name"] as? String)?.nilIfEmpty
        }
        authors = names.isEmpty ? nil : names
        if let list = object["keywords"] as? [String] {
            keywords = list.compactMap(\.nilIfEmpty)
        } else if let list = object["keywords"] as? String {
            keywords = list.split(separator: ",").compactMap { String($0).nilIfEmpty }
        }
        if keywords?.isEmpty ?? false { keywords = nil }
    }
}

extension String {
    var nilIfEmpty: String? {
        let trimmed = collapseWhitespace(self)
        return trimmed.isEmpty ? nil : trimmed
    }
}
