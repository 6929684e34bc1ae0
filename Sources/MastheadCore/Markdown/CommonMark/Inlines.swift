import Foundation

/// The inline content of one paragraph, heading or table cell, parsed as the
/// CommonMark spec describes: code spans, emphasis by the delimiter-run rules,
/// links and images (inline, reference, collapsed, shortcut), autolinks, raw
/// HTML, entities, escapes and line breaks; with GFM, `~~strikethrough~~`,
/// footnote references and bare `www.`/`https://` addresses.
///
/// Linear in the input: every scan that could look ahead to the end remembers
/// where it failed (`noCloser…`), and the delimiter stack is searched with the
/// spec's "openers bottom" bound.
struct Inlines {
    var subject: [Unicode.Scalar]
    var pos = 0
    let references: [String: (destination: String, title: String)]
    let gfm: Bool
    let footnotes: Set<String>

    final class Delimiter {
        let char: Unicode.Scalar
        var count: Int
        let originalCount: Int
        let node: MarkdownNode
        var previous: Delimiter?
        var next: Delimiter?
        let canOpen: Bool
        let canClose: Bool
        init(char: Unicode.Scalar, count: Int, node: MarkdownNode, canOpen: Bool, canClose: Bool) {
            self.char = char
            self.count = count
            originalCount = count
            self.node = node
            self.canOpen = canOpen
            self.canClose = canClose
        }
    }

    final class Bracket {
        let node: MarkdownNode
        let previous: Bracket?
        let previousDelimiter: Delimiter?
        let index: Int
        let image: Bool
        var active = true
        var bracketAfter = false
        init(node: MarkdownNode, previous: Bracket?, previousDelimiter: Delimiter?, index: Int, image: Bool) {
            self.node = node
            self.previous = previous
            self.previousDelimiter = previousDelimiter
            self.index = index
            self.image = image
        }
    }

    var delimiters: Delimiter?
    var brackets: Bracket?
    /// Where a backtick run of each length was last looked for and not found.
    var noBacktickRunAfter: [Int: Int] = [:]
    var backticksScanned = false
    var noHTMLCloserAfter: [String: Int] = [:]

    init(_ text: String, references: [String: (destination: String, title: String)], gfm: Bool, footnotes: Set<String>) {
        subject = Array(text.unicodeScalars)
        self.references = references
        self.gfm = gfm
        self.footnotes = footnotes
    }

