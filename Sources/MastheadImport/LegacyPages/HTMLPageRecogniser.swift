import Foundation

/// Recognises an article in a saved HTML page: the page's own metadata first
/// (JSON-LD `NewsArticle`, OpenGraph and `article:` meta tags, `<time>`,
/// `<figure>`), then its structure (the element holding most of the prose),
/// with furniture removed by element, class and wording.
struct HTMLPageRecogniser {
    let fallbackZone: TimeZone

    func recognise(_ html: String) -> RecognisedPage {
        let root = HTMLTree.parse(html)
        var page = RecognisedPage()
        let meta = metaTags(root)
        let linked = StructuredArticle.find(in: root)

        page.url =
            root.descendants { $0.name == "link" && ($0["rel"] ?? "").lowercased() == "canonical" }.first?["href"] ?? meta["og:url"] ?? linked?.url
        page.headline = linked?.headline ?? meta["og:title"] ?? headlineElement(root)?.textContent ?? titleWithoutSite(root)
        page.standfirst = linked?.description ?? meta["og:description"] ?? meta["description"]
        page.section = linked?.section ?? meta["article:section"]

        let article = mainContainer(root)
        page.authors = linked?.authors ?? []
        if page.authors.isEmpty, let author = meta["author"] { page.authors = PageFurniture.names(inByline: author) }
        // The byline and the lead photo often sit just outside the body's container.
        let isByline: (HTMLNode) -> Bool = { $0.classAndID.contains("byline") || $0.classAndID.contains("author") || $0["rel"] == "author" }
        if page.authors.isEmpty, let byline = article.descendants(where: isByline).first ?? root.descendants(where: isByline).first {
            page.authors = PageFurniture.names(inByline: byline.textContent)
        }

        let timeElement = article.first("time") ?? root.first("time")
        page.published = (linked?.published ?? meta["article:published_time"] ?? timeElement?["datetime"]).flatMap {
            PageDates.iso($0, fallbackZone: fallbackZone)
        }
        page.updated = (linked?.modified ?? meta["article:modified_time"]).flatMap { PageDates.iso($0, fallbackZone: fallbackZone) }
        if page.published == nil {
            // No machine-readable date: the printed dateline ("Posted March 3, 2020 at 4:15 p.m. ET").
            for node in root.descendants(where: { ["date", "time", "byline", "dateline", "posted", "meta"].contains(where: $0.classAndID.contains) })
            {
                let text = node.textContent
                guard text.count < 200, let date = PageDates.find(in: text, fallbackZone: fallbackZone) else { continue }
                if text.range(of: #"\b(updated|modified)\b"#, options: [.regularExpression, .caseInsensitive]) != nil {
                    page.updated = page.updated ?? date
                } else if page.published == nil {
                    page.published = date
                }
            }
        }
        if let published = page.published, !published.zoneWasGiven {
            page.warnings.append("the publication date gives no zone; read as \(fallbackZone.identifier) time.")
        }

        if let figure = article.first("figure") ?? root.descendants(where: { $0.name == "figure" && $0.first("img") != nil }).first {
            let caption = figure.first("figcaption")
            let creditNode = caption?.descendants { $0.classAndID.contains("credit") || $0.classAndID.contains("copyright") }.first
            var credit = creditNode?.textContent
            var captionText = caption?.textContent ?? ""
            if let creditText = credit, let range = captionText.range(of: creditText) {
                captionText.removeSubrange(range)
            }
            let split = PageFurniture.splitCredit(credit ?? captionText)
            if credit != nil {
                credit = split.credit ?? split.caption
            } else {
                credit = split.credit
                captionText = split.caption
            }
            let image = figure.first("img")
            page.leadImage = RecognisedPage.Photo(
                credit: credit.flatMap { $0.isEmpty ? nil : $0 },
                caption: collapseWhitespace(captionText).isEmpty ? nil : collapseWhitespace(captionText),
                url: image?["src"].map { absolute($0, base: page.url) },
                alt: image?["alt"]
            )
        }

        page.body = bodyBlocks(article)
        page.tags = linked?.keywords ?? meta.all("article:tag")
        if page.tags.isEmpty {
            page.tags = article.descendants { $0.name == "a" && (($0["rel"] ?? "").contains("tag") || ($0["href"] ?? "").contains("/tag/")) }.map(
                \.textContent
            )
        }
        page.rights = rightsLine(root)
        return page
    }

    /// The element holding the article's prose: `<article>`, an `articleBody`, or
    /// failing those the element with the most paragraph text directly inside.
    func mainContainer(_ root: HTMLNode) -> HTMLNode {
        if let body = root.descendants(where: { $0["itemprop"] == "articleBody" }).first { return body }
        let articles = root.descendants { $0.name == "article" }
        if let best = articles.max(by: { proseLength($0) < proseLength($1) }), proseLength(best) > 200 { return best }
        let candidates = root.descendants { ["div", "section", "main", "td"].contains($0.name) }
        if let best = candidates.max(by: { directProse($0) < directProse($1) }), directProse(best) > 200 { return best }
        return root.first("body") ?? root
    }

