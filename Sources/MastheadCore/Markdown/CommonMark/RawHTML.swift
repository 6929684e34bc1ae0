/// Raw HTML as CommonMark recognises it (blocks of seven kinds, inline tags,
/// comments, declarations). The site never passes it through: the renderer
/// escapes it. It is recognised all the same, so that `<a href="*">` does not
/// start emphasis and an HTML block does not turn into paragraphs.
enum HTMLBlocks {
    static let type1Tags = ["script", "pre", "textarea", "style"]
    static let type6Tags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col", "colgroup", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4",
        "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr",
        "track", "ul",
    ]

    static func lower(_ text: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(text)).lowercased()
    }

    static func hasPrefix(_ text: [Unicode.Scalar], _ prefix: String, caseInsensitive: Bool = false) -> Bool {
        let wanted = Array(prefix.unicodeScalars)
        guard text.count >= wanted.count else { return false }
        return caseInsensitive ? lower(text[0..<wanted.count]) == prefix : Array(text[0..<wanted.count]) == wanted
    }

    /// The kind of HTML block this line starts (1–7), if any.
    static func start(_ text: [Unicode.Scalar]) -> Int? {
        guard text.first == "<" else { return nil }
        for tag in type1Tags where hasPrefix(text, "<" + tag, caseInsensitive: true) {
            let after = text.count > tag.count + 1 ? text[tag.count + 1] : nil
            if after == nil || after == " " || after == "\t" || after == ">" { return 1 }
        }
        if hasPrefix(text, "<!--") { return 2 }
        if hasPrefix(text, "<?") { return 3 }
        if text.count > 2, text[1] == "!", text[2].properties.isASCIIHexDigit || ("A"..."Z").contains(text[2]) || ("a"..."z").contains(text[2]) {
            if ("A"..."Z").contains(text[2]) || ("a"..."z").contains(text[2]) { return 4 }
        }
        if hasPrefix(text, "<![CDATA[") { return 5 }
        var i = 1
        if i < text.count, text[i] == "/" { i += 1 }
        let nameStart = i
        while i < text.count, Inlines.isASCIIAlphanumeric(text[i]) { i += 1 }
        if i > nameStart, type6Tags.contains(lower(text[nameStart..<i])) {
            let after = i < text.count ? text[i] : nil
            if after == nil || after == " " || after == "\t" || after == ">" || (after == "/" && i + 1 < text.count && text[i + 1] == ">") {
                return 6
            }
        }
        if let end = RawHTML.openTag(text[...], at: 0) ?? RawHTML.closingTag(text[...], at: 0),
            text[end...].allSatisfy({ $0 == " " || $0 == "\t" })
        {
            // Type 7 excludes the type 1 tags.
            let name = lower(text[(text[1] == "/" ? 2 : 1)...].prefix { Inlines.isASCIIAlphanumeric($0) || $0 == "-" })
            if !type1Tags.contains(name) { return 7 }
        }
        return nil
    }

    /// Whether this line holds the end condition of a block of kind 1–5.
    static func closes(_ type: Int, _ text: [Unicode.Scalar]) -> Bool {
        let string = String(String.UnicodeScalarView(text))
        switch type {
        case 1:
            let lowered = string.lowercased()
            return type1Tags.contains { lowered.contains("</\($0)>") }
        case 2: return string.contains("-->")
        case 3: return string.contains("?>")
        case 4: return string.contains(">")
        case 5: return string.contains("]]>")
        default: return false
        }
    }
}

/// Inline raw HTML: where a tag, comment or declaration starting at `<` ends.
enum RawHTML {
    static func isWhitespace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" }

    /// Any inline HTML construct at `start` (a `<`): the index after it.
    static func any(_ text: ArraySlice<Unicode.Scalar>, at start: Int) -> Int? {
        openTag(text, at: start) ?? closingTag(text, at: start) ?? comment(text, at: start) ?? processingInstruction(text, at: start)
            ?? declaration(text, at: start) ?? cdata(text, at: start)
    }

    static func tagName(_ text: ArraySlice<Unicode.Scalar>, at start: Int) -> Int? {
        var i = start
        guard i < text.endIndex, Inlines.isASCIILetter(text[i]) else { return nil }
        i += 1
        while i < text.endIndex, Inlines.isASCIIAlphanumeric(text[i]) || text[i] == "-" { i += 1 }
        return i
    }

