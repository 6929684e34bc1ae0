/// Links, images, autolinks and character references: the parts of inline
/// rendering that look ahead, each in bounded time.
extension InlineRenderer {
    // MARK: - Links and images

    mutating func closeBracket(at position: Int) -> Int {
        guard let opener = brackets.last else {
            appendRaw([UInt8(ascii: "]")])
            return position + 1
        }
        guard opener.active, let destination = linkDestination(after: position) else {
            brackets.removeLast()
            appendRaw([UInt8(ascii: "]")])
            return position + 1
        }
        brackets.removeLast()
        // Emphasis cannot cross the link's edge: drop every delimiter opened inside it.
        // (Counted by piece, not by stack depth: matches inside may have popped older
        // delimiters and pushed newer ones since the bracket opened.)
        var keep = delimiters.count
        while keep > 0, delimiters[keep - 1].piece >= opener.piece { keep -= 1 }
        truncateDelimiters(to: keep)
        let title = destination.title.map { " title=\"\(HTMLEscaping.escape($0))\"" } ?? ""
        if opener.isImage {
            // Alt text is capped so a run of nested image openers stays linear.
            let alt = plainText(text[opener.textStart..<min(position, opener.textStart + 300)])
            pieces.removeSubrange(opener.piece...)
            if let url = SafeURL.check(destination.url, for: .image) {
                appendHTML("<img src=\"\(HTMLEscaping.escape(url))\" alt=\"\(HTMLEscaping.escape(alt))\"\(title) loading=\"lazy\">")
            } else {
                appendHTML(HTMLEscaping.escape(alt))
            }
        } else if let url = SafeURL.check(destination.url, for: .link) {
            pieces[opener.piece] = Piece(html: Array("<a href=\"\(HTMLEscaping.escape(url))\"\(title)>".utf8))
            pieces.append(Piece(html: Array("</a>".utf8)))
            // A link cannot contain another link.
            for index in brackets.indices where !brackets[index].isImage { brackets[index].active = false }
        } else {
            pieces[opener.piece] = Piece()
        }
        return destination.end
    }

    struct Destination {
        var url: String
        var title: String?
        var end: Int
    }

    /// Reads `(url)` or `(url "title")` right after `]`, in bounded time.
    func linkDestination(after bracket: Int) -> Destination? {
        var i = bracket + 1
        guard i < text.count, text[i] == UInt8(ascii: "(") else { return nil }
        i += 1
        var urlEnd = nextLinkStop[i]
        // Allow balanced parentheses inside the URL (Wikipedia links have them), a
        // few levels deep; each extension is one table lookup.
        var extensions = 0
        while urlEnd < text.count, text[urlEnd] == UInt8(ascii: ")"), extensions < 4 {
            let segment = text[i..<urlEnd]
            let opens = segment.lazy.filter { $0 == UInt8(ascii: "(") }.count
            let closes = segment.lazy.filter { $0 == UInt8(ascii: ")") }.count
            guard opens > closes, segment.count < 2048 else { break }
            urlEnd = nextLinkStop[urlEnd + 1]
            extensions += 1
        }
        guard urlEnd - i <= 2048 else { return nil }
        let url = String(decoding: text[i..<urlEnd], as: UTF8.self)
        i = urlEnd
        var title: String?
        var spaces = 0
        while i < text.count, isWhitespace(text[i]), spaces < 16 {
            i += 1
            spaces += 1
        }
        if i < text.count, text[i] == UInt8(ascii: "\""), spaces > 0 || urlEnd == bracket + 2 {
            let titleStart = i + 1
            var titleEnd = titleStart
            while titleEnd < text.count, titleEnd - titleStart < 512, text[titleEnd] != UInt8(ascii: "\"") { titleEnd += 1 }
            guard titleEnd < text.count, text[titleEnd] == UInt8(ascii: "\"") else { return nil }
            title = String(decoding: text[titleStart..<titleEnd], as: UTF8.self)
            i = titleEnd + 1
            spaces = 0
            while i < text.count, isWhitespace(text[i]), spaces < 16 {
                i += 1
                spaces += 1
            }
        }
        guard i < text.count, text[i] == UInt8(ascii: ")") else { return nil }
        return Destination(url: url, title: title, end: i + 1)
    }

    func plainText(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes where !(byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "\\")) {
            out.append(byte == Self.hardBreak || byte == UInt8(ascii: "\n") ? UInt8(ascii: " ") : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Autolinks and entities

    mutating func autolink(at start: Int) -> Int {
        let end = nextLinkStop[start + 1]
        if end < text.count, text[end] == UInt8(ascii: ">"), end - start < 2048 {
            let url = String(decoding: text[(start + 1)..<end], as: UTF8.self)
            let lower = url.lowercased()
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:"),
                !url.contains("<"), let safe = SafeURL.check(url, for: .link)
            {
                let shown = lower.hasPrefix("mailto:") ? String(url.dropFirst(7)) : url
                appendHTML("<a href=\"\(HTMLEscaping.escape(safe))\">\(HTMLEscaping.escape(shown))</a>")
                return end + 1
            }
        }
        appendHTML("&lt;")
        return start + 1
    }

    /// Passes a well-formed character reference (`&mdash;`, `&#8212;`, `&#x2014;`)
    /// through; any other `&` is escaped.
    mutating func entity(at start: Int) -> Int {
        var i = start + 1
        var isNumeric = false
        var isHex = false
        if i < text.count, text[i] == UInt8(ascii: "#") {
            isNumeric = true
            i += 1
            if i < text.count, text[i] == UInt8(ascii: "x") || text[i] == UInt8(ascii: "X") {
                isHex = true
                i += 1
            }
        }
        let nameStart = i
        while i < text.count, i - nameStart < 32 {
            let byte = text[i]
            let isDigit = (0x30...0x39).contains(byte)
            let isLetter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            let accepted = isNumeric ? (isDigit || (isHex && ((0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)))) : (isLetter || isDigit)
            guard accepted else { break }
            i += 1
        }
        let length = i - nameStart
        let valid =
            i < text.count && text[i] == UInt8(ascii: ";") && length > 0 && (!isNumeric || length <= (isHex ? 6 : 7))
            && (isNumeric || (0x41...0x7A).contains(text[nameStart]))
        guard valid else {
            appendHTML("&amp;")
            return start + 1
        }
        appendRaw(Array(text[start...i]))
        return i + 1
    }
}