    func proseLength(_ node: HTMLNode) -> Int {
        node.descendants { $0.name == "p" }.reduce(0) { $0 + $1.textContent.count }
    }

    func directProse(_ node: HTMLNode) -> Int {
        node.children.filter { $0.name == "p" }.reduce(0) { $0 + $1.textContent.count }
    }

    /// Paragraphs, subheads and quotations in order, leaving out furniture.
    func bodyBlocks(_ container: HTMLNode) -> [RecognisedPage.Block] {
        var blocks: [RecognisedPage.Block] = []
        func walk(_ node: HTMLNode, inQuote: Bool) {
            for child in node.children where !child.isText {
                if PageFurniture.isFurnitureElement(child) { continue }
                switch child.name {
                case "p":
                    let text = child.textContent
                    if isBodyText(text) { blocks.append(.init(kind: inQuote ? .quote : .paragraph, text: text)) }
                case "blockquote":
                    let paragraphs = child.descendants { $0.name == "p" }
                    if paragraphs.isEmpty {
                        let text = child.textContent
                        if !text.isEmpty { blocks.append(.init(kind: .quote, text: text)) }
                    } else {
                        walk(child, inQuote: true)
                    }
                case "h2", "h3", "h4":
                    let text = child.textContent
                    if PageFurniture.isListHeading(text) { return }
                    if !text.isEmpty && !PageFurniture.isFurniture(text) { blocks.append(.init(kind: .subhead, text: text)) }
                case "ul", "ol", "table", "section":
                    // Lists inside an article are more often links to other stories than prose.
                    if child.name == "section" { walk(child, inQuote: inQuote) }
                default:
                    walk(child, inQuote: inQuote)
                }
            }
        }
        walk(container, inQuote: false)
        return blocks
    }

    func isBodyText(_ text: String) -> Bool {
        !text.isEmpty && !PageFurniture.isFurniture(text) && !PageFurniture.isRights(text) && PageFurniture.tags(inLine: text) == nil
    }

    func rightsLine(_ root: HTMLNode) -> String? {
        let candidates = root.descendants { node in
            ["p", "small", "span", "div", "footer", "li"].contains(node.name) && PageFurniture.isRights(node.textContent)
        }
        // The innermost element that holds the notice.
        return candidates.last { candidate in !candidate.children.contains { !$0.isText && PageFurniture.isRights($0.textContent) } }?.textContent
    }

    /// The article's `<h1>`, not the site's logo in the header.
    func headlineElement(_ root: HTMLNode) -> HTMLNode? {
        var found: [HTMLNode] = []
        func walk(_ node: HTMLNode) {
            for child in node.children where !child.isText {
                if ["header", "nav", "footer", "aside"].contains(child.name)
                    || ["logo", "brand", "masthead", "site-title"].contains(where: child.classAndID.contains)
                {
                    continue
                }
                if child.name == "h1" { found.append(child) } else { walk(child) }
            }
        }
        walk(root)
        return found.first ?? root.first("h1")
    }

    func titleWithoutSite(_ root: HTMLNode) -> String? {
        guard let title = root.first("title")?.textContent, !title.isEmpty else { return nil }
        for separator in [" | ", " – ", " — ", " - ", " :: "] {
            if let range = title.range(of: separator, options: .backwards) { return String(title[..<range.lowerBound]) }
        }
        return title
    }

    func absolute(_ source: String, base: String?) -> String {
        guard !source.hasPrefix("http://"), !source.hasPrefix("https://"), let base, let url = URL(string: source, relativeTo: URL(string: base))
        else {
            return source
        }
        return url.absoluteString
    }

    struct MetaTags {
        var values: [(key: String, value: String)]
        subscript(key: String) -> String? { values.first { $0.key == key }?.value.nilIfEmpty }
        func all(_ key: String) -> [String] { values.filter { $0.key == key }.map { collapseWhitespace($0.value) }.filter { !$0.isEmpty } }
    }

    func metaTags(_ root: HTMLNode) -> MetaTags {
        MetaTags(
            values: root.descendants { $0.name == "meta" }.compactMap { meta in
                guard let key = meta["property"] ?? meta["name"], let value = meta["content"] else { return nil }
                return (key.lowercased(), value)
            }
        )
    }
}

extension String {
    var nilIfEmpty: String? {
        let trimmed = collapseWhitespace(self)
        return trimmed.isEmpty ? nil : trimmed
    }
}
