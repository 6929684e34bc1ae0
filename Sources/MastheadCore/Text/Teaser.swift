import Foundation

/// The sentence or two a list shows under a headline.
public enum Teaser {
    public static let maximumLength = 220

    /// The standfirst when there is one; otherwise the body's opening sentences, as
    /// plain text, cut at a word boundary with an ellipsis.
    public static func make(standfirst: String, bodyMarkdown: String, maximumLength: Int = maximumLength) -> String {
        let trimmed = standfirst.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { return cut(trimmed, to: maximumLength) }
        return cut(plainText(fromMarkdown: bodyMarkdown), to: maximumLength)
    }

    /// Cuts text to at most `limit` characters: whole sentences when they fit,
    /// otherwise at the last word boundary, with an ellipsis.
    public static func cut(_ text: String, to limit: Int) -> String {
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard collapsed.count > limit else { return collapsed }
        let head = collapsed.prefix(limit)
        if let sentenceEnd = head.lastIndex(where: { $0 == "." || $0 == "!" || $0 == "?" }),
            head.distance(from: head.startIndex, to: sentenceEnd) >= limit / 2
        {
            return String(head[...sentenceEnd])
        }
        var cut = head
        if let space = head.lastIndex(of: " ") { cut = head[..<space] }
        while let last = cut.last, last.isPunctuation { cut = cut.dropLast() }
        return cut + "…"
    }

    /// The opening paragraphs of a Markdown body as plain text: markup, links and
    /// images dropped, headings and code skipped.
    public static func plainText(fromMarkdown markdown: String, paragraphs: Int = 2) -> String {
        var kept: [String] = []
        var current: [String] = []
        var inFence = false
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            if inFence { continue }
            if line.isEmpty {
                if !current.isEmpty { kept.append(current.joined(separator: " ")) }
                current = []
                if kept.count >= paragraphs { break }
                continue
            }
            if line.hasPrefix("#") || line.hasPrefix("!") || line.allSatisfy({ $0 == "-" || $0 == "*" || $0 == "_" || $0 == " " }) { continue }
            current.append(stripInlineMarkup(line.hasPrefix(">") ? String(line.drop(while: { $0 == ">" || $0 == " " })) : line))
        }
        if !current.isEmpty, kept.count < paragraphs { kept.append(current.joined(separator: " ")) }
        return kept.joined(separator: " ")
    }

    private static func stripInlineMarkup(_ line: String) -> String {
        var out = ""
        let chars = Array(line)
        var i = 0
        // `[text](url)` keeps its text; emphasis and code markers vanish.
        while i < chars.count {
            let c = chars[i]
            if c == "]", i + 1 < chars.count, chars[i + 1] == "(" {
                var j = i + 2
                while j < chars.count, chars[j] != ")" { j += 1 }
                i = j + 1
                continue
            }
            if c == "[" || c == "*" || c == "_" || c == "`" || c == "\\" {
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }
}
