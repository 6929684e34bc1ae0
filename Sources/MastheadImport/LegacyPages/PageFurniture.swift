import Foundation

/// What surrounds an article on a news page and is not the article: prompts,
/// navigation, promotions, lists of other stories. Shared by the HTML and text
/// recognisers; phrases are matched case-insensitively.
enum PageFurniture {
    /// Lines that are furniture wherever they appear.
    static let linePatterns: [String] = [
        #"^(skip to (main )?content|sign in|log ?in|subscribe( now)?|register|menu|search|home|advertisement|advertising|sponsored( content)?)\b.{0,40}$"#,
        #"^(share|share this( article| story)?|share on \w+|follow us|follow (us )?on \w+|like us on \w+|email this|print( this)?( article)?|copy link|tweet)\b.*$"#,
        #"^(read more|read also|also read|see also|related|more from|more on|recommended|watch|listen|get the .+ newsletter|sign up)\b.*$"#,
        #"^.{0,200}\b(full article|read more|continue reading|click here)( ?[.»›→…]*)?$"#,
        #"^(editor'?s picks|most (read|popular|viewed|shared)|latest( news)?|trending( now| story| stories)?|top stories|you may also like|related (stories|articles|coverage)|more stories|popular now|in other news)$"#,
        #"^(we use cookies|this (site|website) uses cookies).*$"#,
        #"^[-–—•·*|>]+$"#,
        #"^(about( us)?|contact( us)?|privacy( policy)?|terms( of (use|service))?|cookies?)(\s*[|·•]\s*(about( us)?|contact( us)?|privacy( policy)?|terms( of (use|service))?|cookies?( policy)?|advertise|careers|help))+$"#,
    ]

    /// Headings that open a block of other stories: everything after one, up to the
    /// article's end, is furniture.
    static let listHeadings: String =
        #"^(editor'?s picks|most (read|popular|viewed|shared)|latest( news)?|trending( now| story| stories)?|top stories|you may also like|related (stories|articles|coverage)|more stories|more from .+|popular now|in other news|recommended( for you)?)$"#

    static func isFurniture(_ line: String) -> Bool {
        let lower = line.lowercased()
        // Breadcrumbs: "Home > Business > Markets".
        if lower.contains(" > ") && !lower.hasSuffix(".") && lower.split(separator: ">").count >= 2 && lower.count < 120 { return true }
        return linePatterns.contains { lower.range(of: $0, options: .regularExpression) != nil }
    }

    static func isListHeading(_ line: String) -> Bool {
        line.lowercased().range(of: listHeadings, options: .regularExpression) != nil
    }

    /// "© 2022 Alpine Herald. All rights reserved." and the like.
    static func isRights(_ line: String) -> Bool {
        let lower = line.lowercased()
        return (line.contains("©") || lower.hasPrefix("copyright") || lower.hasPrefix("(c) ") || lower.contains("all rights reserved"))
            && line.count < 300
    }

    /// Class and id words that mark page furniture in HTML.
    static let classWords: [String] = [
        "share", "social", "newsletter", "related", "promo", "advert", "ad-", "ads", "cookie", "subscribe", "signup", "sign-up", "comments",
        "breadcrumb", "popular", "trending", "picks", "recommended", "teaser", "more-stories", "outbrain", "taboola", "sidebar", "tags",
        "byline", "author", "dateline", "timestamp", "caption", "credit", "meta", "toolbar", "follow", "paywall",
    ]

    static func isFurnitureElement(_ node: HTMLNode) -> Bool {
        if ["nav", "aside", "footer", "header", "form", "figure", "figcaption", "button", "script", "style", "noscript", "iframe", "time", "h1"]
            .contains(node.name)
        {
            return true
        }
        let words = node.classAndID
        guard !words.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
        return classWords.contains { words.contains($0) }
    }

    /// A credit inside a caption: "Photo: X", "(Photo : X)", "Credit: X", "Image: X", "© X".
    static func splitCredit(_ text: String) -> (caption: String, credit: String?) {
        let patterns: [Regex<(Substring, Substring)>] = [
            #/\(\s*(?:photo|picture|image|foto|credit)s?\s*:\s*([^)]+)\)/#.ignoresCase(),
            #/(?:^|\s)(?:photo(?:graph)?|picture|image|foto|credit)s?\s*(?:by|:)\s*(.+)$/#.ignoresCase(),
            #/(?:^|\s)©\s*(.+)$/#,
        ]
        for pattern in patterns {
            if let match = text.firstMatch(of: pattern) {
                let credit = collapseWhitespace(String(match.1)).trimmingCharacters(in: CharacterSet(charactersIn: " .;,"))
                var caption = text
                caption.removeSubrange(match.range)
                return (collapseWhitespace(caption), credit.isEmpty ? nil : credit)
            }
        }
        return (collapseWhitespace(text), nil)
    }

    /// Byline names: "By Tomasz Wierzbicki and Aiko Brandt" → both names.
    static func names(inByline text: String) -> [String] {
        var line = collapseWhitespace(text)
        if let by = line.firstMatch(of: #/^(?:written |words |reporting )?by\s+/#.ignoresCase()) { line = String(line[by.range.upperBound...]) }
        // Cut at a date, a pipe or a dash that starts the dateline part.
        if let cut = line.firstMatch(of: #/\s*(\||·|•|—| - |,\s*(?:published|updated|posted)|\b(?:published|updated|posted)\b|\d)/#.ignoresCase()) {
            line = String(line[..<cut.range.lowerBound])
        }
        return line.replacingOccurrences(of: " & ", with: ", ").replacingOccurrences(of: " and ", with: ", ")
            .split(separator: ",").map { collapseWhitespace(String($0)) }
            .filter { !$0.isEmpty && $0.count < 60 && $0.split(separator: " ").count <= 5 && !isJobTitle($0) }
    }

    /// "Sports Reporter", "Staff Writer", "Special to the Courier": what follows a name, not a name.
    static func isJobTitle(_ text: String) -> Bool {
        let words = Set(text.lowercased().split(separator: " ").map(String.init))
        let titles: Set<String> = [
            "reporter", "correspondent", "editor", "writer", "staff", "columnist", "photographer", "contributor", "producer", "analyst", "intern",
            "journalist", "bureau", "chief", "special", "senior", "associate",
        ]
        return !words.isDisjoint(with: titles)
    }

    /// "Topics: retail, stock markets" / "Tags: …" / "Tagscity council, …" → the tags.
    static func tags(inLine line: String) -> [String]? {
        // A label with a colon ("Topics: …"), or glued to the first tag as text dumps
        // of a label element leave it ("Tagscity council"); "Topics like …" is a sentence.
        guard let match = line.firstMatch(of: #/^(tags|topics|tagged|tagged with|keywords|filed under)(\s*:\s*|\s+)?(.+)$/#.ignoresCase()) else {
            return nil
        }
        if let separator = match.2, !separator.contains(":") { return nil }
        let list = String(match.3)
        guard !list.hasSuffix(".") else { return nil }
        let parts = list.split(whereSeparator: { $0 == "," || $0 == "|" || $0 == ";" || $0 == "·" }).map { collapseWhitespace(String($0)) }
            .filter { !$0.isEmpty }
        guard !parts.isEmpty, parts.allSatisfy({ $0.count < 60 }) else { return nil }
        return parts
    }
}