    // MARK: - Characters

    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
    static func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool { isASCIILetter(c) || ("0"..."9").contains(c) }
    static func isASCIIPunctuation(_ c: Unicode.Scalar) -> Bool {
        "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(c)
    }
    /// Unicode punctuation as CommonMark 0.31 means it: the P and S categories.
    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return isASCIIPunctuation(c) }
        switch c.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
            .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default: return false
        }
    }
    static func isUnicodeWhitespace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\u{000C}" || c == "\r" || c.properties.generalCategory == .spaceSeparator
    }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? { pos + offset < subject.count ? subject[pos + offset] : nil }

    static func text(_ value: String) -> MarkdownNode {
        let node = MarkdownNode(.text)
        node.literal = value
        return node
    }

    /// Scalars back to a string through their UTF-8 bytes: several times faster than
    /// appending to a `UnicodeScalarView`, which dominated the cost of bracket-heavy text.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.value < 0x80 {
                utf8.append(UInt8(truncatingIfNeeded: scalar.value))
            } else if let encoded = UTF8.encode(scalar) {
                utf8.append(contentsOf: encoded)
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    // MARK: - Parsing

    mutating func parse(into block: MarkdownNode) {
        // Final spaces of the block and initial ones were stripped by the block parser.
        while let last = subject.last, last == " " || last == "\t" || last == "\n" { subject.removeLast() }
        var start = 0
        while start < subject.count, subject[start] == " " || subject[start] == "\t" { start += 1 }
        subject.removeFirst(start)
        while pos < subject.count { parseInline(block) }
        processEmphasis(stackBottom: nil)
        if gfm { ExtendedAutolinks.apply(in: block) }
    }

    /// Lets go of the bracket chain one link at a time (a long chain freed at once recurses).
    mutating func finish() {
        while let bracket = brackets { brackets = bracket.previous }
        while let top = delimiters { removeDelimiter(top) }
    }

    mutating func parseInline(_ block: MarkdownNode) {
        let c = subject[pos]
        switch c {
        case "\n": newline(block)
        case "\\": backslash(block)
        case "`": backticks(block)
        case "*", "_": handleDelimiter(c, block)
        case "~" where gfm: handleDelimiter(c, block)
        case "[": openBracket(block)
        case "!": bang(block)
        case "]": closeBracket(block)
        case "<": autolinkOrHTML(block)
        case "&": entity(block)
        default: string(block)
        }
    }

    /// Plain text joins the text node before it when nothing points at that node: half
    /// the nodes on bracket-heavy input, and nodes are most of the cost.
    mutating func appendText(_ text: String, to block: MarkdownNode) {
        if let last = block.lastChild, last.kind == .text, !last.pinned {
            last.literal += text
        } else {
            block.append(Self.text(text))
        }
    }

    static let specials: Set<Unicode.Scalar> = ["\n", "\\", "`", "*", "_", "[", "]", "!", "<", "&"]

    mutating func string(_ block: MarkdownNode) {
        if gfm, let link = bareAddress() {
            block.append(link)
            return
        }
        let start = pos
        pos += 1
        while pos < subject.count, !Self.specials.contains(subject[pos]) {
            if gfm, subject[pos] == "~" || Self.mayStartAddress(subject[pos]) && ExtendedAutolinks.mayStart(subject, at: pos) { break }
            pos += 1
        }
        appendText(Self.string(subject[start..<pos]), to: block)
    }

    static func mayStartAddress(_ c: Unicode.Scalar) -> Bool { c == "h" || c == "w" || c == "H" || c == "W" }

    /// A GFM `www.` or `http(s)://` address at `pos`, as a link.
    mutating func bareAddress() -> MarkdownNode? {
        guard Self.mayStartAddress(subject[pos]), ExtendedAutolinks.mayStart(subject, at: pos),
            let end = ExtendedAutolinks.urlOrWWW(subject, at: pos)
        else { return nil }
        let shown = Self.string(subject[pos..<end])
        let link = MarkdownNode(.link)
        link.destination = shown.lowercased().hasPrefix("www.") ? "http://" + shown : shown
        link.append(Self.text(shown))
        pos = end
        return link
    }

    mutating func newline(_ block: MarkdownNode) {
        pos += 1
        // Two or more spaces before the line end make a hard break; the spaces never show.
        if let last = block.lastChild, last.kind == .text, last.literal.hasSuffix(" ") {
            let hard = last.literal.hasSuffix("  ")
            while last.literal.hasSuffix(" ") { last.literal.removeLast() }
            block.append(MarkdownNode(hard ? .lineBreak : .softBreak))
        } else {
            block.append(MarkdownNode(.softBreak))
        }
        while pos < subject.count, subject[pos] == " " || subject[pos] == "\t" { pos += 1 }
    }

    mutating func backslash(_ block: MarkdownNode) {
        pos += 1
        if peek() == "\n" {
            pos += 1
            block.append(MarkdownNode(.lineBreak))
            while pos < subject.count, subject[pos] == " " || subject[pos] == "\t" { pos += 1 }
        } else if let c = peek(), Self.isASCIIPunctuation(c) {
            pos += 1
            appendText(String(Character(c)), to: block)
        } else {
            appendText("\\", to: block)
        }
    }

    mutating func backticks(_ block: MarkdownNode) {
        let start = pos
        while pos < subject.count, subject[pos] == "`" { pos += 1 }
        let length = pos - start
        let afterOpener = pos
        if let failed = noBacktickRunAfter[length], failed <= afterOpener {
            appendText(String(repeating: "`", count: length), to: block)
            return
        }
        var i = afterOpener
        while i < subject.count {
            if subject[i] == "`" {
                let runStart = i
                while i < subject.count, subject[i] == "`" { i += 1 }
                if i - runStart == length {
                    var content = Self.string(subject[afterOpener..<runStart]).replacingOccurrences(of: "\n", with: " ")
                    if content.count >= 2, content.hasPrefix(" "), content.hasSuffix(" "), content.contains(where: { $0 != " " }) {
                        content = String(content.dropFirst().dropLast())
                    }
                    let code = MarkdownNode(.code)
                    code.literal = content
                    block.append(code)
                    pos = i
                    return
                }
            } else {
                i += 1
            }
        }
        noBacktickRunAfter[length] = afterOpener
        appendText(String(repeating: "`", count: length), to: block)
    }

    // MARK: - Emphasis

    mutating func handleDelimiter(_ c: Unicode.Scalar, _ block: MarkdownNode) {
        let start = pos
        while pos < subject.count, subject[pos] == c { pos += 1 }
        let count = pos - start
        let before: Unicode.Scalar = start == 0 ? "\n" : subject[start - 1]
        let after: Unicode.Scalar = pos < subject.count ? subject[pos] : "\n"
        let afterIsWhitespace = Self.isUnicodeWhitespace(after)
        let afterIsPunctuation = Self.isPunctuation(after)
        let beforeIsWhitespace = Self.isUnicodeWhitespace(before)
        let beforeIsPunctuation = Self.isPunctuation(before)
        let leftFlanking = !afterIsWhitespace && (!afterIsPunctuation || beforeIsWhitespace || beforeIsPunctuation)
        let rightFlanking = !beforeIsWhitespace && (!beforeIsPunctuation || afterIsWhitespace || afterIsPunctuation)
        var canOpen: Bool
        var canClose: Bool
        if c == "_" {
            canOpen = leftFlanking && (!rightFlanking || beforeIsPunctuation)
            canClose = rightFlanking && (!leftFlanking || afterIsPunctuation)
        } else {
            canOpen = leftFlanking
            canClose = rightFlanking
        }
        // GFM strikethrough takes one or two tildes, never more.
        if c == "~" && count > 2 {
            canOpen = false
            canClose = false
        }
        guard canOpen || canClose else {
            appendText(String(repeating: String(Character(c)), count: count), to: block)
            return
        }
        let node = Self.text(String(repeating: String(Character(c)), count: count))
        node.pinned = true
        block.append(node)
        let delimiter = Delimiter(char: c, count: count, node: node, canOpen: canOpen, canClose: canClose)
        delimiter.previous = delimiters
        delimiters?.next = delimiter
        delimiters = delimiter
    }

    mutating func removeDelimiter(_ delimiter: Delimiter) {
        delimiter.previous?.next = delimiter.next
        if let next = delimiter.next { next.previous = delimiter.previous } else { delimiters = delimiter.previous }
        // Removed delimiters hold no links, so no cycle outlives the parse.
        delimiter.previous = nil
        delimiter.next = nil
    }

    mutating func processEmphasis(stackBottom: Delimiter?) {
        // The lowest place to look for an opener, by character, whether the closer can
        // also open, and its run's length mod 3: what keeps this linear.
        var openersBottom = [Delimiter?](repeating: stackBottom, count: 18)
        var closer = delimiters
        while let candidate = closer, candidate.previous !== stackBottom { closer = candidate.previous }
        while let current = closer {
            guard current.canClose else {
                closer = current.next
                continue
            }
            let charIndex = current.char == "*" ? 0 : current.char == "_" ? 1 : 2
            let key = charIndex * 6 + (current.canOpen ? 3 : 0) + current.originalCount % 3
            let bottom = openersBottom[key]
            var opener = current.previous
            var found = false
            while let candidate = opener, candidate !== stackBottom, candidate !== bottom {
                let oddMatch =
                    (current.canOpen || candidate.canClose) && current.originalCount % 3 != 0
                    && (candidate.originalCount + current.originalCount) % 3 == 0
                if candidate.char == current.char && candidate.canOpen && (current.char == "~" ? candidate.count == current.count : !oddMatch) {
                    found = true
                    break
                }
                opener = candidate.previous
            }
            let oldCloser = current
            if found, let opener {
                let used: Int
                let kind: MarkdownNode.Kind
                if current.char == "~" {
                    used = current.count
                    kind = .strikethrough
                } else {
                    used = current.count >= 2 && opener.count >= 2 ? 2 : 1
                    kind = used == 2 ? .strong : .emphasis
                }
                opener.count -= used
                current.count -= used
                opener.node.literal = String(opener.node.literal.dropLast(used))
                current.node.literal = String(current.node.literal.dropLast(used))
                let emphasis = MarkdownNode(kind)
                var item = opener.node.next
                while let node = item, node !== current.node {
                    item = node.next
                    emphasis.append(node)
                }
                opener.node.insertAfter(emphasis)
                // Delimiters between the two are spent.
                var between = current.previous
                while let d = between, d !== opener {
                    between = d.previous
                    removeDelimiter(d)
                }
                if opener.count == 0 {
                    opener.node.unlink()
                    removeDelimiter(opener)
                }
                if current.count == 0 {
                    let next = current.next
                    current.node.unlink()
                    removeDelimiter(current)
                    closer = next
                }
            } else {
                closer = current.next
                openersBottom[key] = oldCloser.previous
                if !oldCloser.canOpen { removeDelimiter(oldCloser) }
            }
        }
        // What is left above the bottom is plain text.
        while let top = delimiters, top !== stackBottom { removeDelimiter(top) }
    }

    // MARK: - Links and images

    mutating func openBracket(_ block: MarkdownNode) {
        let start = pos
        pos += 1
        let node = Self.text("[")
        node.pinned = true
        block.append(node)
        addBracket(node, index: start, image: false)
    }

    mutating func bang(_ block: MarkdownNode) {
        let start = pos
        pos += 1
        if peek() == "[" {
            pos += 1
            let node = Self.text("![")
            node.pinned = true
            block.append(node)
            addBracket(node, index: start + 1, image: true)
        } else {
            appendText("!", to: block)
        }
    }

    mutating func addBracket(_ node: MarkdownNode, index: Int, image: Bool) {
        brackets?.bracketAfter = true
        brackets = Bracket(node: node, previous: brackets, previousDelimiter: delimiters, index: index, image: image)
    }

    mutating func closeBracket(_ block: MarkdownNode) {
        pos += 1
        let startPos = pos
        guard let opener = brackets else {
            appendText("]", to: block)
            return
        }
        guard opener.active else {
            appendText("]", to: block)
            brackets = opener.previous
            return
        }
        var destination: String?
        var title = ""
        var matched = false
        // Inline: (destination "title")
        if peek() == "(" {
            pos += 1
            spacesAndNewline()
            if let dest = linkDestination() {
                spacesAndNewline()
                let beforeTitle = pos
                if pos > 0, Self.isUnicodeWhitespaceOrNewline(subject[pos - 1]), let parsedTitle = linkTitle() {
                    title = parsedTitle
                    spacesAndNewline()
                } else {
                    pos = beforeTitle
                }
                if peek() == ")" {
                    pos += 1
                    destination = dest
                    matched = true
                }
            }
            if !matched { pos = startPos }
        }
        var footnoteLabel: String?
        if !matched {
            // Reference: [text][label], [text][], or [text].
            let beforeLabel = pos
            let labelLength = linkLabel()
            pos += labelLength
            var reference: String?
            if labelLength > 2 {
                reference = Self.string(subject[(beforeLabel + 1)..<(beforeLabel + labelLength - 1)])
            } else if !opener.bracketAfter {
                reference = Self.string(subject[(opener.index + 1)..<(startPos - 1)])
            }
            if labelLength == 0 { pos = startPos }
            if let reference {
                let key = Self.normalizeLabel(reference)
                if gfm, !opener.image, key.hasPrefix("^"), footnotes.contains(Self.normalizeLabel(String(key.dropFirst()))),
                    labelLength <= 2
                {
                    footnoteLabel = Self.normalizeLabel(String(key.dropFirst()))
                    matched = true
                } else if let found = references[key] {
                    destination = found.destination
                    title = found.title
                    matched = true
                }
            }
        }
        guard matched else {
            brackets = opener.previous
            pos = startPos
            appendText("]", to: block)
            return
        }
        if let footnoteLabel {
            let reference = MarkdownNode(.footnoteReference)
            reference.label = footnoteLabel
            var item = opener.node.next
            while let node = item {
                item = node.next
                node.unlink()
            }
            opener.node.insertAfter(reference)
            opener.node.unlink()
            brackets = opener.previous
            return
        }
        let node = MarkdownNode(opener.image ? .image : .link)
        node.destination = destination ?? ""
        node.title = title
        var item = opener.node.next
        while let child = item {
            item = child.next
            node.append(child)
        }
        block.append(node)
        processEmphasis(stackBottom: opener.previousDelimiter)
        brackets = opener.previous
        opener.node.unlink()
        // Links cannot hold links: every earlier `[` goes inactive.
        if !opener.image {
            var earlier = brackets
            while let b = earlier {
                if !b.image { b.active = false }
                earlier = b.previous
            }
        }
    }

    static func isUnicodeWhitespaceOrNewline(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" }

    mutating func spacesAndNewline() {
        var sawNewline = false
        while pos < subject.count {
            let c = subject[pos]
            if c == " " || c == "\t" {
                pos += 1
            } else if c == "\n" && !sawNewline {
                sawNewline = true
                pos += 1
            } else {
                break
            }
        }
    }

    /// `<…>` or a run with balanced parentheses; the unescaped, entity-decoded text.
    mutating func linkDestination() -> String? {
        if peek() == "<" {
            var i = pos + 1
            while i < subject.count {
                let c = subject[i]
                if c == "\\", i + 1 < subject.count, Self.isASCIIPunctuation(subject[i + 1]) {
                    i += 2
                    continue
                }
                if c == "\n" || c == "<" { return nil }
                if c == ">" {
                    let raw = Self.string(subject[(pos + 1)..<i])
                    pos = i + 1
                    return Self.unescape(raw)
                }
                i += 1
            }
            return nil
        }
        var i = pos
        var depth = 0
        while i < subject.count {
            let c = subject[i]
            if c == "\\", i + 1 < subject.count, Self.isASCIIPunctuation(subject[i + 1]) {
                i += 2
                continue
            }
            if c == "(" {
                depth += 1
                if depth > 32 { return nil }
            } else if c == ")" {
                if depth == 0 { break }
                depth -= 1
            } else if c == " " || c == "\t" || c == "\n" || c.value < 0x20 || c.value == 0x7F {
                break
            }
            i += 1
        }
        guard depth == 0, i > pos || peek() == ")" else { return nil }
        let raw = Self.string(subject[pos..<i])
        pos = i
        return Self.unescape(raw)
    }

    mutating func linkTitle() -> String? {
        guard let open = peek(), open == "\"" || open == "'" || open == "(" else { return nil }
        let close: Unicode.Scalar = open == "(" ? ")" : open
        var i = pos + 1
        while i < subject.count {
            let c = subject[i]
            if c == "\\", i + 1 < subject.count, Self.isASCIIPunctuation(subject[i + 1]) {
                i += 2
                continue
            }
            if c == close {
                let raw = Self.string(subject[(pos + 1)..<i])
                pos = i + 1
                return Self.unescape(raw)
            }
            if open == "(" && c == "(" { return nil }
            i += 1
        }
        return nil
    }

    /// A `[label]` at `pos`: its length including the brackets, or 0.
    func linkLabel() -> Int {
        guard peek() == "[" else { return 0 }
        var i = pos + 1
        var sawNonSpace = false
        while i < subject.count, i - pos <= 1001 {
            let c = subject[i]
            if c == "\\", i + 1 < subject.count {
                i += 2
                sawNonSpace = true
                continue
            }
            if c == "[" { return 0 }
            if c == "]" {
                return sawNonSpace || i == pos + 1 ? i - pos + 1 : 0
            }
            if !Self.isUnicodeWhitespace(c) { sawNonSpace = true }
            i += 1
        }
        return 0
    }

    static func normalizeLabel(_ label: String) -> String {
        let collapsed = label.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return collapsed.lowercased().uppercased()
    }

    // MARK: - Autolinks, HTML, entities

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