    static func openTag(_ text: ArraySlice<Unicode.Scalar>, at start: Int) -> Int? {
        guard start < text.endIndex, text[start] == "<", var i = tagName(text, at: start + 1) else { return nil }
        while true {
            var j = i
            while j < text.endIndex, isWhitespace(text[j]) { j += 1 }
            guard j < text.endIndex else { return nil }
            if text[j] == ">" { return j + 1 }
            if text[j] == "/" { return j + 1 < text.endIndex && text[j + 1] == ">" ? j + 2 : nil }
            // An attribute needs whitespace before it.
            guard j > i, let afterName = attributeName(text, at: j) else { return nil }
            i = afterName
            var k = i
            while k < text.endIndex, isWhitespace(text[k]) { k += 1 }
            if k < text.endIndex, text[k] == "=" {
                k += 1
                while k < text.endIndex, isWhitespace(text[k]) { k += 1 }
                guard let afterValue = attributeValue(text, at: k) else { return nil }
                i = afterValue
            }
        }
    }

    static func attributeName(_ text: ArraySlice<Unicode.Scalar>, at start: Int) -> Int? {
        var i = start
        guard i < text.endIndex, Inlines.isASCIILetter(text[i]) || text[i] == "_" || text[i] == ":" else { return nil }
        i += 1
        while i < text.endIndex, Inlines.isASCIIAlphanumeric(text[i]) || "_.:-".unicodeScalars.contains(text[i]) { i += 1 }
        return i
    }

    static func attributeValue(_ text: ArraySlice<Unicode.Scalar>, at start: Int) -> Int? {
        guard start < text.endIndex else { return nil }
        let quote = text[start]
        if quote == "\"" || quote == "'" {
            var i = start + 1
            while i < text.endIndex, text[i] != quote { i += 1 }
            return i < text.endIndex ? i + 1 : nil
        }
        var i = start
        while i < text.endIndex, !isWhitespace(text[i]), !"\"'=<>`".unicodeScalars.contains(text[i]) { i += 1 }
        return i > start ? i : nil
    }

    static func closingTag(_ text: ArraySlice<Unicode.Scalar>, at start: Int) -> Int? {
        guard start + 1 < text.endIndex, text[start] == "<", text[start + 1] == "/", var i = tagName(text, at: start + 2) else { return nil }
        while i < text.endIndex, isWhitespace(text[i]) { i += 1 }
        return i < text.endIndex && text[i] == ">" ? i + 1 : nil
    }

    static func matches(_ text: ArraySlice<Unicode.Scalar>, at start: Int, _ literal: String) -> Bool {
        var i = start
        for c in literal.unicodeScalars {
            guard i < text.endIndex, text[i] == c else { return false }
            i += 1
        }
        return true
    }

    static func find(_ text: ArraySlice<Unicode.Scalar>, from start: Int, _ literal: String) -> Int? {
        let first = literal.unicodeScalars.first!
        var i = start
        while i < text.endIndex {
            if text[i] == first, matches(text, at: i, literal) { return i }
            i += 1
        }
        return nil
    }

    static func comment(_ text: ArraySlice<Unicode.Scalar>, at start: Int) -> Int? {
        guard matches(text, at: start, "<!--") else { return nil }
        if matches(text, at: start + 4, ">") { return start + 5 }
        if matches(text, at: start + 4, "->") { return start + 6 }
        return find(text, from: start + 4, "-->").map { $0 + 3 }
    }

    static func processingInstruction(_ text: ArraySlice<Unicode.Scalar>, at start: Int) -> Int? {
        guard matches(text, at: start, "<?") else { return nil }
        return find(text, from: start + 2, "?>").map { $0 + 2 }
    }

    static func declaration(_ text: ArraySlice<Unicode.Scalar>, at start: Int) -> Int? {
        guard matches(text, at: start, "<!"), start + 2 < text.endIndex, Inlines.isASCIILetter(text[start + 2]) else { return nil }
        return find(text, from: start + 2, ">").map { $0 + 1 }
    }

    static func cdata(_ text: ArraySlice<Unicode.Scalar>, at start: Int) -> Int? {
        guard matches(text, at: start, "<![CDATA[") else { return nil }
        return find(text, from: start + 9, "]]>").map { $0 + 3 }
    }
}
