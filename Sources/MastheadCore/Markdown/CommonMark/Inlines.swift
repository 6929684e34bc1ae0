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
}
