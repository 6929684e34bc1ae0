/// GFM's bare addresses: `www.example.com`, `https://example.com/path` and
/// `desk@example.com` in running text become links, with trailing punctuation
/// and an unbalanced `)` left outside, as GitHub does.
enum ExtendedAutolinks {
    static func apply(in block: MarkdownNode) {
        var node = block.firstChild
        while let current = node {
            node = current.next
            switch current.kind {
            case .link, .image: continue
            case .text: split(current)
            default: if current.firstChild != nil { apply(in: current) }
            }
        }
    }

    static func isDomainCharacter(_ c: Unicode.Scalar) -> Bool {
        Inlines.isASCIIAlphanumeric(c) || c == "-" || c == "_" || c == "." || (!c.isASCII && c.properties.isAlphabetic)
    }

    static func split(_ text: MarkdownNode) {
        let scalars = Array(text.literal.unicodeScalars)
        guard scalars.contains(where: { $0 == "." || $0 == "@" }) else { return }
        var pieces: [MarkdownNode] = []
        var plainStart = 0
        var i = 0
        while i < scalars.count {
            let boundary = i == 0 || Inlines.isUnicodeWhitespace(scalars[i - 1]) || "*_~(".unicodeScalars.contains(scalars[i - 1])
            var found: (end: Int, destination: String)?
            if boundary, let end = urlOrWWW(scalars, at: i) {
                let shown = Inlines.string(scalars[i..<end])
                found = (end, shown.lowercased().hasPrefix("www.") ? "http://" + shown : shown)
            } else if scalars[i] == "@", let (start, end) = email(scalars, at: i), start >= plainStart {
                let shown = Inlines.string(scalars[start..<end])
                if start > plainStart { pieces.append(Inlines.text(Inlines.string(scalars[plainStart..<start]))) }
                let link = MarkdownNode(.link)
                link.destination = "mailto:" + shown
                link.append(Inlines.text(shown))
                pieces.append(link)
                plainStart = end
                i = end
                continue
            }
            if let found {
                if i > plainStart { pieces.append(Inlines.text(Inlines.string(scalars[plainStart..<i]))) }
                let link = MarkdownNode(.link)
                link.destination = found.destination
                link.append(Inlines.text(Inlines.string(scalars[i..<found.end])))
                pieces.append(link)
                plainStart = found.end
                i = found.end
            } else {
                i += 1
            }
        }
        guard !pieces.isEmpty else { return }
        if plainStart < scalars.count { pieces.append(Inlines.text(Inlines.string(scalars[plainStart...]))) }
        var anchor = text
        for piece in pieces {
            anchor.insertAfter(piece)
            anchor = piece
        }
        text.unlink()
    }

    static func hasPrefix(_ s: [Unicode.Scalar], at i: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.unicodeScalars)
        guard i + p.count <= s.count else { return false }
        return Inlines.string(s[i..<(i + p.count)]).lowercased() == prefix
    }

    static func urlOrWWW(_ s: [Unicode.Scalar], at start: Int) -> Int? {
        var i = start
        if hasPrefix(s, at: i, "https://") {
            i += 8
        } else if hasPrefix(s, at: i, "http://") {
            i += 7
        } else if !hasPrefix(s, at: i, "www.") {
            return nil
        }
        let domainStart = i
        while i < s.count, isDomainCharacter(s[i]) { i += 1 }
        let domain = Inlines.string(s[domainStart..<i])
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 || !hasPrefix(s, at: start, "www."), !domain.isEmpty,
            labels.suffix(2).allSatisfy({ !$0.contains("_") })
        else { return nil }
        while i < s.count, !Inlines.isUnicodeWhitespace(s[i]), s[i] != "<" { i += 1 }
        return trimTrailing(s, from: domainStart, to: i)
    }

    static func trimTrailing(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> Int? {
        var end = end
        while end > start {
            let last = s[end - 1]
            if "?!.,:*_~'\"".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ")" {
                let opens = s[start..<end].filter { $0 == "(" }.count
                let closes = s[start..<end].filter { $0 == ")" }.count
                if closes > opens { end -= 1 } else { break }
            } else if last == ";" {
                // "&amp;" at the end is an entity, not part of the address.
                var j = end - 2
                while j > start, Inlines.isASCIIAlphanumeric(s[j]) { j -= 1 }
                if j >= start, s[j] == "&" { end = j } else { break }
            } else {
                break
            }
        }
        return end > start ? end : nil
    }

    static func email(_ s: [Unicode.Scalar], at: Int) -> (Int, Int)? {
        var start = at
        while start > 0, Inlines.isASCIIAlphanumeric(s[start - 1]) || "._+-".unicodeScalars.contains(s[start - 1]) { start -= 1 }
        guard start < at else { return nil }
        var end = at + 1
        while end < s.count, Inlines.isASCIIAlphanumeric(s[end]) || "._-".unicodeScalars.contains(s[end]) { end += 1 }
        while end > at + 1, s[end - 1] == "." { end -= 1 }
        let domain = Inlines.string(s[(at + 1)..<end])
        guard domain.contains("."), let last = domain.unicodeScalars.last, last != "-", last != "_" else { return nil }
        return (start, end)
    }
}
