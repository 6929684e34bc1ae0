/// GFM's bare addresses: `www.example.com`, `https://example.com/path` (read by
/// `Inlines` as it goes) and `desk@example.com` (found afterwards) become links,
/// with trailing punctuation and an unbalanced `)` left outside, as GitHub does.
enum ExtendedAutolinks {
    /// Addresses with an `@` in running text, after the inline parse (as cmark-gfm does):
    /// neighbouring text nodes are joined first, since `first_last@…` arrives in pieces.
    static func apply(in block: MarkdownNode) {
        var containers: [MarkdownNode] = [block]
        while let container = containers.popLast() {
            var node = container.firstChild
            while let current = node {
                node = current.next
                switch current.kind {
                case .link, .image: continue
                case .text:
                    while let next = current.next, next.kind == .text {
                        current.literal += next.literal
                        next.unlink()
                    }
                    node = current.next
                    if current.literal.unicodeScalars.contains("@") { splitEmails(current) }
                default: if current.firstChild != nil { containers.append(current) }
                }
            }
        }
    }

    static func isDomainCharacter(_ c: Unicode.Scalar) -> Bool {
        Inlines.isASCIIAlphanumeric(c) || c == "-" || c == "_" || c == "." || (!c.isASCII && c.properties.isAlphabetic)
    }

    /// Whether an address may start at `i`: at the start, after white space, or after `*`, `_`, `~`, `(`.
    static func mayStart(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        i == 0 || Inlines.isUnicodeWhitespace(s[i - 1]) || "*_~(".unicodeScalars.contains(s[i - 1])
    }

    static func splitEmails(_ text: MarkdownNode) {
        let scalars = Array(text.literal.unicodeScalars)
        var pieces: [MarkdownNode] = []
        var plainStart = 0
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "@", let (start, end) = email(scalars, at: i), start >= plainStart else {
                i += 1
                continue
            }
            let shown = Inlines.string(scalars[start..<end])
            if start > plainStart { pieces.append(Inlines.text(Inlines.string(scalars[plainStart..<start]))) }
            let link = MarkdownNode(.link)
            link.destination = "mailto:" + shown
            link.append(Inlines.text(shown))
            pieces.append(link)
            plainStart = end
            i = end
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
        // Counted once: trimming a run of ")" stays linear.
        let opens = s[start..<end].filter { $0 == "(" }.count
        var closes = s[start..<end].filter { $0 == ")" }.count
        while end > start {
            let last = s[end - 1]
            if "?!.,:*_~'\"".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ")" {
                guard closes > opens else { break }
                end -= 1
                closes -= 1
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
