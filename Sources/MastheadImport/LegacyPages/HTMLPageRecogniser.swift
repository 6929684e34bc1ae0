import Foundation

/// Recognises an article in a saved HTML page by evidence: the body by scoring
/// candidates (`BodyFinder`), each field of metadata from the most reliable
/// source the page has — JSON-LD, then microdata, OpenGraph, `meta` names,
/// then the visible text near the headline — with the source of each field
/// recorded for the dry run.
struct HTMLPageRecogniser {
    /// Dates printed without a zone are read in this one: the page's own (`PageZone`)
    /// where it names one, else the importer's.
    var fallbackZone: TimeZone

    func recognise(_ html: String) -> RecognisedPage {
        let root = HTMLTree.parse(html)
        let meta = metaTags(root)
        let linked = StructuredArticle.find(in: root)
        let url =
            root.descendants { $0.name == "link" && ($0["rel"] ?? "").lowercased() == "canonical" }.first?["href"]?.nilIfEmpty ?? meta["og:url"]
            ?? linked?.url
        var recogniser = self
        let httpLanguage = root.descendants { $0.name == "meta" && ($0["http-equiv"] ?? "").lowercased() == "content-language" }.first?["content"]
        let languages = [root.first("html")?["lang"], root.first("html")?["xml:lang"], meta["og:locale"], httpLanguage]
        if let zone = PageZone.infer(languageTags: languages.compactMap { $0 }, url: url) { recogniser.fallbackZone = zone }
        return recogniser.recognise(root: root, meta: meta, linked: linked, url: url)
    }

    func recognise(root: HTMLNode, meta: MetaTags, linked: StructuredArticle?, url: String?) -> RecognisedPage {
        var page = RecognisedPage()
        let micro = Microdata(root)
        let texts = ShortTexts(root)

        var finder = BodyFinder(root: root)
        let (blocks, container) = finder.find()
        page.body = blocks
        let region = ArticleRegion(root: root, container: container)

        page.url = url

        // Headline: never the site's own name, whichever side of the title it is printed on.
        let site = SiteName(meta: meta, linked: linked, url: page.url, texts: texts)
        if let headline = linked?.headline {
            page.set(\.headline, headline, from: "json-ld")
        } else if let headline = micro.value("headline") {
            page.set(\.headline, headline, from: "microdata")
        } else if let headline = meta["og:title"] ?? meta["twitter:title"] {
            page.set(\.headline, withoutSiteName(headline, site: meta["og:site_name"]), from: "opengraph")
        } else if let heading = headlineElement(
            root,
            region: region,
            title: root.first("title")?.textContent,
            site: site
        ) {
            page.set(\.headline, heading.textContent, from: heading.name)
        } else if let title = titleWithoutSite(root, site: site) {
            page.set(\.headline, title, from: "title")
        }
        page.standfirst = linked?.description ?? meta["og:description"] ?? meta["description"]
        if let container {
            let ledes = LedeFinder(root: root, container: container).ledes(standfirst: page.standfirst, body: page.body)
            page.body = ledes.map { RecognisedPage.Block(kind: .paragraph, text: $0) } + page.body
        }
        page.section = linked?.section ?? meta["article:section"] ?? micro.value("articleSection")

        readAuthors(into: &page, linked: linked, micro: micro, meta: meta, texts: texts, region: region)
        readDates(into: &page, linked: linked, micro: micro, meta: meta, texts: texts, region: region, root: root)
        page.published = page.published?.shown(in: fallbackZone)
        page.updated = page.updated?.shown(in: fallbackZone)
        if let published = page.published, !published.zoneWasGiven {
            page.warnings.append("the publication date gives no zone; read as \(fallbackZone.identifier) time.")
        }
        page.leadImage = leadPhoto(root, region: region, base: page.url)

        page.tags = linked?.keywords ?? meta.all("article:tag")
        if page.tags.isEmpty { page.tags = tagLinks(in: region.node ?? root, texts: texts) }
        if page.tags.isEmpty, region.node != nil { page.tags = tagLinks(in: root, texts: texts) }
        page.rights = texts.entries.last { entry in
            PageFurniture.isRights(entry.text) && !entry.node.children.contains { texts.text(of: $0).map(PageFurniture.isRights) ?? false }
        }.map { PageFurniture.rightsOnly($0.text) }
        page.warnIfIncomplete()
        return page
    }

