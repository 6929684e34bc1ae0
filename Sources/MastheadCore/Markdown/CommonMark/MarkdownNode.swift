/// A node of a parsed Markdown document: blocks (`paragraph`, `list` …) hold
/// blocks or, once inlines are parsed, inline nodes (`text`, `emphasis` …).
/// A class, as the parser links and relinks nodes as it goes (the same shape as
/// the CommonMark reference parsers, whose algorithm this follows).
final class MarkdownNode {
    enum Kind: Equatable {
        case document, blockQuote, list, item, paragraph, heading, thematicBreak, codeBlock, htmlBlock
        case table, tableRow, tableCell
        case footnoteDefinition
        case text, softBreak, lineBreak, emphasis, strong, strikethrough, code, htmlInline, link, image, footnoteReference
    }

    struct ListData: Equatable {
        var ordered = false
        var bulletChar: Unicode.Scalar = "-"
        var start = 1
        var delimiter: Unicode.Scalar = "."
        var padding = 0
        var markerOffset = 0
        var tight = true
    }

    enum Alignment { case none, left, center, right }

    let kind: Kind
    // The links back up and back along are not owning: a node is owned by its parent's
    // `firstChild` chain of `next`s. Weak references cost a side table per node (a
    // third of the time on 100 KiB of brackets); the tree never outlives its owner,
    // `MarkdownDocument`, which frees it with `releaseTree()`.
    unowned(unsafe) var parent: MarkdownNode?
    private(set) var firstChild: MarkdownNode?
    private(set) var lastChild: MarkdownNode?
    private(set) unowned(unsafe) var previous: MarkdownNode?
    private(set) var next: MarkdownNode?

    // Block state while parsing.
    var open = true
    var startLine = 0
    var endLine = 0
    /// Lines of a paragraph, heading, code or HTML block, joined by "\n".
    var content = ""
    var listData = ListData()
    var level = 0
    var isFenced = false
    var fenceChar: Unicode.Scalar = "`"
    var fenceLength = 0
    var fenceOffset = 0
    var htmlBlockType = 0
    var alignments: [Alignment] = []
    var isHeaderRow = false
    /// A text node a delimiter or bracket points at: later text is never merged into it.
    var pinned = false

    // Rendered facts.
    var literal = ""
    var info = ""
    var destination = ""
    var title = ""
    var label = ""
    var footnoteNumber = 0

    init(_ kind: Kind, line: Int = 0) {
        self.kind = kind
        startLine = line
    }

    var isContainer: Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .footnoteDefinition, .table, .tableRow, .tableCell, .paragraph, .heading, .emphasis,
            .strong, .strikethrough, .link, .image:
            true
        default: false
        }
    }

    func append(_ child: MarkdownNode) {
        child.unlink()
        child.parent = self
        if let last = lastChild {
            last.next = child
            child.previous = last
            lastChild = child
        } else {
            firstChild = child
            lastChild = child
        }
    }

    func insertAfter(_ sibling: MarkdownNode) {
        sibling.unlink()
        sibling.next = next
        if let next { next.previous = sibling }
        sibling.previous = self
        next = sibling
        sibling.parent = parent
        if parent?.lastChild === self { parent?.lastChild = sibling }
    }

    func unlink() {
        if let previous { previous.next = next } else if let parent { parent.firstChild = next }
        if let next { next.previous = previous } else if let parent { parent.lastChild = previous }
        parent = nil
        next = nil
        previous = nil
    }

    var children: [MarkdownNode] {
        var all: [MarkdownNode] = []
        var child = firstChild
        while let current = child {
            all.append(current)
            child = current.next
        }
        return all
    }

    /// Every node of the tree in document order, as enter and exit events, without
    /// recursion: emphasis can nest tens of thousands deep in hostile input.
    func walk(_ visit: (MarkdownNode, _ entering: Bool) -> Void) {
        var stack: [(MarkdownNode, Bool)] = [(self, true)]
        while let (node, entering) = stack.popLast() {
            visit(node, entering)
            guard entering, node.isContainer || node.firstChild != nil else { continue }
            stack.append((node, false))
            var child = node.lastChild
            while let current = child {
                stack.append((current, true))
                child = current.previous
            }
        }
    }

    /// Cuts every link of the tree, one node at a time, so that freeing a deep or
    /// long tree does not recurse once per node.
    func releaseTree() {
        var stack: [MarkdownNode] = [self]
        while let node = stack.popLast() {
            var child = node.firstChild
            while let current = child {
                stack.append(current)
                child = current.next
            }
            node.firstChild = nil
            node.lastChild = nil
            node.next = nil
        }
    }
}
