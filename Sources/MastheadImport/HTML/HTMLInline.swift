import Foundation
import MastheadCore

/// Phrasing content (text, links, emphasis, code, line breaks) as Markdown.
enum Inline {
    static func render(_ node: HTMLNode) -> String {
        if node.isText { return escapeRun(node.text) }
        let inner = render(children: node)
        switch node.name {
        case "strong", "b":
            return wrap(inner, "**")
        case "em", "i", "cite":
            return wrap(inner, "*")
        case "code", "kbd", "samp", "tt":
            let text = node.textContent
            guard !text.isEmpty else { return "" }
            let fence = text.contains("`") ? "`` " : "`"
            return fence + text + String(fence.reversed())
        case "a":
            // Pages often carry unencoded spaces in addresses; encoded, they are valid.
            let href = (node["href"] ?? "").trimmingSpaces().replacingOccurrences(of: " ", with: "%20")
            guard let url = SafeURL.check(href, for: .link), !inner.trimmingSpaces().isEmpty else { return inner }
            let label: String = inner.trimmingSpaces()
            return "[" + label + "](" + destination(url) + ")"
        case "br":
            return "\n"
        case "img":
            return image(node, caption: nil) ?? ""
        case "script", "style", "template", "noscript", "button", "select", "input", "textarea", "rt", "rp":
            // `rt`/`rp`: a ruby annotation (furigana) is a reading aid, not the sentence.
            return ""
        default:
            return inner
        }
    }

    static func render(children node: HTMLNode) -> String {
        node.children.map { render($0) }.joined()
    }

    /// `![alt](src "caption")`: a paragraph holding only this becomes a figure with that caption.
    static func image(_ node: HTMLNode, caption: String?) -> String? {
        guard let source = node["src"], let url = SafeURL.check(source, for: .image) else { return nil }
        let alt = collapseWhitespace(node["alt"] ?? "").replacingOccurrences(of: "]", with: ")").replacingOccurrences(of: "[", with: "(")
        var title = ""
        if let caption = caption.map(collapseWhitespace), !caption.isEmpty {
            title = " \"" + caption.replacingOccurrences(of: "\"", with: "\u{201D}") + "\""
        }
        return "![" + escapeRun(alt) + "](" + destination(url) + title + ")"
    }

    /// Spaces and parentheses would end a Markdown destination early.
    static func destination(_ url: String) -> String {
        url.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
    }

    static func wrap(_ inner: String, _ marker: String) -> String {
        let trimmed = inner.trimmingSpaces()
        guard !trimmed.isEmpty else { return inner }
        let leading = inner.prefix { $0 == " " }
        let trailing = String(inner.reversed().prefix { $0 == " " })
        return leading + marker + trimmed + marker + trailing
    }

    /// Text as Markdown: escaped, white space collapsed (newlines kept when asked).
    static func escapeRun(_ text: String, keepNewlines: Bool = false) -> String {
        var collapsed = String.UnicodeScalarView()
        var pending: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            let isSpace =
                scalar.isASCII
                ? (scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}") : scalar.properties.isWhitespace
            if scalar == "\n" {
                if keepNewlines { pending = "\n" } else if pending == nil { pending = " " }
            } else if isSpace {
                if pending == nil { pending = " " }
            } else {
                if let space = pending { collapsed.append(space) }
                pending = nil
                collapsed.append(scalar)
            }
        }
        if let space = pending { collapsed.append(space) }
        let result = String(collapsed)
        guard keepNewlines, result.contains("\n") else { return HTMLToMarkdown.escape(result, lineStart: true) }
        return result.split(separator: "\n", omittingEmptySubsequences: false)
            .map { HTMLToMarkdown.escape(String($0), lineStart: true) }
            .joined(separator: "\n")
    }
}
