import Foundation

/// Markdown to safe HTML, for article bodies. Rendered once when an article is
/// saved, never per request.
///
/// Supports paragraphs, subheads (`#`…`######`, shifted down a level so the
/// headline stays the page's only `h1`), emphasis, links, images (a paragraph that
/// is just an image becomes a `figure`, its title the caption), block quotes,
/// lists, horizontal rules, code spans and code blocks. Raw HTML is escaped and
/// shown as text. The output only ever holds `HTMLAllowlist`'s elements and
/// attributes, and rendering is linear in the input: nesting is capped at
/// `maximumNesting`, after which markers are plain text.
public enum MarkdownRenderer {
    public static let maximumNesting = 12

    public static func render(_ markdown: String) -> SafeHTML {
        var bytes = Array(markdown.utf8)
        // NUL is the inline renderer's hard-break marker; the replacement keeps it out of the text.
        if bytes.contains(0) {
            bytes = Array(String(decoding: bytes, as: UTF8.self).replacingNUL().utf8)
        }
        let lines = splitLines(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        renderBlocks(lines[...], depth: 0, tight: false, into: &out)
        return SafeHTML(trusted: String(decoding: out, as: UTF8.self))
    }

    typealias Line = ArraySlice<UInt8>

    static func splitLines(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") {
                lines.append(bytes[start..<i])
                if bytes[i] == UInt8(ascii: "\r"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { lines.append(bytes[start..<bytes.count]) }
        return lines
    }

    // MARK: - Blocks

    static func renderBlocks(_ lines: ArraySlice<Line>, depth: Int, tight: Bool, into out: inout [UInt8]) {
        var i = lines.startIndex
        while i < lines.endIndex {
            let line = lines[i]
            if isBlank(line) {
                i += 1
                continue
            }
            let indent = indentation(of: line)
            if indent >= 4 {
                i = indentedCode(lines, from: i, into: &out)
                continue
            }
            let content = dropIndent(line, upTo: 3)
            if let fence = Fence(content) {
                i = fencedCode(lines, from: i, fence: fence, into: &out)
            } else if let level = headingLevel(content) {
                let tag = "h\(max(2, level))"
                out += Array("<\(tag)>".utf8)
                InlineRenderer.render(Array(headingText(content, level: level)), into: &out)
                out += Array("</\(tag)>\n".utf8)
                i += 1
            } else if isThematicBreak(content) {
                out += Array("<hr>\n".utf8)
                i += 1
            } else if depth < maximumNesting, content.first == UInt8(ascii: ">") {
                i = blockQuote(lines, from: i, depth: depth, into: &out)
            } else if depth < maximumNesting, let marker = ListMarker(content, indent: min(indent, 3)) {
                i = list(lines, from: i, first: marker, depth: depth, into: &out)
            } else {
                i = paragraph(lines, from: i, tight: tight, into: &out)
            }
        }
    }

    private static func paragraph(_ lines: ArraySlice<Line>, from start: Int, tight: Bool, into out: inout [UInt8]) -> Int {
        var text: [UInt8] = []
        var i = start
        var breakAfterPrevious = false
        while i < lines.endIndex {
            let line = lines[i]
            if isBlank(line) { break }
            if i > start, interruptsParagraph(line) { break }
            var content = dropIndent(line, upTo: Int.max)
            var trailingSpaces = 0
            while let last = content.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
                content = content.dropLast()
                trailingSpaces += 1
            }
            var hardBreak = trailingSpaces >= 2
            if content.last == UInt8(ascii: "\\") {
                content = content.dropLast()
                hardBreak = true
            }
            if i > start { text.append(breakAfterPrevious ? InlineRenderer.hardBreak : UInt8(ascii: "\n")) }
            text += content
            breakAfterPrevious = hardBreak
            i += 1
        }
        var html: [UInt8] = []
        InlineRenderer.render(text, into: &html)
        if let figure = figure(from: html) {
            out += figure
        } else if tight {
            out += html
            out.append(UInt8(ascii: "\n"))
        } else {
            out += Array("<p>".utf8) + html + Array("</p>\n".utf8)
        }
        return i
    }

    /// A paragraph holding nothing but one image is shown as a figure, with the
    /// image's title as its caption.
    private static func figure(from html: [UInt8]) -> [UInt8]? {
        let string = String(decoding: html, as: UTF8.self)
        guard string.hasPrefix("<img "), string.hasSuffix(">"), string.filter({ $0 == "<" }).count == 1 else { return nil }
        var caption = ""
        if let range = string.range(of: " title=\"") {
            let rest = string[range.upperBound...]
            if let end = rest.firstIndex(of: "\"") { caption = String(rest[..<end]) }
        }
        let figcaption = caption.isEmpty ? "" : "<figcaption>\(caption)</figcaption>"
        return Array("<figure>\(string)\(figcaption)</figure>\n".utf8)
    }

    private static func interruptsParagraph(_ line: Line) -> Bool {
        guard indentation(of: line) < 4 else { return false }
        let content = dropIndent(line, upTo: 3)
        if headingLevel(content) != nil || isThematicBreak(content) || Fence(content) != nil { return true }
        if content.first == UInt8(ascii: ">") { return true }
        if let marker = ListMarker(content, indent: 0) {
            // Like CommonMark: only a bullet or a list starting at 1 interrupts a paragraph,
            // so "in 1984. the city…" wrapped onto a new line stays text.
            return marker.ordered == false || marker.start == 1
        }
        return false
    }

    private static func blockQuote(_ lines: ArraySlice<Line>, from start: Int, depth: Int, into out: inout [UInt8]) -> Int {
        var inner: [Line] = []
        var i = start
        while i < lines.endIndex {
            let line = lines[i]
            guard !isBlank(line), indentation(of: line) < 4 else { break }
            var content = dropIndent(line, upTo: 3)
            guard content.first == UInt8(ascii: ">") else { break }
            content = content.dropFirst()
            if content.first == UInt8(ascii: " ") { content = content.dropFirst() }
            inner.append(content)
            i += 1
        }
        out += Array("<blockquote>\n".utf8)
        renderBlocks(inner[...], depth: depth + 1, tight: false, into: &out)
        out += Array("</blockquote>\n".utf8)
        return i
    }

    private static func list(_ lines: ArraySlice<Line>, from start: Int, first: ListMarker, depth: Int, into out: inout [UInt8]) -> Int {
        var items: [[Line]] = []
        var loose = false
        var i = start
        var marker = first
        var sawBlank = false
        while i < lines.endIndex {
            var item: [Line] = [marker.content]
            i += 1
            sawBlank = false
            while i < lines.endIndex {
                let line = lines[i]
                if isBlank(line) {
                    sawBlank = true
                    item.append(line)
                    i += 1
                    continue
                }
                let indent = indentation(of: line)
                if indent >= marker.contentColumn {
                    if sawBlank { loose = true }
                    item.append(dropIndent(line, upTo: marker.contentColumn))
                    sawBlank = false
                    i += 1
                    continue
                }
                let startsSibling =
                    ListMarker(dropIndent(line, upTo: 3), indent: min(indent, 3)).map {
                        $0.ordered == first.ordered && $0.bullet == first.bullet
                    } ?? false
                if !sawBlank, !startsSibling, !interruptsParagraph(line) {
                    item.append(dropIndent(line, upTo: Int.max))  // a lazy continuation line
                    i += 1
                    continue
                }
                break
            }
            while let last = item.last, isBlank(last) { item.removeLast() }
            items.append(item)
            guard i < lines.endIndex, indentation(of: lines[i]) < 4,
                let next = ListMarker(dropIndent(lines[i], upTo: 3), indent: min(indentation(of: lines[i]), 3)),
                next.ordered == first.ordered, next.bullet == first.bullet
            else { break }
            if sawBlank { loose = true }
            marker = next
        }
        let open = first.ordered ? (first.start == 1 ? "<ol>" : "<ol start=\"\(first.start)\">") : "<ul>"
        out += Array("\(open)\n".utf8)
        for item in items {
            out += Array("<li>".utf8)
            renderBlocks(item[...], depth: depth + 1, tight: !loose, into: &out)
            if out.last == UInt8(ascii: "\n") { out.removeLast() }
            out += Array("</li>\n".utf8)
        }
        out += Array(first.ordered ? "</ol>\n".utf8 : "</ul>\n".utf8)
        return i
    }

    private static func indentedCode(_ lines: ArraySlice<Line>, from start: Int, into out: inout [UInt8]) -> Int {
        var code: [Line] = []
        var i = start
        while i < lines.endIndex, isBlank(lines[i]) || indentation(of: lines[i]) >= 4 {
            code.append(dropIndent(lines[i], upTo: 4))
            i += 1
        }
        while let last = code.last, isBlank(last) { code.removeLast() }
        writeCode(code, language: nil, into: &out)
        return i
    }

    private static func fencedCode(_ lines: ArraySlice<Line>, from start: Int, fence: Fence, into out: inout [UInt8]) -> Int {
        var code: [Line] = []
        var i = start + 1
        while i < lines.endIndex {
            let content = dropIndent(lines[i], upTo: 3)
            if let closing = Fence(content), closing.character == fence.character, closing.length >= fence.length, closing.info.isEmpty {
                i += 1
                return finishFence(code, fence, i, &out)
            }
            code.append(dropIndent(lines[i], upTo: fence.indent))
            i += 1
        }
        return finishFence(code, fence, i, &out)
    }

    private static func finishFence(_ code: [Line], _ fence: Fence, _ next: Int, _ out: inout [UInt8]) -> Int {
        writeCode(code, language: fence.language, into: &out)
        return next
    }

    private static func writeCode(_ code: [Line], language: String?, into out: inout [UInt8]) {
        let className = language.map { " class=\"language-\($0)\"" } ?? ""
        out += Array("<pre><code\(className)>".utf8)
        for line in code {
            out += Array(HTMLEscaping.escape(String(decoding: line, as: UTF8.self)).utf8)
            out.append(UInt8(ascii: "\n"))
        }
        out += Array("</code></pre>\n".utf8)
    }
}

extension String {
    fileprivate func replacingNUL() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
    }
}
