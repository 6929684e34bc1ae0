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
    struct Piece {
        var html: [UInt8] = []
        var closingTags: [UInt8] = []
        var openingTags: [UInt8] = []
        var delimiter: UInt8 = 0
        var remaining = 0
        /// Bracket pieces are replaced whole when their link resolves, so text never merges into them.
        var sealed = false
    }

    struct Delimiter {
        var piece: Int
        var character: UInt8
        var canOpen: Bool
    }

    struct Bracket {
        var piece: Int
        var isImage: Bool
        var textStart: Int
        var active = true
    }

    /// A hard line break inside a paragraph (two trailing spaces or a trailing
    /// backslash); the block parser writes it between lines, and NUL never
    /// survives into the text otherwise.
    static let hardBreak: UInt8 = 0

    // Internal rather than private only so `InlineRenderer+Links.swift` can reach them;
    // the type itself is internal to Core and used only by `MarkdownRenderer`.
    let text: [UInt8]
    var pieces: [Piece] = []
    var delimiters: [Delimiter] = []
    var brackets: [Bracket] = []
    var openersBottom: [UInt8: Int] = [:]
    var nextLinkStop: [Int]
    var backtickRuns: [Int: [Int]] = [:]
    var backtickCursor: [Int: Int] = [:]

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

    mutating func run() {
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

    mutating func appendHTML(_ html: String) {
        appendRaw(Array(html.utf8))
    }

    mutating func appendRaw(_ bytes: [UInt8]) {
        if let last = pieces.indices.last, pieces[last].delimiter == 0, !pieces[last].sealed {
            pieces[last].html += bytes
        } else {
            pieces.append(Piece(html: bytes))
        }
    }

    mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "<"): appendHTML("&lt;")
        case UInt8(ascii: ">"): appendHTML("&gt;")
        case UInt8(ascii: "&"): appendHTML("&amp;")
        case UInt8(ascii: "\""): appendHTML("&quot;")
        case UInt8(ascii: "'"): appendHTML("&#39;")
        default: appendRaw([byte])
        }
    }

    func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    func isWhitespace(_ byte: UInt8?) -> Bool {
        guard let byte else { return true }
        return byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == Self.hardBreak
    }

    // MARK: - Code spans

    mutating func codeSpan(at start: Int) -> Int {
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

    mutating func delimiterRun(at start: Int) -> Int {
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

    mutating func closeEmphasis(piece closer: Int, character: UInt8) {
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

    mutating func truncateDelimiters(to count: Int) {
        guard count < delimiters.count else { return }
        delimiters.removeSubrange(count...)
        for (character, bottom) in openersBottom where bottom > count {
            openersBottom[character] = count
        }
    }
}
