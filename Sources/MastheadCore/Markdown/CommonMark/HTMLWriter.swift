/// How a parsed document becomes HTML. The site's rules (`site`) differ from the
/// CommonMark spec's reference output (`specification`) on purpose, each for a
/// reason a newsroom has:
///
/// - raw HTML is shown as text, never passed through (safety first);
/// - `#` becomes `h2` (the headline is the page's only `h1`); `##`…`######` keep their level;
/// - a link or image whose address is not `http(s)`, `mailto:` or relative loses
///   its address (`SafeURL`);
/// - a paragraph that is only an image becomes a `figure`, its title the caption;
///   images load lazily;
/// - void elements are written the HTML5 way (`<br>`, not `<br />`).
public struct MarkdownOptions: Sendable {
    public var gfm: Bool
    public var escapeRawHTML: Bool
    public var shiftHeadings: Bool
    public var checkAddresses: Bool
    public var figures: Bool
    public var xhtmlVoidElements: Bool

    public static let site = MarkdownOptions(
        gfm: true,
        escapeRawHTML: true,
        shiftHeadings: true,
        checkAddresses: true,
        figures: true,
        xhtmlVoidElements: false
    )
    /// The spec's reference rendering, for measuring the parser against the spec's examples.
    public static let specification = MarkdownOptions(
        gfm: false,
        escapeRawHTML: false,
        shiftHeadings: false,
        checkAddresses: false,
        figures: false,
        xhtmlVoidElements: true
    )
}

struct HTMLWriter {
    let options: MarkdownOptions
    var out = ""
    /// Footnotes in the order they are first referred to: label → number.
    var footnoteNumbers: [String: Int] = [:]
    var footnoteOrder: [String] = []
    /// The column of the next cell in the row being written.
    var tableColumn = 0

