import Foundation

/// When a page says its story was published and updated: structured metadata first
/// (JSON-LD, microdata, OpenGraph and `meta`), the printed dateline deciding where
/// they disagree on the day, then the page's visible text, its script data and its
/// address.
extension HTMLPageRecogniser {

    static let publishedMetaKeys = [
        "article:published_time", "og:article:published_time", "published_time", "datepublished", "pubdate", "publishdate", "publish-date",
        "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created", "sailthru.date",
        "parsely-pub-date", "article.published", "article_date_original", "originalpublicationdate", "cxenseparse:recs:publishtime",
        "og:published_time", "release_date", "citation_publication_date",
    ]
    /// The dash after a dateline of at most 40 characters at the start of a paragraph.
    static let datelineDash = Pattern(#"^(.{1,40}?)\s[–—-]\s"#, caseInsensitive: false)
    static let scriptPublishedKey = Pattern(
        #"["'](?:datePublished|publishedAt|published_at|publishDate|publish_date|publicationDate|publication_date|firstPublishedAt|first_published_at|pubDate)["']\s*:\s*["']([0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9:.]+(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?)["']"#,
        caseInsensitive: false
    )
    static let scriptCreatedKey = Pattern(
        #"["'](?:dateCreated|createdAt|created_at)["']\s*:\s*["']([0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9:.]+(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?)["']"#,
        caseInsensitive: false
    )
    static let urlDate = Pattern(#"/((?:19|20)[0-9]{2})[/-]([0-9]{1,2})[/-]([0-9]{1,2})(?:[/-]|$)"#)
    static let modifiedMetaKeys = [
        "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified", "dcterms.modified", "last-modified", "lastmod",
    ]

    func date(_ text: String?) -> PageDate? {
        guard let text = text?.nilIfEmpty else { return nil }
        return PageDates.iso(text, fallbackZone: fallbackZone) ?? PageDates.find(in: text, fallbackZone: fallbackZone)
    }

    func readDates(
        into page: inout RecognisedPage,
        linked: StructuredArticle?,
        micro: Microdata,
        meta: MetaTags,
        texts: ShortTexts,
        region: ArticleRegion,
        root: HTMLNode
    ) {
        var claimed: [(date: PageDate, source: String)] = []
        if let published = date(linked?.published) { claimed.append((published, "json-ld")) }
        if let published = date(micro.value("datePublished")) { claimed.append((published, "microdata")) }
        if let (key, published) = Self.publishedMetaKeys.lazy.compactMap({ key in self.date(meta[key]).map { (key, $0) } }).first {
            claimed.append((published, key.hasPrefix("article:") || key.hasPrefix("og:") ? "opengraph" : "meta"))
        }
        if let updated = date(linked?.modified) ?? date(micro.value("dateModified"))
            ?? Self.modifiedMetaKeys.lazy.compactMap({ self.date(meta[$0]) }).first
        {
            page.updated = updated
        }
        if let first = claimed.first {
            // JSON-LD, then microdata, then OpenGraph and `meta`; where they disagree on the
            // day, the one the page prints beside the story wins (a template's JSON-LD often
            // carries the day the page was rebuilt).
            var chosen = first
            if claimed.contains(where: { $0.date.day != first.date.day }),
                let printed = printedDate(page, texts: texts, region: region, root: root).published
            {
                chosen = claimed.first(where: { $0.date.day == printed.day }) ?? first
            }
            return page.set(\.published, chosen.date, from: chosen.source)
        }
        let printed = printedDate(page, texts: texts, region: region, root: root)
        if let updated = printed.updated { page.updated = page.updated ?? updated }
        if let published = printed.published { return page.set(\.published, published, from: printed.source) }
        // A date labelled as the publication anywhere on the page, a footer included (some
        // sites print it only there): "Erschienen am: 01.11.2023", "Published on 3 May 2019".
        for entry in texts.entries where entry.text.count < 400 {
            guard let word = PageDates.publishedWord.firstMatch(in: entry.text) else { continue }
            let after = entry.text[word.range.upperBound...].prefix(40)
            // Or just before the word, as German writes it: "wurde am 19. Mai 2010 um 23:03 veröffentlicht".
            let before = entry.text[..<word.range.lowerBound].suffix(40)
            if let published = PageDates.find(in: String(after), fallbackZone: fallbackZone)
                ?? PageDates.find(in: String(before), fallbackZone: fallbackZone)
            {
                return page.set(\.published, published, from: "text")
            }
        }
        // An application's own data in a script (Next.js, Nuxt and headless sites print the
        // article as JSON): its publication date, or failing that when the record was created.
        let scripts = root.descendants { $0.name == "script" && ($0["type"] ?? "").lowercased() != "application/ld+json" }.map(\.text)
        for key in [Self.scriptPublishedKey, Self.scriptCreatedKey] {
            for script in scripts {
                if let value = key.firstMatch(in: script)?[1], let published = date(String(value)) {
                    return page.set(\.published, published, from: "script")
                }
            }
        }
        // The address itself: /2020/03/14/ or /2020-03-14-.
        if let url = page.url, let match = Self.urlDate.firstMatch(in: url), let year = match[1].flatMap({ Int($0) }),
            let month = match[2].flatMap({ Int($0) }), let day = match[3].flatMap({ Int($0) }),
            let published = PageDates.make(
                year: year,
                month: month,
                day: day,
                hour: 0,
                minute: 0,
                second: 0,
                offset: nil,
                regional: nil,
                fallbackZone: fallbackZone
            )
        {
            page.set(\.published, published, from: "url")
        }
    }

    /// The date printed with the story: a `<time>` in the article, a dateline near the
    /// headline (its update time too, when it gives one), or a dateline opening the story.
    func printedDate(
        _ page: RecognisedPage,
        texts: ShortTexts,
        region: ArticleRegion,
        root: HTMLNode
    ) -> (
        published: PageDate?, updated: PageDate?, source: String
    ) {
        let scope = region.node ?? root
        if let time = scope.descendants(where: { $0.name == "time" && $0["datetime"] != nil }).first, let published = date(time["datetime"]) {
            return (published, nil, "time")
        }
        let datelike = ["date", "time", "byline", "dateline", "posted", "meta", "published", "datum", "fecha", "info"]
        var updated: PageDate?
        // The article's part of the page first, then the rest of it outside the site's chrome.
        for inRegionOnly in [true, false] where inRegionOnly || region.node != nil {
            for entry in texts.entries
            where entry.text.count < 200 && !entry.inChrome && (!inRegionOnly || region.node == nil || region.contains(entry.node)) {
                guard datelike.contains(where: entry.node.classAndID.contains) || PageFurniture.isBylineOrDateline(entry.text) else { continue }
                let dateline = PageDates.dateline(entry.text, fallbackZone: fallbackZone)
                updated = updated ?? dateline.updated
                if let published = dateline.published { return (published, updated, "text") }
            }
        }
        // A dateline opening the story: "29.11.2022 – Mehrfach und …", "Berlin, 27.1.2022 - Bei …".
        for block in page.body.prefix(3) where block.kind == .paragraph {
            if let dateline = Self.datelineDash.firstMatch(in: block.text)?[1],
                let published = PageDates.find(in: String(dateline), fallbackZone: fallbackZone)
            {
                return (published, updated, "text")
            }
        }
        return (nil, updated, "text")
    }
}
