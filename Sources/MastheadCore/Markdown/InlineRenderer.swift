/// Turns one paragraph's text into HTML: emphasis, code spans, links, images,
/// autolinks, entities, backslash escapes and line breaks. Everything else is
/// escaped text.
///
/// Linear in the input on any text: every look-ahead is either answered from a
/// table built in one pass (`nextLinkStop`, backtick runs) or bounded by a small
/// constant, and the delimiter and bracket stacks only ever shrink what they
/// re-examine (the "openers bottom" of CommonMark's algorithm).
struct InlineRenderer {
    /// A stretch of output. Delimiter runs stay pieces of their own until the end, so
    /// a matched pair can wrap its tags around the run's unused characters.
    private struct Piece {
        var html: [UInt8] = []
        var closingTags: [UInt8] = []
        var openingTags: [UInt8] = []
        var delimiter: UInt8 = 0
        var remaining = 0
        /// Bracket pieces are replaced whole when their link resolves, so text never merges into them.
        var sealed = false
    }

    private struct Delimiter {
        var piece: Int
        var character: UInt8
        var canOpen: Bool
    }

    private struct Bracket {
        var piece: Int
        var isImage: Bool
        var textStart: Int
        var active = true
    }

    /// A hard line break inside a paragraph (two trailing spaces or a trailing
    /// backslash); the block parser writes it between lines, and NUL never
    /// survives into the text otherwise.
    static let hardBreak: UInt8 = 0

    private let text: [UInt8]
    private var pieces: [Piece] = []
    private var delimiters: [Delimiter] = []
    private var brackets: [Bracket] = []
    private var openersBottom: [UInt8: Int] = [:]
    private var nextLinkStop: [Int]
    private var backtickRuns: [Int: [Int]] = [:]
    private var backtickCursor: [Int: Int] = [:]

    init(_ text: [UInt8]) {
        self.text = text
        // nextLinkStop[i]: the first ')', '"', whitespace or '>' at or after i.
        var stops = [Int](repeating: text.count, count: text.count + 1)
        var i = text.count - 1
        while i >= 0 {
            let byte = text[i]
            let isStop =
                byte == UInt8(ascii: ")") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == Self.hardBreak
            stops[i] = isStop ? i : stops[i + 1]
            i -= 1
        }
        nextLinkStop = stops
        var position = 0
        while position < text.count {
            if text[position] == UInt8(ascii: "`") {
                let start = position
                while position < text.count, text[position] == UInt8(ascii: "`") { position += 1 }
                backtickRuns[position - start, default: []].append(start)
            } else {
                position += 1
            }
        }
    }

    static func render(_ text: [UInt8], into out: inout [UInt8]) {
        var renderer = InlineRenderer(text)
        renderer.run()
        for piece in renderer.pieces {
            out += piece.closingTags
            if piece.remaining > 0 { out += [UInt8](repeating: piece.delimiter, count: piece.remaining) }
            out += piece.html
            out += piece.openingTags
        }
    }

    private mutating func run() {
        var i = 0
        while i < text.count {
            let byte = text[i]
            switch byte {
            case UInt8(ascii: "\\"):
                if i + 1 < text.count, isASCIIPunctuation(text[i + 1]) {
                    appendEscaped(text[i + 1])
                    i += 2
                } else {
                    appendEscaped(byte)
                    i += 1
                }
            case UInt8(ascii: "`"):
                i = codeSpan(at: i)
            case UInt8(ascii: "*"), UInt8(ascii: "_"):
                i = delimiterRun(at: i)
            case UInt8(ascii: "!") where i + 1 < text.count && text[i + 1] == UInt8(ascii: "["):
                brackets.append(Bracket(piece: pieces.count, isImage: true, textStart: i + 2))
                pieces.append(Piece(html: Array("![".utf8), sealed: true))
                i += 2
            case UInt8(ascii: "["):
                brackets.append(Bracket(piece: pieces.count, isImage: false, textStart: i + 1))
                pieces.append(Piece(html: [UInt8(ascii: "[")], sealed: true))
                i += 1
            case UInt8(ascii: "]"):
                i = closeBracket(at: i)
            case UInt8(ascii: "<"):
                i = autolink(at: i)
            case UInt8(ascii: "&"):
                i = entity(at: i)
            case Self.hardBreak:
                appendHTML("<br>\n")
                i += 1
            default:
                appendEscaped(byte)
                i += 1
            }
        }
    }

    // MARK: - Text

    private mutating func appendHTML(_ html: String) {
        appendRaw(Array(html.utf8))
    }

