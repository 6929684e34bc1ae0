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

        page.rights = lines.first(where: PageFurniture.isRights)
        // The byline/dateline: the first line near the top naming authors or carrying a date.
        let searchEnd = min(lines.count, 25)
        var anchor: Int?
        for index in 0..<searchEnd where isByline(lines[index]) || isDateline(lines[index]) {
            anchor = index
            break
        }
        guard let anchor else {
            page.warnings.append("no byline or date line was found near the top of the page.")
            page.headline = lines.first { !PageFurniture.isFurniture($0) && wordCount($0) >= 3 }
            return page
        }

        // Headline and standfirst above the anchor.
        let above = lines[..<anchor].filter { line in
            !PageFurniture.isFurniture(line) && wordCount(line) >= 3 && !(page.rights?.contains(line) ?? false)
        }
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
                page.authors = PageFurniture.names(inByline: line)
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
        return page
    }

    func wordCount(_ line: String) -> Int {
        line.split(separator: " ").count
    }

    /// "By …", or a short "Name | | date |" line.
    func isByline(_ line: String) -> Bool {
        if line.range(of: #"^(written |words |reporting )?by\s+\p{Lu}"#, options: [.regularExpression, .caseInsensitive]) != nil && line.count < 160 {
            return true
        }
        guard line.contains("|"), let first = line.split(separator: "|").first else { return false }
        let name = collapseWhitespace(String(first))
        return PageDates.find(in: line, fallbackZone: fallbackZone) != nil && looksLikeName(name)
    }

    func looksLikeName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (1...5).contains(words.count) && words.allSatisfy { $0.first?.isUppercase ?? false } && !text.contains(where: \.isNumber)
    }

    func isDateline(_ line: String) -> Bool {
        line.count < 200 && PageDates.find(in: line, fallbackZone: fallbackZone) != nil
            && (line.range(of: #"\b(published|updated|posted|last modified|modified)\b"#, options: [.regularExpression, .caseInsensitive]) != nil
                || isByline(line) || wordCount(line) <= 8)
    }

    func readDates(_ line: String, into page: inout RecognisedPage) {
        // "Published: <date> | Updated: <date>": each part read on its own.
        let parts = line.components(separatedBy: "|")
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
        if let label = text.firstMatch(of: #/^(image|photo|picture|caption|pictured)\s*:\s*/#.ignoresCase()) {
            text = String(text[label.range.upperBound...])
            let credit = text.firstMatch(of: #/\s*(?:credit|photo|source)s?\s*:\s*(.+)$/#.ignoresCase())
            if let credit {
                let caption = String(text[..<credit.range.lowerBound])
                return .init(credit: collapseWhitespace(String(credit.1)), caption: collapseWhitespace(caption))
            }
            let split = PageFurniture.splitCredit(text)
            return label.output.1.lowercased() == "photo" && split.credit == nil && wordCount(text) <= 6
                ? .init(credit: text, caption: nil) : .init(credit: split.credit, caption: split.caption)
        }
        if line.range(of: #"^\(\s*(photo|picture|image|credit)s?\s*:"#, options: [.regularExpression, .caseInsensitive]) != nil {
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
