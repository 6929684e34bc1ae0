import Foundation

/// The text of every element short enough to be a label, a byline, a dateline
/// or a notice (at most `limit` characters), found in one pass over the page:
/// asking each element for its text would cost the page's size times its depth.
struct ShortTexts {
    struct Entry {
        let node: HTMLNode
        let text: String
        /// Inside `<nav>`, `<footer>`, `<aside>`, the site's `<header>` (not an article's), or a
        /// comment thread: the site's chrome or readers' words rather than the story's.
        let inChrome: Bool
    }

    private(set) var entries: [Entry] = []
    private var index: [ObjectIdentifier: Int] = [:]

    init(_ root: HTMLNode, limit: Int = 200) {
        var found: [(order: Int, entry: Entry)] = []
        var sequence = 0
        // Elements that hold an `<h1>`: a wrapper named for the layout ("content_block
        // right-sidebar") holds the story, not a sidebar.
        var holdingHeadline: Set<ObjectIdentifier> = []
        func markHeadline(_ node: HTMLNode) -> Bool {
            var holds = node.name == "h1"
            for child in node.children where !child.isText {
                if markHeadline(child) { holds = true }
            }
            if holds { holdingHeadline.insert(ObjectIdentifier(node)) }
            return holds
        }
        _ = markHeadline(root)
        func collect(_ node: HTMLNode, chrome: Bool, inArticle: Bool) -> String? {
            if node.isText { return node.text }
            if ["script", "style", "template", "noscript"].contains(node.name) { return "" }
            let order = sequence
            sequence += 1
            let inArticle = inArticle || node.name == "article" || node.name == "main"
            let chrome =
                chrome || ["nav", "footer", "aside"].contains(node.name) || (node.name == "header" && !inArticle)
                // By class only below the page's frame: `<body class="no-sidebar">` is not a sidebar.
                || (!["html", "body", "main", "article"].contains(node.name) && !holdingHeadline.contains(ObjectIdentifier(node))
                    && BodyFinder.words(node.classAndID).contains {
                        BodyFinder.namesComments($0) || ["replies", "sidebar", "related"].contains($0)
                    })
            var text = ""
            var tooLong = false
            for child in node.children {
                if child.name == "br" { text += " " }
                guard let part = collect(child, chrome: chrome, inArticle: inArticle) else {
                    tooLong = true
                    continue
                }
                if !tooLong {
                    text += part
                    if HTMLTree.blockElements.contains(child.name) { text += " " }
                    if text.utf8.count > limit * 4 { tooLong = true }
                }
            }
            guard !tooLong else { return nil }
            let collapsed = collapseWhitespace(text)
            guard collapsed.count <= limit else { return nil }
            if !collapsed.isEmpty { found.append((order, Entry(node: node, text: collapsed, inChrome: chrome))) }
            return text
        }
        _ = collect(root, chrome: false, inArticle: false)
        // Found children first; readers want document order, outer elements before inner.
        entries = found.sorted { $0.order < $1.order }.map(\.entry)
        for (position, entry) in entries.enumerated() { index[ObjectIdentifier(entry.node)] = position }
    }

    func text(of node: HTMLNode) -> String? {
        index[ObjectIdentifier(node)].map { entries[$0].text }
    }
}
