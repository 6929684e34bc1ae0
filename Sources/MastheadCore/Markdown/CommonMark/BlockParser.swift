import Foundation

/// The block structure of a Markdown document, line by line, as the CommonMark
/// spec's parsing strategy describes: each line first continues the open
/// containers it can, then may start new blocks, then its text joins the tip.
/// Container nesting is capped (`maximumNesting`) so depth, and the work per
/// line, stay bounded.
struct BlockParser {
    static let maximumNesting = 32

    let document = MarkdownNode(.document, line: 1)
    var tip: MarkdownNode
    var oldTip: MarkdownNode
    var lastMatchedContainer: MarkdownNode
    var references: [String: (destination: String, title: String)] = [:]
    var footnotes: [String: MarkdownNode] = [:]
    let gfm: Bool

    var line: [Unicode.Scalar] = []
    var lineNumber = 0
    var offset = 0
    var column = 0
    var nextNonspace = 0
    var nextNonspaceColumn = 0
    var indent = 0
    var indented = false
    var blank = false
    var partiallyConsumedTab = false
    var allClosed = true
    var depth = 0

    init(gfm: Bool) {
        self.gfm = gfm
        tip = document
        oldTip = document
        lastMatchedContainer = document
    }

    static func isSpaceOrTab(_ c: Unicode.Scalar?) -> Bool { c == " " || c == "\t" }

    func peek(_ position: Int) -> Unicode.Scalar? { position < line.count ? line[position] : nil }