    private mutating func appendRaw(_ bytes: [UInt8]) {
        if let last = pieces.indices.last, pieces[last].delimiter == 0, !pieces[last].sealed {
            pieces[last].html += bytes
        } else {
            pieces.append(Piece(html: bytes))
        }
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "<"): appendHTML("&lt;")
        case UInt8(ascii: ">"): appendHTML("&gt;")
        case UInt8(ascii: "&"): appendHTML("&amp;")
        case UInt8(ascii: "\""): appendHTML("&quot;")
        case UInt8(ascii: "'"): appendHTML("&#39;")
        default: appendRaw([byte])
        }
    }

    private func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    private func isWhitespace(_ byte: UInt8?) -> Bool {
        guard let byte else { return true }
        return byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == Self.hardBreak
    }

    // MARK: - Code spans

    private mutating func codeSpan(at start: Int) -> Int {
        var end = start
        while end < text.count, text[end] == UInt8(ascii: "`") { end += 1 }
        let length = end - start
        let runs = backtickRuns[length] ?? []
        var cursor = backtickCursor[length] ?? 0
        while cursor < runs.count, runs[cursor] <= start { cursor += 1 }
        backtickCursor[length] = cursor
        guard cursor < runs.count else {
            appendRaw([UInt8](repeating: UInt8(ascii: "`"), count: length))
            return end
        }
        let close = runs[cursor]
        var content = Array(text[end..<close])
        for index in content.indices where content[index] == UInt8(ascii: "\n") || content[index] == Self.hardBreak {
            content[index] = UInt8(ascii: " ")
        }
        if content.count >= 2, content.first == UInt8(ascii: " "), content.last == UInt8(ascii: " "),
            content.contains(where: { $0 != UInt8(ascii: " ") })
        {
            content = Array(content.dropFirst().dropLast())
        }
        appendHTML("<code>" + HTMLEscaping.escape(String(decoding: content, as: UTF8.self)) + "</code>")
        return close + length
    }

    // MARK: - Emphasis

    private mutating func delimiterRun(at start: Int) -> Int {
        let character = text[start]
        var end = start
        while end < text.count, text[end] == character { end += 1 }
        let before: UInt8? = start > 0 ? text[start - 1] : nil
        let after: UInt8? = end < text.count ? text[end] : nil
        let beforeIsPunctuation = before.map(isASCIIPunctuation) ?? false
        let afterIsPunctuation = after.map(isASCIIPunctuation) ?? false
        let leftFlanking = !isWhitespace(after) && (!afterIsPunctuation || isWhitespace(before) || beforeIsPunctuation)
        let rightFlanking = !isWhitespace(before) && (!beforeIsPunctuation || isWhitespace(after) || afterIsPunctuation)
        let canOpen: Bool
        let canClose: Bool
        if character == UInt8(ascii: "*") {
            canOpen = leftFlanking
            canClose = rightFlanking
        } else {
            canOpen = leftFlanking && (!rightFlanking || beforeIsPunctuation)
            canClose = rightFlanking && (!leftFlanking || afterIsPunctuation)
        }
        let index = pieces.count
        pieces.append(Piece(delimiter: character, remaining: end - start))
        if canClose { closeEmphasis(piece: index, character: character) }
        if canOpen, pieces[index].remaining > 0 {
            delimiters.append(Delimiter(piece: index, character: character, canOpen: true))
        }
        return end
    }

    private mutating func closeEmphasis(piece closer: Int, character: UInt8) {
        while pieces[closer].remaining > 0 {
            let bottom = openersBottom[character] ?? 0
            var match: Int?
            var candidate = delimiters.count - 1
            while candidate >= bottom {
                if delimiters[candidate].character == character {
                    match = candidate
                    break
                }
                candidate -= 1
            }
            guard let openerIndex = match else {
                openersBottom[character] = delimiters.count
                return
            }
            let opener = delimiters[openerIndex].piece
            let used = pieces[opener].remaining >= 2 && pieces[closer].remaining >= 2 ? 2 : 1
            let tag = used == 2 ? "strong" : "em"
            pieces[opener].openingTags = Array("<\(tag)>".utf8) + pieces[opener].openingTags
            pieces[closer].closingTags += Array("</\(tag)>".utf8)
            pieces[opener].remaining -= used
            pieces[closer].remaining -= used
            truncateDelimiters(to: pieces[opener].remaining == 0 ? openerIndex : openerIndex + 1)
        }
    }

    private mutating func truncateDelimiters(to count: Int) {
        guard count < delimiters.count else { return }
        delimiters.removeSubrange(count...)
        for (character, bottom) in openersBottom where bottom > count {
            openersBottom[character] = count
        }
    }

    // MARK: - Links and images

    private mutating func closeBracket(at position: Int) -> Int {
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

    private struct Destination {
        var url: String
        var title: String?
        var end: Int
    }

    /// Reads `(url)` or `(url "title")` right after `]`, in bounded time.
    private func linkDestination(after bracket: Int) -> Destination? {
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

    private func plainText(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes where !(byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "\\")) {
            out.append(byte == Self.hardBreak || byte == UInt8(ascii: "\n") ? UInt8(ascii: " ") : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Autolinks and entities

    private mutating func autolink(at start: Int) -> Int {
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
    private mutating func entity(at start: Int) -> Int {
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
