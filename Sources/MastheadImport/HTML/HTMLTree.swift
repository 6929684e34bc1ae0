import Foundation

/// An element or a run of text in a parsed page.
final class HTMLNode {
    /// Lowercase tag name; empty for text.
    let name: String
    var attributes: [String: String]
    var children: [HTMLNode] = []
    /// Decoded text, for text nodes (and the raw content of `script`).
    var text: String
    /// What `BodyFinder` measured of this element on its latest pass.
    var measure = BodyFinder.Measure()

    init(name: String, attributes: [String: String] = [:], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.text = text
    }

    var isText: Bool { name.isEmpty }

    subscript(attribute: String) -> String? { attributes[attribute] }

    /// Class names, for furniture detection (`class="share-bar"`).
    var classAndID: String { ((attributes["class"] ?? "") + " " + (attributes["id"] ?? "")).lowercased() }

    /// All the text inside, with white space collapsed.
    var textContent: String {
        var out = ""
        appendText(to: &out)
        return collapseWhitespace(out)
    }

    private func appendText(to out: inout String) {
        if isText {
            out += text
            return
        }
        // `rt`/`rp`: a ruby annotation (furigana) is a reading aid, not the text.
        if name == "script" || name == "style" || name == "template" || name == "noscript" || name == "rt" || name == "rp" { return }
        if name == "br" { out += " " }
        for child in children { child.appendText(to: &out) }
        if HTMLTree.blockElements.contains(name) { out += " " }
    }

    /// Every element below this one, depth first, in document order.
    func descendants(where matches: (HTMLNode) -> Bool) -> [HTMLNode] {
        var found: [HTMLNode] = []
        var stack: [HTMLNode] = children.reversed()
        while let node = stack.popLast() {
            if !node.isText && matches(node) { found.append(node) }
            stack.append(contentsOf: node.children.reversed())
        }
        return found
    }

    func first(_ name: String) -> HTMLNode? { descendants { $0.name == name }.first }
}

