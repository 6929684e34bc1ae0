import Foundation
import MastheadCore

/// WordPress shortcodes in post content, turned into the HTML WordPress would
/// have printed for them, before the body becomes Markdown.
///
/// `[caption]` becomes a figure with its caption, `[embed]`, `[video]` and
/// `[audio]` a link to the media. A `[gallery]` cannot come across (it names
/// attachments, not files) and is reported. Any other shortcode is left as the
/// text it is, so nothing is lost silently and nothing runs.
enum Shortcodes {
    struct Result {
        var html: String
        var warnings: [String]
    }

    static func expand(_ content: String) -> Result {
        var warnings: [String] = []
        guard content.contains("[") else { return Result(html: autoEmbeds(content), warnings: []) }
        var out = ""
        out.reserveCapacity(content.utf8.count)
        var rest = content[...]
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            let tail = rest[open...]
            // [[caption]] is WordPress's way of writing a shortcode as text.
            if tail.hasPrefix("[["), let close = tail.range(of: "]]") {
                out += tail[tail.index(after: tail.startIndex)..<tail.index(after: close.lowerBound)]
                rest = tail[close.upperBound...]
                continue
            }
            guard let code = parse(tail) else {
                out += "["
                rest = tail.dropFirst()
                continue
            }
            switch code.name {
            case "caption", "wp_caption":
                out += caption(code)
            case "embed":
                out += link(code.content.trimmingSpaces())
            case "video", "audio":
                let source =
                    code.attributes["src"] ?? code.attributes["mp4"] ?? code.attributes["mp3"] ?? code.attributes["ogg"]
                    ?? code.content.trimmingSpaces()
                out += link(source)
            case "gallery", "playlist":
                warnings.append("its [\(code.name)] shortcode was dropped: it lists attachments, not content.")
            default:
                out += code.source
            }
            rest = rest[code.end...]
        }
        out += rest
        return Result(html: autoEmbeds(out), warnings: warnings)
    }

    static let known: Set<String> = ["caption", "wp_caption", "embed", "video", "audio", "gallery", "playlist"]

    struct Shortcode {
        var name: String
        var attributes: [String: String]
        var content: String
        var source: String
        var end: Substring.Index
    }

    /// A known shortcode at the start of `text`, with its content up to the matching `[/name]`.
    static func parse(_ text: Substring) -> Shortcode? {
        var i = text.index(after: text.startIndex)
        let nameStart = i
        while i < text.endIndex, text[i].isLetter || text[i].isNumber || text[i] == "_" || text[i] == "-" { i = text.index(after: i) }
        let name = String(text[nameStart..<i]).lowercased()
        guard known.contains(name) else { return nil }
        var attributes: [String: String] = [:]
        var selfClosing = false
        // Attributes: key="value", key='value', key=value; up to the closing bracket.
        while i < text.endIndex, text[i] != "]" {
            if text[i] == "/" {
                selfClosing = true
                i = text.index(after: i)
                continue
            }
            guard !text[i].isWhitespace else {
                i = text.index(after: i)
                continue
            }
            let keyStart = i
            while i < text.endIndex, text[i] != "=", text[i] != "]", !text[i].isWhitespace { i = text.index(after: i) }
            let key = String(text[keyStart..<i]).lowercased()
            guard i < text.endIndex, text[i] == "=" else { continue }
            i = text.index(after: i)
            guard i < text.endIndex else { return nil }
            var value = ""
            if text[i] == "\"" || text[i] == "'" || text[i] == "\u{201D}" || text[i] == "\u{2033}" {
                let quote = text[i]
                i = text.index(after: i)
                let valueStart = i
                while i < text.endIndex, text[i] != quote { i = text.index(after: i) }
                guard i < text.endIndex else { return nil }
                value = String(text[valueStart..<i])
                i = text.index(after: i)
            } else {
                let valueStart = i
                while i < text.endIndex, text[i] != "]", !text[i].isWhitespace { i = text.index(after: i) }
                value = String(text[valueStart..<i])
            }
            attributes[key] = value
        }
        guard i < text.endIndex else { return nil }
        let afterOpen = text.index(after: i)
        if !selfClosing, name != "gallery", name != "playlist", let close = text[afterOpen...].range(of: "[/\(name)]", options: .caseInsensitive) {
            return Shortcode(
                name: name,
                attributes: attributes,
                content: String(text[afterOpen..<close.lowerBound]),
                source: String(text[text.startIndex..<close.upperBound]),
                end: close.upperBound
            )
        }
        return Shortcode(name: name, attributes: attributes, content: "", source: String(text[text.startIndex..<afterOpen]), end: afterOpen)
    }

    /// `[caption]<img …> The caption.[/caption]` (or an old `caption="…"` attribute) as a figure.
    static func caption(_ code: Shortcode) -> String {
        let fragment = HTMLTree.parse(code.content)
        guard let image = fragment.first("img"), let source = image["src"] else { return code.content }
        var caption = code.attributes["caption"].map { HTMLEntities.decode(Substring($0)) } ?? ""
        // Otherwise the caption is the text that follows the image (and the link around it).
        if caption.isEmpty { caption = fragment.textContent }
        let alt = image["alt"] ?? ""
        return "\n\n<figure><img src=\"\(HTMLEscaping.escape(source))\" alt=\"\(HTMLEscaping.escape(alt))\"><figcaption>"
            + HTMLEscaping.escape(caption) + "</figcaption></figure>\n\n"
    }

    static func link(_ url: String) -> String {
        guard SafeURL.check(url, for: .link) != nil else { return HTMLEscaping.escape(url) }
        return "\n\n<p><a href=\"\(HTMLEscaping.escape(url))\">\(HTMLEscaping.escape(url))</a></p>\n\n"
    }

    /// A web address alone on its line is an embed in WordPress; here it becomes a link.
    static func autoEmbeds(_ html: String) -> String {
        guard startsALine(with: "http", in: html) else { return html }
        return html.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let trimmed = line.trimmingSpaces()
            guard trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://"), !trimmed.contains(" "), !trimmed.contains("<"),
                !trimmed.contains("\"")
            else {
                return String(line)
            }
            return link(trimmed)
        }.joined(separator: "\n")
    }

    /// Whether any line, after its indentation, begins with `prefix`: a byte scan that
    /// spares the line-by-line pass for the many bodies without a bare address.
    static func startsALine(with prefix: String, in text: String) -> Bool {
        let wanted = Array(prefix.utf8)
        var atLineStart = true
        var matched = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                atLineStart = true
                matched = 0
            } else if atLineStart && matched == 0 && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) {
                continue
            } else if atLineStart && byte == wanted[matched] {
                matched += 1
                if matched == wanted.count { return true }
            } else {
                atLineStart = false
                matched = 0
            }
        }
        return false
    }
}