    /// Links to the site's tag pages: `rel="tag"`, an address under /tag/, /topics/, /thema/…,
    /// or links inside a box whose class says tags, topics or keywords.
    func tagLinks(in scope: HTMLNode, texts: ShortTexts) -> [String] {
        var found: [String] = []
        func walk(_ node: HTMLNode, inTagBox: Bool) {
            for child in node.children where !child.isText {
                // The whole page's chrome is skipped; an article's own footer often holds its tags.
                if scope.name == "#root" && ["nav", "footer", "header", "aside"].contains(child.name) { continue }
                let box = inTagBox || BodyFinder.words(child.classAndID).contains { Self.tagBoxWords.contains(String($0)) }
                if child.name == "a" {
                    let href = (child["href"] ?? "").lowercased()
                    if (child["rel"] ?? "").contains("tag") || Self.tagPaths.contains(where: href.contains) || box,
                        let text = texts.text(of: child), text.count < 60, !found.contains(text)
                    {
                        found.append(text)
                    }
                } else {
                    walk(child, inTagBox: box)
                }
            }
        }
        walk(scope, inTagBox: false)
        return found
    }

    static let tagPaths = [
        "/tag/", "/tags/", "/topic/", "/topics/", "/thema/", "/themen/", "/schlagwort/", "/schlagworte/", "/stichwort/", "/keyword/", "/keywords/",
        "/mots-cles/", "/etiqueta/", "/tema/",
    ]
    static let tagBoxWords: Set<String> = ["tags", "tag", "topics", "keywords", "schlagworte", "schlagwoerter", "stichworte", "etiquetas", "themen"]

    // MARK: - Authors

