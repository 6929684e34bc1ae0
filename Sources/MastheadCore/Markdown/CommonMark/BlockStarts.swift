import Foundation

/// The ways a line can open a block, tried in the spec's order of precedence.
enum BlockStarts {
    typealias Start = @Sendable (inout BlockParser, MarkdownNode) -> StartResult

    static let all: [Start] = [
        blockQuote, atxHeading, fencedCode, htmlBlock, footnoteDefinition, table, setextHeading, thematicBreak, listItem, indentedCode,
    ]

    static func rest(_ p: BlockParser) -> ArraySlice<Unicode.Scalar> { p.line[min(p.nextNonspace, p.line.count)...] }

    static func blockQuote(_ p: inout BlockParser, _ container: MarkdownNode) -> StartResult {
        guard !p.indented, p.peek(p.nextNonspace) == ">", p.nesting(of: container) < BlockParser.maximumNesting else { return .none }
        p.advanceNextNonspace()
        p.advanceOffset(1, columns: false)
        if BlockParser.isSpaceOrTab(p.peek(p.offset)) { p.advanceOffset(1, columns: true) }
        p.closeUnmatchedBlocks()
        p.addChild(.blockQuote)
        return .container
    }

    static func atxHeading(_ p: inout BlockParser, _ container: MarkdownNode) -> StartResult {
        guard !p.indented else { return .none }
        let text = rest(p)
        var level = 0
        for c in text {
            guard c == "#" else { break }
            level += 1
        }
        guard (1...6).contains(level) else { return .none }
        let after = text.dropFirst(level)
        guard after.isEmpty || BlockParser.isSpaceOrTab(after.first) else { return .none }
        p.advanceNextNonspace()
        p.advanceOffset(level, columns: false)
        p.closeUnmatchedBlocks()
        let heading = p.addChild(.heading)
        heading.level = level
        // The closing sequence: spaces, #s, spaces at the end (or the whole rest when only #s).
        var content = Array(p.line[min(p.offset, p.line.count)...])
        while let last = content.last, BlockParser.isSpaceOrTab(last) { content.removeLast() }
        var end = content.count
        while end > 0, content[end - 1] == "#" { end -= 1 }
        if end < content.count, end == 0 || BlockParser.isSpaceOrTab(content[end - 1]) { content.removeSubrange(end...) }
        while let first = content.first, BlockParser.isSpaceOrTab(first) { content.removeFirst() }
        while let last = content.last, BlockParser.isSpaceOrTab(last) { content.removeLast() }
        heading.content = String(String.UnicodeScalarView(content))
        p.advanceOffset(p.line.count - p.offset, columns: false)
        return .leaf
    }

    static func fencedCode(_ p: inout BlockParser, _ container: MarkdownNode) -> StartResult {
        guard !p.indented, let fence = p.peek(p.nextNonspace), fence == "`" || fence == "~" else { return .none }
        let text = rest(p)
        let length = text.prefix { $0 == fence }.count
        guard length >= 3 else { return .none }
        // A backtick fence's info string may not hold a backtick.
        if fence == "`", text.dropFirst(length).contains("`") { return .none }
        p.closeUnmatchedBlocks()
        let code = p.addChild(.codeBlock)
        code.isFenced = true
        code.fenceLength = length
        code.fenceChar = fence
        code.fenceOffset = p.indent
        p.advanceNextNonspace()
        p.advanceOffset(length, columns: false)
        return .leaf
    }

    static func htmlBlock(_ p: inout BlockParser, _ container: MarkdownNode) -> StartResult {
        guard !p.indented, p.peek(p.nextNonspace) == "<", let type = HTMLBlocks.start(Array(rest(p))) else { return .none }
        // Type 7 cannot interrupt a paragraph, lazy or not.
        if type == 7, container.kind == .paragraph || (!p.allClosed && !p.blank && p.tip.kind == .paragraph) { return .none }
        p.closeUnmatchedBlocks()
        let block = p.addChild(.htmlBlock)
        block.htmlBlockType = type
        return .leaf
    }

    static func setextHeading(_ p: inout BlockParser, _ container: MarkdownNode) -> StartResult {
        guard !p.indented, container.kind == .paragraph, let c = p.peek(p.nextNonspace), c == "=" || c == "-" else { return .none }
        var text = rest(p)
        while let last = text.last, BlockParser.isSpaceOrTab(last) { text = text.dropLast() }
        guard text.allSatisfy({ $0 == c }) else { return .none }
        p.closeUnmatchedBlocks()
        let content = p.strippingReferenceDefinitions(container.content)
        guard !content.isEmpty else {
            container.content = ""
            return .none
        }
        let heading = MarkdownNode(.heading, line: container.startLine)
        heading.level = c == "=" ? 1 : 2
        heading.content = content
        container.insertAfter(heading)
        container.unlink()
        p.tip = heading
        p.advanceOffset(p.line.count - p.offset, columns: false)
        return .leaf
    }

