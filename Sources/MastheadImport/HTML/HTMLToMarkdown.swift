import Foundation
import MastheadCore

/// Converts post HTML (WordPress's stored content, an old CMS's body) into the
/// Markdown our editor holds: paragraphs, subheads, links, emphasis, lists,
/// block quotes, images with captions, code. Everything else keeps only its
/// text, escaped, so no markup from the old site ever becomes live HTML here.
///
/// WordPress stores bodies without `<p>` tags and adds them when it prints a
/// page (`wpautop`): blank lines are paragraph breaks and single newlines line
/// breaks. `autoParagraphs` does the same here.
public enum HTMLToMarkdown {
    public static func convert(_ html: String, autoParagraphs: Bool = false) -> String {
        let root = HTMLTree.parse(html)
        var writer = Writer(autoParagraphs: autoParagraphs)
        writer.blocks(of: root)
        writer.flush()
        return writer.output.joined(separator: "\n\n")
    }

    /// Text made safe to stand as Markdown: every character that could start
    /// markup is escaped, so `*not emphasis*` stays as typed.
    public static func escape(_ text: String, lineStart: Bool = true) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "*", "_", "`", "[", "]", "<", "&":
                scalars.append("\\")
                scalars.append(scalar)
            default:
                scalars.append(scalar)
            }
        }
        let out = String(scalars)
        guard lineStart, let first = out.first else { return out }
        if "#>-+=~|".contains(first) { return "\\" + out }
        // "1. " or "1) " at the start of a line would become a list.
        let digits = out.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = out.dropFirst(digits.count).first, after == "." || after == ")" {
            return digits + "\\" + out.dropFirst(digits.count)
        }
        return out
    }

    struct Writer {
        let autoParagraphs: Bool
        var output: [String] = []
        var paragraph = ""

        init(autoParagraphs: Bool) {
            self.autoParagraphs = autoParagraphs
        }

        mutating func flush() {
            let text = paragraph.split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in String(line).trimmingSpaces() }
                .filter { !$0.isEmpty || false }
                .joined(separator: "\\\n")
            paragraph = ""
            if !text.isEmpty { output.append(text) }
        }

        mutating func blocks(of node: HTMLNode) {
            for child in node.children {
                if child.isText {
                    blockText(child.text)
                } else if isInline(child) {
                    paragraph += Inline.render(child)
                } else {
                    flush()
                    block(child)
                }
            }
        }

        /// Text directly inside a block container: with `autoParagraphs`, blank lines
        /// end paragraphs and single newlines are line breaks, as WordPress prints them.
        mutating func blockText(_ text: String) {
            guard autoParagraphs else {
                paragraph += Inline.escapeRun(text)
                return
            }
            var pieces = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            let last = pieces.removeLast()
            for piece in pieces {
                paragraph += Inline.escapeRun(piece, keepNewlines: true)
                flush()
            }
            paragraph += Inline.escapeRun(last, keepNewlines: true)
        }

        mutating func block(_ node: HTMLNode) {
            switch node.name {
            case "h1", "h2", "h3", "h4", "h5", "h6":
                // The article's own headline is the page's h1; subheads start at ##.
                let level = max(2, Int(String(node.name.dropFirst())) ?? 2)
                let text = Inline.render(children: node).trimmingSpaces()
                if !text.isEmpty { output.append(String(repeating: "#", count: level) + " " + text) }
            case "ul", "ol":
                let items = node.children.filter { $0.name == "li" }
                var lines: [String] = []
                for (number, item) in items.enumerated() {
                    let text = Inline.render(children: item).replacingOccurrences(of: "\n", with: " ").trimmingSpaces()
                    guard !text.isEmpty else { continue }
                    lines.append((node.name == "ol" ? "\(number + 1). " : "- ") + text)
                }
                if !lines.isEmpty { output.append(lines.joined(separator: "\n")) }
            case "blockquote":
                var inner = Writer(autoParagraphs: autoParagraphs)
                inner.blocks(of: node)
                inner.flush()
                let quoted = inner.output.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? ">" : "> " + $0 }
                if !inner.output.isEmpty { output.append(quoted.joined(separator: "\n")) }
            case "figure":
                figure(node)
            case "img":
                if let image = Inline.image(node, caption: nil) { output.append(image) }
            case "pre":
                let code = node.textContentPreservingLines
                if !code.trimmingSpaces().isEmpty {
                    let fence = code.contains("```") ? "~~~~" : "```"
                    output.append(fence + "\n" + code.trimmingCharacters(in: .newlines) + "\n" + fence)
                }
            case "hr":
                output.append("---")
            case "script", "style", "template", "noscript", "head", "title", "meta", "link", "form", "button", "select", "input", "nav":
                break
            case "iframe", "embed", "object", "video", "audio":
                // Embeds become a link to what they showed, when that is a web address.
                if let source = node["src"] ?? node["data"] ?? node.first("source")?["src"], let url = SafeURL.check(source, for: .link) {
                    output.append("[\(Inline.escapeRun(source))](\(url))")
                }
            case "table":
                for row in node.descendants(where: { $0.name == "tr" }) {
                    let cells = row.children.filter { $0.name == "td" || $0.name == "th" }.map { Inline.render(children: $0).trimmingSpaces() }
                    let line = cells.filter { !$0.isEmpty }.joined(separator: " · ")
                    if !line.isEmpty { output.append(line) }
                }
            default:
                blocks(of: node)
                flush()
            }
        }

        mutating func figure(_ node: HTMLNode) {
            let caption = node.first("figcaption")?.textContent
            if let img = node.first("img"), let image = Inline.image(img, caption: caption) {
                output.append(image)
            } else if let caption, !caption.isEmpty {
                output.append(HTMLToMarkdown.escape(caption))
            }
        }

        func isInline(_ node: HTMLNode) -> Bool {
            !HTMLTree.blockElements.contains(node.name)
                && !["img", "iframe", "embed", "object", "video", "audio", "script", "style"].contains(node.name)
                || (node.name == "img" && !paragraph.trimmingSpaces().isEmpty)
        }
    }
}

extension HTMLNode {
    /// Text with its line breaks, for `<pre>`.
    var textContentPreservingLines: String {
        if isText { return text }
        if name == "br" { return "\n" }
        return children.map(\.textContentPreservingLines).joined()
    }
}

extension StringProtocol {
    /// Without white space at either end. Walks scalars rather than bridging to
    /// NSString, which cost a tenth of a large import's time.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