    func readAuthors(
        into page: inout RecognisedPage,
        linked: StructuredArticle?,
        micro: Microdata,
        meta: MetaTags,
        texts: ShortTexts,
        region: ArticleRegion
    ) {
        // The site or its publisher named as the author is no byline: the next source is asked.
        let site = SiteName(meta: meta, linked: linked, url: page.url)
        let cleaned = { (names: [String]) -> [String] in
            var seen: Set<String> = []
            return names.flatMap { Bylines.names(in: $0) }.filter { !site.matches($0) && seen.insert($0.lowercased()).inserted }
        }
        if let names = linked?.authors.map(cleaned), !names.isEmpty { return page.set(\.authors, names, from: "json-ld") }
        if !micro.authors.isEmpty, case let names = cleaned(micro.authors), !names.isEmpty { return page.set(\.authors, names, from: "microdata") }
        for key in ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl", "twitter:creator"] {
            let values = meta.all(key).filter { !$0.contains("://") && !$0.hasPrefix("@") }
            if case let names = cleaned(values), !names.isEmpty { return page.set(\.authors, names, from: "meta") }
        }
        // A byline element, an author's page link or a "By …" line: in the article's part of
        // the page first, then anywhere outside the chrome and comments.
        let outside = texts.entries.filter { !$0.inChrome }
        let inRegion = region.node == nil ? outside : outside.filter { region.contains($0.node) } + outside.filter { !region.contains($0.node) }
        let isBylineElement: (HTMLNode) -> Bool = { node in
            let words = node.classAndID
            return node["rel"] == "author" || node["itemprop"] == "author"
                || ["byline", "author", "autor", "auteur", "writer", "reporter", "contributor"].contains(where: words.contains)
                    && !["bio", "avatar", "image", "photo", "box", "info-box", "about", "comment"].contains(where: words.contains)
        }
        for entry in inRegion where isBylineElement(entry.node) && entry.text.count < 120 {
            if case let names = cleaned([entry.text]), !names.isEmpty { return page.set(\.authors, names, from: "byline") }
        }
        let authorPaths = ["/author/", "/autor/", "/authors/", "/auteur/", "/autores/", "/autoren/", "/journalist/", "/redakteur/"]
        for entry in inRegion where entry.node.name == "a" && authorPaths.contains(where: (entry.node["href"] ?? "").lowercased().contains) {
            if case let names = cleaned([entry.text]), !names.isEmpty { return page.set(\.authors, names, from: "author-link") }
        }
        for entry in inRegion where Bylines.isByline(entry.text) {
            if case let names = cleaned([entry.text]).filter(Bylines.looksLikeName), !names.isEmpty {
                return page.set(\.authors, names, from: "text")
            }
        }
    }

    // MARK: - Lead photo

    func leadPhoto(_ root: HTMLNode, region: ArticleRegion, base: String?) -> RecognisedPage.Photo? {
        let scope = region.node ?? root
        // A `<figure>`, or a box of an image and its caption (`wp-caption`, `image`, `photo`).
        let isPhotoBox = { (node: HTMLNode) -> Bool in
            guard node.first("img") != nil else { return false }
            if node.name == "figure" { return true }
            let words = BodyFinder.words(node.classAndID)
            return words.contains { ["caption", "image", "photo", "picture", "media", "img", "bild", "foto"].contains(String($0)) }
                && node.descendants(where: { Self.isCaption($0) }).first != nil
        }
        guard let figure = scope.descendants(where: isPhotoBox).first ?? root.descendants(where: isPhotoBox).first else { return nil }
        let caption = figure.first("figcaption") ?? figure.descendants(where: { Self.isCaption($0) }).first
        let creditNode = caption?.descendants { node in
            ["credit", "copyright", "photographer", "source", "byline", "author", "fotograf"].contains(where: node.classAndID.contains)
        }.first
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
        let source = image?["src"] ?? image?["data-src"]
        return RecognisedPage.Photo(
            credit: credit.flatMap { $0.isEmpty ? nil : $0 },
            caption: collapseWhitespace(captionText).isEmpty ? nil : collapseWhitespace(captionText),
            url: source.map { absolute($0, base: base) },
            alt: image?["alt"]
        )
    }

    static func isCaption(_ node: HTMLNode) -> Bool {
        node.name == "figcaption"
            || BodyFinder.words(node.classAndID).contains { $0.hasPrefix("caption") || $0 == "legend" || $0 == "bildunterschrift" }
    }

    // MARK: - Headline

    /// The article's `<h1>`: the one whose words the page's `<title>` repeats, inside the
    /// article's part of the page, never the site's logo.
    func headlineElement(_ root: HTMLNode, region: ArticleRegion, title: String?, site: SiteName) -> HTMLNode? {
        var found: [HTMLNode] = []
        var titled: [HTMLNode] = []
        func walk(_ node: HTMLNode) {
            for child in node.children where !child.isText {
                if ["nav", "footer", "aside"].contains(child.name)
                    || ["logo", "brand", "site-title", "site-name", "masthead", "sidebar", "widget"].contains(where: child.classAndID.contains)
                {
                    continue
                }
                if child.name == "h1" {
                    // The site's name in an `<h1>`, or an `<h1>` that is only a link home, is the masthead.
                    let links = child.descendants { $0.name == "a" }
                    let home = links.count == 1 && ["/", "./", "index.html"].contains(links[0]["href"] ?? "")
                    if !home && !site.matches(child.textContent) { found.append(child) }
                } else {
                    if ["h2", "h3"].contains(child.name) && ["title", "headline", "heading"].contains(where: child.classAndID.contains) {
                        titled.append(child)
                    }
                    walk(child)
                }
            }
        }
        walk(root)
        if found.isEmpty { found = titled }
        guard found.count > 1 else { return found.first }
        let titleWords = Set((title ?? "").lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        func score(_ heading: HTMLNode) -> Double {
            let words = heading.textContent.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            guard !words.isEmpty else { return -1 }
            let overlap = Double(words.filter(titleWords.contains).count) / Double(words.count)
            return overlap + (region.contains(heading) ? 0.5 : 0)
        }
        return found.max { score($0) < score($1) }
    }

    func withoutSiteName(_ title: String, site: String?) -> String {
        guard let site = site?.nilIfEmpty else { return title }
        for separator in [" | ", " – ", " — ", " - ", " :: ", " · "] where title.hasSuffix(separator + site) {
            return String(title.dropLast(separator.count + site.count))
        }
        return title
    }

    /// The `<title>` without the site's name, whichever side it is printed on.
    func titleWithoutSite(_ root: HTMLNode, site: SiteName) -> String? {
        guard let title = root.first("title")?.textContent, !title.isEmpty else { return nil }
        for separator in [" | ", " – ", " — ", " - ", " :: "] where title.contains(separator) {
            let parts = title.components(separatedBy: separator).map { collapseWhitespace($0) }.filter { !$0.isEmpty }
            let own = parts.filter { !site.matches($0) }
            return (own.isEmpty ? parts : own).max { $0.count < $1.count }
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
                guard let key = meta["property"] ?? meta["name"] ?? meta["itemprop"], let value = meta["content"] else { return nil }
                return (key.lowercased(), value)
            }
        )
    }
}