    static func thematicBreak(_ p: inout BlockParser, _ container: MarkdownNode) -> StartResult {
        guard !p.indented, isThematicBreak(rest(p)) else { return .none }
        p.closeUnmatchedBlocks()
        p.addChild(.thematicBreak)
        p.advanceOffset(p.line.count - p.offset, columns: false)
        return .leaf
    }

    static func isThematicBreak(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let c = text.first, c == "*" || c == "_" || c == "-" else { return false }
        var count = 0
        for x in text {
            if x == c {
                count += 1
            } else if !BlockParser.isSpaceOrTab(x) {
                return false
            }
        }
        return count >= 3
    }

    static func listItem(_ p: inout BlockParser, _ container: MarkdownNode) -> StartResult {
        guard !p.indented || container.kind == .list, p.nesting(of: container) < BlockParser.maximumNesting,
            let data = parseListMarker(&p, container)
        else { return .none }
        p.closeUnmatchedBlocks()
        if p.tip.kind != .list || !listsMatch(container.listData, data) {
            let list = p.addChild(.list)
            list.listData = data
        }
        let item = p.addChild(.item)
        item.listData = data
        return .container
    }

    static func listsMatch(_ a: MarkdownNode.ListData, _ b: MarkdownNode.ListData) -> Bool {
        a.ordered == b.ordered && a.delimiter == b.delimiter && a.bulletChar == b.bulletChar
    }

    static func parseListMarker(_ p: inout BlockParser, _ container: MarkdownNode) -> MarkdownNode.ListData? {
        guard p.indent < 4 else { return nil }
        let text = rest(p)
        var data = MarkdownNode.ListData()
        data.markerOffset = p.indent
        var markerLength = 0
        guard let first = text.first else { return nil }
        if first == "*" || first == "+" || first == "-" {
            data.bulletChar = first
            markerLength = 1
        } else {
            let digits = text.prefix { ("0"..."9").contains($0) }
            guard (1...9).contains(digits.count), let delimiter = text.dropFirst(digits.count).first, delimiter == "." || delimiter == ")"
            else { return nil }
            let start = Int(String(String.UnicodeScalarView(digits))) ?? 1
            if container.kind == .paragraph && start != 1 { return nil }
            data.ordered = true
            data.start = start
            data.delimiter = delimiter
            markerLength = digits.count + 1
        }
        let after = text.dropFirst(markerLength).first
        guard after == nil || BlockParser.isSpaceOrTab(after) else { return nil }
        // An empty item cannot interrupt a paragraph.
        if container.kind == .paragraph, text.dropFirst(markerLength).allSatisfy({ BlockParser.isSpaceOrTab($0) }) { return nil }
        p.advanceNextNonspace()
        p.advanceOffset(markerLength, columns: true)
        let spacesStartColumn = p.column
        let spacesStartOffset = p.offset
        repeat {
            p.advanceOffset(1, columns: true)
        } while p.column - spacesStartColumn < 5 && BlockParser.isSpaceOrTab(p.peek(p.offset))
        let blankItem = p.peek(p.offset) == nil
        let spacesAfterMarker = p.column - spacesStartColumn
        if spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem {
            data.padding = markerLength + 1
            p.column = spacesStartColumn
            p.offset = spacesStartOffset
            if BlockParser.isSpaceOrTab(p.peek(p.offset)) { p.advanceOffset(1, columns: true) }
        } else {
            data.padding = markerLength + spacesAfterMarker
        }
        return data
    }

    static func indentedCode(_ p: inout BlockParser, _ container: MarkdownNode) -> StartResult {
        guard p.indented, p.tip.kind != .paragraph, !p.blank else { return .none }
        p.advanceOffset(4, columns: true)
        p.closeUnmatchedBlocks()
        p.addChild(.codeBlock)
        return .leaf
    }

    // MARK: - GFM

