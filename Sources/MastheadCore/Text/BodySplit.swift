/// Finds where the follow box goes in a rendered body: after the n-th top-level
/// paragraph. Works on `MarkdownRenderer` output only, where every `<` starts a
/// tag (text is escaped), so counting tags is exact.
public enum BodySplit {
    public static func afterParagraph(_ count: Int, in body: SafeHTML) -> (before: SafeHTML, after: SafeHTML)? {
        guard count > 0 else { return nil }
        let html = body.rawValue.utf8
        let nesting: [String] = ["<blockquote>", "<ul>", "<ol", "<li>"]
        let closing: [String] = ["</blockquote>", "</ul>", "</ol>", "</li>"]
        var depth = 0
        var seen = 0
        var index = html.startIndex
        let body = body.rawValue
        while index < html.endIndex {
            guard html[index] == UInt8(ascii: "<") else {
                index = html.index(after: index)
                continue
            }
            let rest = body[index...]
            if closing.contains(where: { rest.hasPrefix($0) }) {
                depth -= 1
            } else if nesting.contains(where: { rest.hasPrefix($0) }) {
                depth += 1
            } else if depth == 0, rest.hasPrefix("</p>\n") {
                seen += 1
                if seen == count {
                    let split = html.index(index, offsetBy: 5)
                    guard split < html.endIndex else { return nil }  // nothing follows: no box at the very end
                    return (SafeHTML(trusted: String(body[..<split])), SafeHTML(trusted: String(body[split...])))
                }
            }
            index = html.index(after: index)
        }
        return nil
    }
}
