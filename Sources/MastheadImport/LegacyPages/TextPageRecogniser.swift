import Foundation

/// Recognises an article in a page saved as text (a browser's "save as text",
/// a scraper's dump), where only the layout is left: one block per line.
///
/// The byline or dateline anchors everything: the headline is the last
/// headline-like line above it (a standfirst may sit between), the photo line
/// follows it, and the body runs from there to the tags, the copyright line or
/// the first list of other stories. Furniture lines are dropped on the way.
struct TextPageRecogniser {
    let fallbackZone: TimeZone

    func recognise(_ content: String) -> RecognisedPage {
        var page = RecognisedPage()
        let lines = content.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map { collapseWhitespace(String($0)) }
            .filter { !$0.isEmpty }
        guard !lines.isEmpty else { return page }

        page.rights = lines.first(where: PageFurniture.isRights).map(PageFurniture.rightsOnly)
        // The byline/dateline: the first line near the top naming authors or carrying a date.
        let searchEnd = min(lines.count, 25)
        var anchor: Int?
        for index in 0..<searchEnd where isByline(lines[index]) || isDateline(lines[index]) {
            anchor = index
            break
        }
        let site = siteName(lines)
        let isHeadlineLike = { (line: String) in
            !PageFurniture.isFurniture(line) && self.wordCount(line) >= 3 && !(page.rights?.contains(line) ?? false)
                && !self.isSiteName(line, site: site)
                && !line.contains(" | ")
        }
        guard let anchor else {
            // No byline or dateline: the first headline-like line stands in for one.
            page.warnings.append("no byline or date line was found near the top of the page.")
            guard let headline = lines.prefix(25).firstIndex(where: isHeadlineLike) else { return page }
            page.headline = lines[headline]
            readBody(lines, from: headline + 1, into: &page)
            page.warnIfIncomplete()
            return page
        }

        // Headline and standfirst above the anchor; the site's name and navigation are not headlines.
        let above = lines[..<anchor].filter(isHeadlineLike)
        if let first = above.first {
            page.headline = first
            if above.count >= 2 { page.standfirst = above[1] }
        } else if anchor > 0 {
            page.headline = lines[anchor - 1]
        }

        // Byline, dates and the photo line: the anchor and the few lines after it.
        var index = anchor
        while index < lines.count && index < anchor + 5 {
            let line = lines[index]
            if isByline(line) && page.authors.isEmpty {
                page.authors = Bylines.names(in: line)
            }
            if isDateline(line) {
                readDates(line, into: &page)
            } else if let photo = photoLine(line) {
                page.leadImage = photo
            } else if !isByline(line) && !PageFurniture.isFurniture(line) && index > anchor {
                break
            }
            index += 1
        }

        readBody(lines, from: index, into: &page)
        // A text save has no metadata: every field comes from its lines.
        for (field, found) in [("headline", page.headline != nil), ("authors", !page.authors.isEmpty), ("published", page.published != nil)]
        where found {
            page.sources[field] = "text"
        }
        page.warnIfIncomplete()
        return page
    }

    /// The site's name as its copyright line gives it ("©2021 Lakeside Bulletin All rights reserved." → "lakeside bulletin").
    func siteName(_ lines: [String]) -> String? {
        guard let rights = lines.first(where: PageFurniture.isRights) else { return nil }
        let words = rights.lowercased().replacingOccurrences(of: "©", with: " ").replacingOccurrences(of: "(c)", with: " ")
            .split(whereSeparator: { !$0.isLetter }).filter {
                !["copyright", "all", "rights", "reserved", "do", "not", "reproduce", "without", "permission", "ltd", "inc", "the"].contains($0)
            }
        return words.isEmpty ? nil : words.prefix(4).joined(separator: " ")
    }

    /// The masthead: the copyright line's owner, or a short line all in capitals.
    func isSiteName(_ line: String, site: String?) -> Bool {
        let letters = line.lowercased().split(whereSeparator: { !$0.isLetter }).filter { $0 != "the" }.joined(separator: " ")
        if let site, letters == site { return true }
        return line == line.uppercased() && line.contains(where: \.isLetter) && wordCount(line) <= 4
    }