/// A forgiving HTML parser, enough for article pages and post bodies: it never
/// fails, keeps the tree within bounds on hostile input, and treats the content
/// of `script`, `style` and `textarea` as raw text.
enum HTMLTree {
    static let maximumDepth = 128
    static let maximumNodes = 200_000

    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    /// `noscript` is parsed as markup, as a browser without scripts does: pages built by
    /// scripts (Blogger's) put their article there for such readers.
    static let headElements: Set<String> = ["meta", "link", "title", "script", "style", "base", "noscript", "template", "head"]
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "template"]
    static let blockElements: Set<String> = [
        "p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "table", "tr", "td", "th",
        "section", "article", "aside", "header", "footer", "nav", "main", "pre", "hr", "form", "dl", "dt", "dd", "address", "details",
        "summary", "body", "html",
    ]

    /// Parses a whole document or fragment; the root is a nameless-element container.
    static func parse(_ html: String) -> HTMLNode {
        let root = HTMLNode(name: "#root")
        var stack: [HTMLNode] = [root]
        var nodes = 0
        let bytes = Array(html.utf8)
        var i = 0

        func appendText(_ text: String) {
            guard !text.isEmpty, nodes < maximumNodes else { return }
            let current = stack[stack.count - 1]
            if let last = current.children.last, last.isText {
                last.text += text
            } else {
                current.children.append(HTMLNode(name: "", text: text))
                nodes += 1
            }
        }
        func close(_ name: String) {
            guard let position = stack.lastIndex(where: { $0.name == name }), position > 0 else { return }
            stack.removeSubrange(position...)
        }

        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else {
                let start = i
                while i < bytes.count && bytes[i] != UInt8(ascii: "<") { i += 1 }
                appendText(HTMLEntities.decode(Substring(String(decoding: bytes[start..<i], as: UTF8.self))))
                continue
            }
            guard let tag = Tag.read(bytes, at: i) else {
                appendText("<")
                i += 1
                continue
            }
            i = tag.end
            switch tag.kind {
            case .ignored:
                continue
            case .end:
                close(tag.name)
            case .start:
                guard nodes < maximumNodes else { continue }
                // Anything but metadata ends an unclosed `<head>`, as in a browser: pages that
                // never close it still have a body.
                if !headElements.contains(tag.name), let head = stack.prefix(3).lastIndex(where: { $0.name == "head" }), head > 0 {
                    stack.removeSubrange(head...)
                }
                let current = stack[stack.count - 1]
                if blockElements.contains(tag.name) && current.name == "p" { stack.removeLast() }
                if tag.name == "li" || tag.name == "dt" || tag.name == "dd" || tag.name == "tr" || tag.name == "td" || tag.name == "th"
                    || tag.name == "option"
                {
                    let siblings: Set<String> = tag.name == "li" ? ["li"] : tag.name == "td" || tag.name == "th" ? ["td", "th"] : [tag.name]
                    let fence: Set<String> = ["ul", "ol", "dl", "table", "tbody", "thead", "select", "tr"]
                    if let open = stack.lastIndex(where: { siblings.contains($0.name) || fence.contains($0.name) }),
                        siblings.contains(stack[open].name), open > 0
                    {
                        stack.removeSubrange(open...)
                    }
                }
                let node = HTMLNode(name: tag.name, attributes: tag.attributes)
                stack[stack.count - 1].children.append(node)
                nodes += 1
                if rawTextElements.contains(tag.name) {
                    let (text, end) = rawText(bytes, from: i, closing: tag.name)
                    node.text = tag.name == "script" || tag.name == "style" ? text : HTMLEntities.decode(Substring(text))
                    if tag.name == "textarea" || tag.name == "title" { node.children = [HTMLNode(name: "", text: node.text)] }
                    i = end
                } else if !voidElements.contains(tag.name) && !tag.selfClosing && stack.count < maximumDepth {
                    stack.append(node)
                }
            }
        }
        return root
    }

    private static func rawText(_ bytes: [UInt8], from start: Int, closing name: String) -> (String, Int) {
        let closer = Array("</\(name)".utf8)
        var i = start
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), i + closer.count <= bytes.count,
                zip(bytes[i..<i + closer.count], closer).allSatisfy({ lowercase($0) == $1 })
            {
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                var end = i + closer.count
                while end < bytes.count && bytes[end] != UInt8(ascii: ">") { end += 1 }
                return (text, min(bytes.count, end + 1))
            }
            i += 1
        }
        return (String(decoding: bytes[start...], as: UTF8.self), bytes.count)
    }

    static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// One tag at `<`.
    struct Tag {
        enum Kind { case start, end, ignored }
        var kind: Kind
        var name = ""
        var attributes: [String: String] = [:]
        var selfClosing = false
        var end: Int

        static func read(_ bytes: [UInt8], at start: Int) -> Tag? {
            var i = start + 1
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "!") || bytes[i] == UInt8(ascii: "?") {
                let isComment = bytes[i...].starts(with: Array("!--".utf8))
                let terminator = isComment ? Array("-->".utf8) : [UInt8(ascii: ">")]
                var j = i + (isComment ? 3 : 1)
                while j < bytes.count && !bytes[j...].starts(with: terminator) { j += 1 }
                return Tag(kind: .ignored, end: min(bytes.count, j + terminator.count))
            }
            var kind = Kind.start
            if bytes[i] == UInt8(ascii: "/") {
                kind = .end
                i += 1
            }
            guard i < bytes.count, isLetter(bytes[i]) else { return nil }
            var name: [UInt8] = []
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") {
                name.append(lowercase(bytes[i]))
                i += 1
            }
            var tag = Tag(kind: kind, name: String(decoding: name.prefix(64), as: UTF8.self), end: i)
            // Attributes: name, name=value, name="value", name='value'.
            while i < bytes.count {
                while i < bytes.count && isSpace(bytes[i]) { i += 1 }
                guard i < bytes.count else { break }
                if bytes[i] == UInt8(ascii: ">") {
                    i += 1
                    break
                }
                if bytes[i] == UInt8(ascii: "/") {
                    tag.selfClosing = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: ">")
                    i += 1
                    continue
                }
                var attribute: [UInt8] = []
                while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/")
                {
                    attribute.append(lowercase(bytes[i]))
                    i += 1
                }
                while i < bytes.count && isSpace(bytes[i]) { i += 1 }
                var value: [UInt8] = []
                if i < bytes.count, bytes[i] == UInt8(ascii: "=") {
                    i += 1
                    while i < bytes.count && isSpace(bytes[i]) { i += 1 }
                    if i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                        let quote = bytes[i]
                        i += 1
                        while i < bytes.count && bytes[i] != quote {
                            value.append(bytes[i])
                            i += 1
                        }
                        i += 1
                    } else {
                        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") {
                            value.append(bytes[i])
                            i += 1
                        }
                    }
                }
                if kind == .start, !attribute.isEmpty, tag.attributes.count < 64 {
                    let key = String(decoding: attribute, as: UTF8.self)
                    if tag.attributes[key] == nil {
                        tag.attributes[key] = HTMLEntities.decode(Substring(String(decoding: value, as: UTF8.self)))
                    }
                }
            }
            tag.end = min(i, bytes.count)
            return tag
        }

        static func isLetter(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C
        }
    }
}

/// Runs of white space (including no-break spaces) become one space; ends are trimmed.
/// Works in UTF-8 bytes and asks Unicode's tables only about non-ASCII scalars:
/// the scalar-by-scalar version was a quarter of a large page's recognition.
func collapseWhitespace(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        let value = scalar.value
        let isSpace = value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value)) : (scalar.properties.isWhitespace || value == 0xA0)
        if isSpace {
            pendingSpace = !out.isEmpty
            continue
        }
        if pendingSpace { out.append(0x20) }
        pendingSpace = false
        if value < 0x80 {
            out.append(UInt8(value))
        } else {
            UTF8.encode(scalar) { out.append($0) }
        }
    }
    return String(decoding: out, as: UTF8.self)
}