    /// `[^note]: text`, continued by lines indented four spaces.
    static func footnoteDefinition(_ p: inout BlockParser, _ container: MarkdownNode) -> StartResult {
        guard p.gfm, !p.indented, p.peek(p.nextNonspace) == "[", p.peek(p.nextNonspace + 1) == "^" else { return .none }
        let text = rest(p)
        guard let close = text.firstIndex(of: "]"), close > text.startIndex + 2, text.index(after: close) < text.endIndex,
            text[text.index(after: close)] == ":"
        else { return .none }
        let label = text[(text.startIndex + 2)..<close]
        guard label.count <= 999, !label.contains(where: { $0 == " " || $0 == "\t" || $0 == "[" }) else { return .none }
        p.closeUnmatchedBlocks()
        let definition = p.addChild(.footnoteDefinition)
        definition.label = Inlines.normalizeLabel(String(String.UnicodeScalarView(label)))
        p.advanceNextNonspace()
        p.advanceOffset(close - text.startIndex + 2, columns: false)
        while BlockParser.isSpaceOrTab(p.peek(p.offset)) { p.advanceOffset(1, columns: true) }
        return .container
    }

    /// A GFM table: a paragraph's last line as the header row, this line as the delimiter row.
    static func table(_ p: inout BlockParser, _ container: MarkdownNode) -> StartResult {
        guard p.gfm, !p.indented, container.kind == .paragraph, let alignments = Tables.delimiterRow(rest(p)) else { return .none }
        var lines = container.content.split(separator: "\n", omittingEmptySubsequences: true)
        guard let headerLine = lines.last else { return .none }
        let header = Tables.cells(Array(headerLine.unicodeScalars)[...])
        guard header.count == alignments.count else { return .none }
        p.closeUnmatchedBlocks()
        let table = MarkdownNode(.table, line: p.lineNumber - 1)
        table.alignments = alignments
        container.insertAfter(table)
        let row = MarkdownNode(.tableRow, line: p.lineNumber - 1)
        row.isHeaderRow = true
        for cell in header {
            let node = MarkdownNode(.tableCell)
            node.content = cell
            row.append(node)
        }
        table.append(row)
        lines.removeLast()
        if lines.isEmpty {
            container.unlink()
        } else {
            container.content = lines.joined(separator: "\n") + "\n"
            p.finalize(container, line: p.lineNumber - 2)
        }
        p.tip = table
        p.advanceOffset(p.line.count - p.offset, columns: false)
        return .leaf
    }
}

extension BlockParser {
    mutating func addTableRow(to table: MarkdownNode) {
        guard offset < line.count, !blank else { return }
        let cells = Tables.cells(line[offset...])
        let row = MarkdownNode(.tableRow, line: lineNumber)
        for index in 0..<table.alignments.count {
            let node = MarkdownNode(.tableCell)
            node.content = index < cells.count ? cells[index] : ""
            row.append(node)
        }
        table.append(row)
        table.endLine = lineNumber
    }
}

/// GFM table rows: cells split at unescaped pipes.
enum Tables {
    static func cells(_ text: ArraySlice<Unicode.Scalar>) -> [String] {
        var trimmed = text
        while let first = trimmed.first, BlockParser.isSpaceOrTab(first) { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, BlockParser.isSpaceOrTab(last) { trimmed = trimmed.dropLast() }
        if trimmed.first == "|" { trimmed = trimmed.dropFirst() }
        if trimmed.last == "|", trimmed.count >= 1, trimmed.dropLast().last != "\\" { trimmed = trimmed.dropLast() }
        var cells: [String] = []
        var current = String.UnicodeScalarView()
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let c = trimmed[index]
            if c == "\\", index + 1 < trimmed.endIndex, trimmed[index + 1] == "|" {
                current.append("|")
                index += 2
                continue
            }
            if c == "|" {
                cells.append(String(current).trimmingCharacters(in: [" ", "\t"]))
                current = String.UnicodeScalarView()
            } else {
                current.append(c)
            }
            index += 1
        }
        cells.append(String(current).trimmingCharacters(in: [" ", "\t"]))
        return cells
    }

    static func delimiterRow(_ text: ArraySlice<Unicode.Scalar>) -> [MarkdownNode.Alignment]? {
        guard text.contains("-"), text.allSatisfy({ $0 == "|" || $0 == "-" || $0 == ":" || $0 == " " || $0 == "\t" }) else { return nil }
        // A lone "---" is a setext underline or a rule, not a one-column table.
        guard text.contains("|") else { return nil }
        var alignments: [MarkdownNode.Alignment] = []
        for cell in cells(text) {
            guard !cell.isEmpty else { return nil }
            let left = cell.hasPrefix(":")
            let right = cell.hasSuffix(":")
            let dashes = cell.trimmingCharacters(in: [":"])
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return alignments
    }
}