    func readBody(_ lines: [String], from start: Int, into page: inout RecognisedPage) {
        var index = start
        // Body: up to tags, rights or the first list of other stories.
        while index < lines.count {
            let line = lines[index]
            index += 1
            if let tags = PageFurniture.tags(inLine: line) {
                page.tags = tags
                break
            }
            if PageFurniture.isRights(line) || PageFurniture.isListHeading(line) { break }
            guard !PageFurniture.isFurniture(line), isProse(line) else { continue }
            page.body.append(.init(kind: .paragraph, text: line))
        }
        // Tags may also come after the rights line on some layouts.
        if page.tags.isEmpty, let tags = lines[index...].lazy.compactMap(PageFurniture.tags(inLine:)).first { page.tags = tags }
    }

    func wordCount(_ line: String) -> Int {
        line.split(separator: " ").count
    }

    /// "By …", or a short "Name | | date |" line.
    func isByline(_ line: String) -> Bool {
        if Bylines.isByline(line) { return true }
        guard line.contains("|"), let first = line.split(separator: "|").first else { return false }
        let name = collapseWhitespace(String(first))
        return PageDates.find(in: line, fallbackZone: fallbackZone) != nil && looksLikeName(name)
    }

    /// In any case: "Lena Okafor", "lena okafor", "LENA OKAFOR".
    func looksLikeName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (1...5).contains(words.count) && words.allSatisfy { $0.first?.isLetter ?? false } && !text.contains(where: \.isNumber)
    }

    func isDateline(_ line: String) -> Bool {
        line.count < 200 && PageDates.find(in: line, fallbackZone: fallbackZone) != nil
            && (line.range(of: #"\b(published|updated|posted|last modified|modified)\b"#, options: [.regularExpression, .caseInsensitive]) != nil
                || isByline(line) || wordCount(line) <= 8)
    }

    func readDates(_ line: String, into page: inout RecognisedPage) {
        // "Published: <date> | Updated: <date>": each part read on its own.
        let parts = PageDates.datelineSeparators.split(line).map(String.init)
        for part in parts {
            guard let date = PageDates.find(in: part, fallbackZone: fallbackZone) else { continue }
            if !date.zoneWasGiven {
                page.warnings.append("the date \u{201C}\(collapseWhitespace(part))\u{201D} gives no zone; read as \(fallbackZone.identifier) time.")
            }
            if part.range(of: #"\b(updated|modified)\b"#, options: [.regularExpression, .caseInsensitive]) != nil {
                page.updated = page.updated ?? date
            } else if page.published == nil {
                page.published = date
            }
        }
    }

    /// "Image: caption. Credit: X", "(Photo : X) caption", "Photo: X".
    func photoLine(_ line: String) -> RecognisedPage.Photo? {
        var text = line
        if let label = text.firstMatch(of: #/^(image|photo|photograph|picture|caption|pictured|foto|bild|credit)\s*:\s*/#.ignoresCase()) {
            text = String(text[label.range.upperBound...])
            let credit = text.firstMatch(of: #/\s*(?:credit|photo|source)s?\s*:\s*(.+)$/#.ignoresCase())
            if let credit {
                let caption = String(text[..<credit.range.lowerBound])
                return .init(credit: collapseWhitespace(String(credit.1)), caption: collapseWhitespace(caption))
            }
            let split = PageFurniture.splitCredit(text)
            return ["photo", "photograph", "foto", "bild", "credit"].contains(label.output.1.lowercased()) && split.credit == nil
                && wordCount(text) <= 6
                ? .init(credit: text, caption: nil) : .init(credit: split.credit, caption: split.caption)
        }
        // "(Photo : Reuters) caption" or "caption (Photo by A. Kim/Star)".
        if line.range(of: #"^\(\s*(photo|picture|image|credit)s?\s*(:|by)"#, options: [.regularExpression, .caseInsensitive]) != nil
            || line.range(of: #"\(\s*(photo|picture|image|credit|photograph)s?\s*(:|by)[^)]+\)$"#, options: [.regularExpression, .caseInsensitive])
                != nil
        {
            let split = PageFurniture.splitCredit(line)
            return .init(credit: split.credit, caption: split.caption.isEmpty ? nil : split.caption)
        }
        return nil
    }

    /// A paragraph of prose ends like a sentence (or is long); a stray label does not.
    func isProse(_ line: String) -> Bool {
        guard let last = line.last else { return false }
        return ".!?\"\u{201D}\u{2019}':)…".contains(last) || wordCount(line) >= 16
    }
}
