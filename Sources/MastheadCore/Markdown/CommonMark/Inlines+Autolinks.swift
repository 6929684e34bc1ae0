/// Autolinks, raw HTML, entity references and the unescaping shared with destinations and titles.
extension Inlines {

    mutating func autolinkOrHTML(_ block: MarkdownNode) {
        if let (end, url, isEmail) = autolink() {
            let link = MarkdownNode(.link)
            let text = Self.string(subject[(pos + 1)..<(end - 1)])
            link.destination = isEmail ? "mailto:" + text : url
            link.append(Self.text(text))
            block.append(link)
            pos = end
            return
        }
        if let end = rawHTML() {
            let html = MarkdownNode(.htmlInline)
            html.literal = Self.string(subject[pos..<end])
            block.append(html)
            pos = end
            return
        }
        pos += 1
        appendText("<", to: block)
    }

    func autolink() -> (Int, String, Bool)? {
        var i = pos + 1
        // URI: scheme of 2–32 letters, digits, + . -, then ':' and no space, < or >.
        let schemeStart = i
        while i < subject.count, Self.isASCIIAlphanumeric(subject[i]) || "+.-".unicodeScalars.contains(subject[i]) { i += 1 }
        if i - schemeStart >= 2, i - schemeStart <= 32, Self.isASCIILetter(subject[schemeStart]), i < subject.count, subject[i] == ":" {
            i += 1
            while i < subject.count, subject[i] != ">", subject[i] != "<", subject[i].value > 0x20, subject[i] != " " { i += 1 }
            if i < subject.count, subject[i] == ">" {
                return (i + 1, Self.string(subject[(pos + 1)..<i]), false)
            }
            return nil
        }
        // Email.
        i = pos + 1
        let local = "!#$%&'*+/=?^_`{|}~-.".unicodeScalars
        let start = i
        while i < subject.count, Self.isASCIIAlphanumeric(subject[i]) || local.contains(subject[i]) { i += 1 }
        guard i > start, i < subject.count, subject[i] == "@" else { return nil }
        i += 1
        var labels = 0
        while true {
            let labelStart = i
            while i < subject.count, i - labelStart < 63, Self.isASCIIAlphanumeric(subject[i]) || (subject[i] == "-" && i > labelStart) { i += 1 }
            guard i > labelStart, subject[i - 1] != "-" else { return nil }
            labels += 1
            guard i < subject.count else { return nil }
            if subject[i] == "." {
                i += 1
                continue
            }
            if subject[i] == ">" { return (i + 1, "", true) }
            return nil
        }
    }

    mutating func rawHTML() -> Int? {
        let slice = subject[...]
        if let end = RawHTML.openTag(slice, at: pos) ?? RawHTML.closingTag(slice, at: pos) { return end }
        for (name, opener, closer, skip) in [
            ("comment", "<!--", "-->", 4), ("pi", "<?", "?>", 2), ("cdata", "<![CDATA[", "]]>", 9),
        ] where RawHTML.matches(slice, at: pos, opener) {
            if name == "comment" {
                if RawHTML.matches(slice, at: pos + 4, ">") { return pos + 5 }
                if RawHTML.matches(slice, at: pos + 4, "->") { return pos + 6 }
            }
            if let failed = noHTMLCloserAfter[name], failed <= pos + skip { return nil }
            if let found = RawHTML.find(slice, from: pos + skip, closer) { return found + closer.unicodeScalars.count }
            noHTMLCloserAfter[name] = pos + skip
            return nil
        }
        if RawHTML.matches(slice, at: pos, "<!"), pos + 2 < subject.count, Self.isASCIILetter(subject[pos + 2]) {
            if let failed = noHTMLCloserAfter["declaration"], failed <= pos { return nil }
            if let found = RawHTML.find(slice, from: pos + 2, ">") { return found + 1 }
            noHTMLCloserAfter["declaration"] = pos
        }
        return nil
    }

    mutating func entity(_ block: MarkdownNode) {
        if let (decoded, length) = Entities.decode(subject[pos...]) {
            appendText(decoded, to: block)
            pos += length
        } else {
            pos += 1
            appendText("&", to: block)
        }
    }

    /// Backslash escapes and entity references resolved: for destinations, titles and info strings.
    static func unescape(_ text: String) -> String {
        guard text.contains("\\") || text.contains("&") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\\", i + 1 < scalars.count, isASCIIPunctuation(scalars[i + 1]) {
                out.append(scalars[i + 1])
                i += 2
            } else if c == "&", let (decoded, length) = Entities.decode(scalars[i...]) {
                out.append(contentsOf: decoded.unicodeScalars)
                i += length
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }
}