    mutating func parse(_ text: String) -> MarkdownNode {
        var current: [Unicode.Scalar] = []
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                incorporate(current)
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(scalar == "\0" ? "\u{FFFD}" : scalar)
            }
        }
        if !current.isEmpty { incorporate(current) }
        while tip !== document { finalize(tip, line: lineNumber) }
        finalize(document, line: lineNumber)
        return document
    }

    // MARK: - Positions

    mutating func findNextNonspace() {
        var i = offset
        var cols = column
        while i < line.count {
            if line[i] == " " {
                i += 1
                cols += 1
            } else if line[i] == "\t" {
                i += 1
                cols += 4 - (cols % 4)
            } else {
                break
            }
        }
        blank = i >= line.count
        nextNonspace = i
        nextNonspaceColumn = cols
        indent = nextNonspaceColumn - column
        indented = indent >= 4
    }

    mutating func advanceNextNonspace() {
        offset = nextNonspace
        column = nextNonspaceColumn
        partiallyConsumedTab = false
    }

    mutating func advanceOffset(_ count: Int, columns: Bool) {
        var count = count
        while count > 0, offset < line.count {
            if line[offset] == "\t" {
                let charsToTab = 4 - (column % 4)
                if columns {
                    partiallyConsumedTab = charsToTab > count
                    let charsToAdvance = min(charsToTab, count)
                    column += charsToAdvance
                    offset += partiallyConsumedTab ? 0 : 1
                    count -= charsToAdvance
                } else {
                    partiallyConsumedTab = false
                    column += charsToTab
                    offset += 1
                    count -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1
                column += 1
                count -= 1
            }
        }
    }

    // MARK: - Lines

    mutating func incorporate(_ scalars: [Unicode.Scalar]) {
        line = scalars
        lineNumber += 1
        offset = 0
        column = 0
        blank = false
        partiallyConsumedTab = false
        oldTip = tip
        allClosed = true

        // 1. Which open containers does this line continue?
        var container = document
        while let last = container.lastChild, last.open {
            container = last
            findNextNonspace()
            switch continues(container) {
            case .matched: continue
            case .failed:
                container = container.parent ?? document
                allClosed = false
            case .consumed:
                return
            }
            break
        }
        allClosed = allClosed && container === oldTip
        lastMatchedContainer = container

        // 2. New block starts.
        var matchedLeaf = container.kind != .paragraph && Self.acceptsLines(container.kind)
        while !matchedLeaf {
            findNextNonspace()
            if !indented, let c = peek(nextNonspace), !Self.maybeSpecial(c) {
                advanceNextNonspace()
                break
            }
            var started = StartResult.none
            for start in BlockStarts.all {
                started = start(&self, container)
                if started != .none { break }
            }
            switch started {
            case .container: container = tip
            case .leaf:
                container = tip
                matchedLeaf = true
            case .none:
                advanceNextNonspace()
                matchedLeaf = true
            }
            if started == .none { break }
        }

        // 3. The rest of the line: lazy paragraph continuation, or the tip's text.
        if !allClosed && !blank && tip.kind == .paragraph {
            addLine()
            return
        }
        closeUnmatchedBlocks()
        if Self.acceptsLines(container.kind) {
            addLine()
            if container.kind == .htmlBlock, (1...5).contains(container.htmlBlockType),
                HTMLBlocks.closes(container.htmlBlockType, Array(line[offset...]))
            {
                finalize(container, line: lineNumber)
            }
        } else if container.kind == .table {
            addTableRow(to: container)
        } else if offset < line.count && !blank {
            let paragraph = addChild(.paragraph)
            _ = paragraph
            advanceNextNonspace()
            addLine()
        }
    }

    static func maybeSpecial(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "#", "`", "~", "*", "+", "_", "=", "<", ">", "-", "[", "|", ":", "0"..."9": true
        default: false
        }
    }

    static func acceptsLines(_ kind: MarkdownNode.Kind) -> Bool {
        kind == .paragraph || kind == .codeBlock || kind == .htmlBlock
    }

    mutating func addLine() {
        if partiallyConsumedTab {
            offset += 1
            let charsToTab = 4 - (column % 4)
            tip.content.unicodeScalars.append(contentsOf: repeatElement(" ", count: charsToTab))
        }
        if offset < line.count { tip.content.unicodeScalars.append(contentsOf: line[offset...]) }
        tip.content.unicodeScalars.append("\n")
    }

    enum Continuation { case matched, failed, consumed }

    mutating func continues(_ container: MarkdownNode) -> Continuation {
        switch container.kind {
        case .document, .list: return .matched
        case .blockQuote:
            guard !indented, peek(nextNonspace) == ">" else { return .failed }
            advanceNextNonspace()
            advanceOffset(1, columns: false)
            if Self.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
            return .matched
        case .item:
            if blank {
                guard container.firstChild != nil else { return .failed }
                advanceNextNonspace()
            } else if indent >= container.listData.markerOffset + container.listData.padding {
                advanceOffset(container.listData.markerOffset + container.listData.padding, columns: true)
            } else {
                return .failed
            }
            return .matched
        case .footnoteDefinition:
            if blank {
                advanceNextNonspace()
            } else if indent >= 4 {
                advanceOffset(4, columns: true)
            } else {
                return .failed
            }
            return .matched
        case .heading, .thematicBreak: return .failed
        case .codeBlock:
            if container.isFenced {
                if indent <= 3, peek(nextNonspace) == container.fenceChar {
                    var i = nextNonspace
                    while i < line.count, line[i] == container.fenceChar { i += 1 }
                    let length = i - nextNonspace
                    while i < line.count, Self.isSpaceOrTab(line[i]) { i += 1 }
                    if length >= container.fenceLength && i == line.count {
                        finalize(container, line: lineNumber)
                        return .consumed
                    }
                }
                var skip = container.fenceOffset
                while skip > 0, Self.isSpaceOrTab(peek(offset)) {
                    advanceOffset(1, columns: true)
                    skip -= 1
                }
            } else if indent >= 4 {
                advanceOffset(4, columns: true)
            } else if blank {
                advanceNextNonspace()
            } else {
                return .failed
            }
            return .matched
        case .htmlBlock:
            return blank && (container.htmlBlockType == 6 || container.htmlBlockType == 7) ? .failed : .matched
        case .paragraph, .table:
            return blank ? .failed : .matched
        default:
            return .failed
        }
    }

    // MARK: - Tree

    mutating func closeUnmatchedBlocks() {
        guard !allClosed else { return }
        while oldTip !== lastMatchedContainer {
            let parent = oldTip.parent
            finalize(oldTip, line: lineNumber - 1)
            guard let parent else { break }
            oldTip = parent
        }
        allClosed = true
    }

    @discardableResult
    mutating func addChild(_ kind: MarkdownNode.Kind) -> MarkdownNode {
        while !Self.canContain(tip.kind, kind) { finalize(tip, line: lineNumber - 1) }
        let child = MarkdownNode(kind, line: lineNumber)
        tip.append(child)
        tip = child
        return child
    }

    static func canContain(_ parent: MarkdownNode.Kind, _ child: MarkdownNode.Kind) -> Bool {
        switch parent {
        case .document, .blockQuote, .item, .footnoteDefinition: child != .item
        case .list: child == .item
        default: false
        }
    }

    /// Nesting depth of `node` among containers, to cap it.
    func nesting(of node: MarkdownNode) -> Int {
        var count = 0
        var current: MarkdownNode? = node
        while let node = current {
            count += 1
            current = node.parent
        }
        return count
    }

    mutating func finalize(_ block: MarkdownNode, line: Int) {
        let above = block.parent
        block.open = false
        block.endLine = line
        switch block.kind {
        case .paragraph:
            let text = strippingReferenceDefinitions(block.content)
            if text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) {
                block.unlink()
            } else {
                block.content = text
            }
        case .codeBlock:
            if block.isFenced {
                let firstLineEnd = block.content.firstIndex(of: "\n") ?? block.content.endIndex
                block.info = Inlines.unescape(String(block.content[..<firstLineEnd]).trimmingCharacters(in: [" ", "\t"]))
                block.literal = firstLineEnd < block.content.endIndex ? String(block.content[block.content.index(after: firstLineEnd)...]) : ""
            } else {
                var lines = block.content.split(separator: "\n", omittingEmptySubsequences: false)
                while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
                block.literal = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
            }
        case .htmlBlock:
            var text = block.content
            while text.hasSuffix("\n") || text.hasSuffix(" ") {
                // Trailing blank lines only: "\n" then spaces.
                guard let lastNewline = text.lastIndex(of: "\n") else { break }
                if text[text.index(after: lastNewline)...].allSatisfy({ $0 == " " }) { text = String(text[..<lastNewline]) } else { break }
            }
            block.literal = text
        case .item:
            block.endLine = block.lastChild?.endLine ?? block.startLine
        case .list:
            var tight = true
            var item = block.firstChild
            outer: while let current = item {
                if current.next != nil, Self.endsWithBlankLine(current) {
                    tight = false
                    break
                }
                var sub = current.firstChild
                while let child = sub {
                    if Self.endsWithBlankLine(child), current.next != nil || child.next != nil {
                        tight = false
                        break outer
                    }
                    sub = child.next
                }
                item = current.next
            }
            block.listData.tight = tight
            block.endLine = block.lastChild?.endLine ?? block.startLine
        default:
            break
        }
        tip = above ?? document
    }

    static func endsWithBlankLine(_ block: MarkdownNode) -> Bool {
        guard let next = block.next else { return false }
        return block.endLine != next.startLine - 1
    }
}

enum StartResult { case none, container, leaf }
