/// Links, images and footnote references: the bracket stack, destinations, titles and labels.
extension Inlines {

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
        if peek() == "<" { return delimited(by: ">") { $0 == "\n" || $0 == "<" } }
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
        return delimited(by: open == "(" ? ")" : open) { open == "(" && $0 == "(" }
    }

    /// The text from after the opener at `pos` up to `close`, backslash escapes skipped,
    /// unescaped and entity-decoded; `pos` moves past `close`. Nil when `refused` meets a
    /// character first or nothing closes.
    private mutating func delimited(by close: Unicode.Scalar, refusing refused: (Unicode.Scalar) -> Bool) -> String? {
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
            if refused(c) { return nil }
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
}