    init(options: MarkdownOptions) { self.options = options }

    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Percent-encodes what may not stand in a URL, keeping `%XX` already there.
    static func normalizeURI(_ uri: String) -> String {
        let keep = Set(";/?:@&=+$,-_.!~*'()#".unicodeScalars)
        let scalars = Array(uri.unicodeScalars)
        var result = ""
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "%", i + 2 < scalars.count, scalars[i + 1].properties.isASCIIHexDigit, scalars[i + 2].properties.isASCIIHexDigit {
                result.unicodeScalars.append(contentsOf: scalars[i...(i + 2)])
                i += 3
                continue
            }
            if Inlines.isASCIIAlphanumeric(c) || keep.contains(c) {
                result.unicodeScalars.append(c)
            } else {
                for byte in String(Character(c)).utf8 { result += "%" + String(byte, radix: 16, uppercase: true).leftPadded() }
            }
            i += 1
        }
        return result
    }

    mutating func cr() {
        if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
    }

    var void: String { options.xhtmlVoidElements ? " />" : ">" }

    func address(_ destination: String, image: Bool) -> String? {
        // What is checked is what is written: the address after percent-encoding.
        let normalized = Self.normalizeURI(destination)
        guard options.checkAddresses else { return normalized }
        return SafeURL.check(normalized, for: image ? .image : .link)
    }

    static func plainText(of node: MarkdownNode) -> String {
        var text = ""
        node.walk { child, entering in
            guard entering else { return }
            switch child.kind {
            case .text, .code, .htmlInline: text += child.literal
            case .softBreak, .lineBreak: text += " "
            default: break
            }
        }
        return text
    }

    /// A paragraph holding one image and nothing else.
    func isFigure(_ paragraph: MarkdownNode) -> Bool {
        guard options.figures, let only = paragraph.firstChild, only.next == nil, only.kind == .image else { return false }
        return address(only.destination, image: true) != nil
    }

    mutating func image(_ node: MarkdownNode) {
        guard let src = address(node.destination, image: true) else {
            out += Self.escape(Self.plainText(of: node))
            return
        }
        out += "<img src=\"\(Self.escape(src))\" alt=\"\(Self.escape(Self.plainText(of: node)))\""
        if !node.title.isEmpty { out += " title=\"\(Self.escape(node.title))\"" }
        if options.figures { out += " loading=\"lazy\"" }
        out += void
    }

    mutating func render(_ document: MarkdownNode) {
        // Links whose address was refused keep their text; images are written whole on entry.
        var insideImage = 0
        var refusedLinks: Set<ObjectIdentifier> = []
        document.walk { node, entering in
            if insideImage > 0 {
                if node.kind == .image && !entering { insideImage -= 1 }
                if node.kind == .image && entering { insideImage += 1 }
                return
            }
            switch node.kind {
            case .document: break
            case .paragraph:
                let tight = node.parent?.parent?.kind == .list && node.parent?.parent?.listData.tight == true
                if isFigure(node) {
                    if entering {
                        cr()
                        out += "<figure>"
                        if let only = node.firstChild { image(only) }
                        if let only = node.firstChild, !only.title.isEmpty { out += "<figcaption>\(Self.escape(only.title))</figcaption>" }
                        out += "</figure>"
                    } else {
                        cr()
                    }
                    return
                }
                if tight { return }
                if entering {
                    cr()
                    out += "<p>"
                } else {
                    out += "</p>"
                    cr()
                }
            case .heading:
                // `#` and `##` are both subheads under the headline; `###` and below keep their level.
                let level = options.shiftHeadings ? max(node.level, 2) : node.level
                if entering {
                    cr()
                    out += "<h\(level)>"
                } else {
                    out += "</h\(level)>"
                    cr()
                }
            case .blockQuote:
                cr()
                out += entering ? "<blockquote>" : "</blockquote>"
                cr()
            case .list:
                let tag = node.listData.ordered ? "ol" : "ul"
                cr()
                if entering {
                    out += node.listData.ordered && node.listData.start != 1 ? "<ol start=\"\(node.listData.start)\">" : "<\(tag)>"
                } else {
                    out += "</\(tag)>"
                }
                cr()
            case .item:
                if entering {
                    out += "<li>"
                } else {
                    out += "</li>"
                    cr()
                }
            case .thematicBreak:
                cr()
                out += "<hr" + void
                cr()
            case .codeBlock:
                cr()
                let language = node.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
                out += language.isEmpty ? "<pre><code>" : "<pre><code class=\"language-\(Self.escape(language))\">"
                out += Self.escape(node.literal) + "</code></pre>"
                cr()
            case .htmlBlock:
                cr()
                out += options.escapeRawHTML ? "<p>" + Self.escape(node.literal) + "</p>" : node.literal
                cr()
            case .text: out += Self.escape(node.literal)
            case .softBreak: out += "\n"
            case .lineBreak: out += "<br" + void + "\n"
            case .emphasis: out += entering ? "<em>" : "</em>"
            case .strong: out += entering ? "<strong>" : "</strong>"
            case .strikethrough: out += entering ? "<del>" : "</del>"
            case .code: out += "<code>" + Self.escape(node.literal) + "</code>"
            case .htmlInline: out += options.escapeRawHTML ? Self.escape(node.literal) : node.literal
            case .link:
                if entering {
                    if let href = address(node.destination, image: false) {
                        out += "<a href=\"\(Self.escape(href))\""
                        if !node.title.isEmpty { out += " title=\"\(Self.escape(node.title))\"" }
                        out += ">"
                    } else {
                        refusedLinks.insert(ObjectIdentifier(node))
                    }
                } else if !refusedLinks.contains(ObjectIdentifier(node)) {
                    out += "</a>"
                }
            case .image:
                // Its alt text is its children's text, written with it; a figure's image is written already.
                if entering {
                    if let parent = node.parent, parent.kind == .paragraph, isFigure(parent) {} else { image(node) }
                    insideImage = 1
                }
            case .table: tableTag(node, entering: entering)
            case .tableRow:
                if entering {
                    if node.isHeaderRow { out += "<thead>\n" } else if node.previous?.isHeaderRow == true { out += "<tbody>\n" }
                    out += "<tr>\n"
                    tableColumn = 0
                } else {
                    out += "</tr>\n"
                    if node.isHeaderRow { out += "</thead>\n" } else if node.next == nil { out += "</tbody>\n" }
                }
            case .tableCell:
                let header = node.parent?.isHeaderRow == true
                let tag = header ? "th" : "td"
                if entering {
                    let column = tableColumn
                    tableColumn += 1
                    let alignments = node.parent?.parent?.alignments ?? []
                    let alignment = column < alignments.count ? alignments[column] : .none
                    switch alignment {
                    case .none: out += "<\(tag)>"
                    case .left: out += "<\(tag) class=\"align-left\">"
                    case .center: out += "<\(tag) class=\"align-center\">"
                    case .right: out += "<\(tag) class=\"align-right\">"
                    }
                } else {
                    out += "</\(tag)>\n"
                }
            case .footnoteReference:
                let number =
                    footnoteNumbers[node.label]
                    ?? {
                        footnoteOrder.append(node.label)
                        footnoteNumbers[node.label] = footnoteOrder.count
                        return footnoteOrder.count
                    }()
                out += "<sup class=\"footnote-ref\"><a href=\"#fn-\(number)\" id=\"fnref-\(number)\">\(number)</a></sup>"
            case .footnoteDefinition: break
            }
        }
    }

    mutating func tableTag(_ node: MarkdownNode, entering: Bool) {
        cr()
        out += entering ? "<table>" : "</table>"
        cr()
    }

    /// The footnotes referred to, numbered in order of first reference, with a way back.
    mutating func renderFootnotes(_ definitions: [String: MarkdownNode]) {
        guard !footnoteOrder.isEmpty else { return }
        cr()
        out += "<section class=\"footnotes\">\n<ol>\n"
        var index = 0
        while index < footnoteOrder.count {
            let label = footnoteOrder[index]
            let number = index + 1
            index += 1
            guard let definition = definitions[label] else { continue }
            out += "<li id=\"fn-\(number)\">\n"
            var writer = HTMLWriter(options: options)
            writer.footnoteNumbers = footnoteNumbers
            writer.footnoteOrder = footnoteOrder
            writer.render(definition)
            footnoteNumbers = writer.footnoteNumbers
            footnoteOrder = writer.footnoteOrder
            var body = writer.out
            let back = " <a href=\"#fnref-\(number)\" class=\"footnote-backref\">\u{21A9}</a>"
            if body.hasSuffix("</p>\n") {
                body = String(body.dropLast(5)) + back + "</p>\n"
            } else {
                body += "<p>" + back.dropFirst() + "</p>\n"
            }
            out += body + "</li>\n"
        }
        out += "</ol>\n</section>\n"
    }
}

extension String {
    fileprivate func leftPadded() -> String { count < 2 ? "0" + self : self }
}
