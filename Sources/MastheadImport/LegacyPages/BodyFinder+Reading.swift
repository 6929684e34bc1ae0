import Foundation

/// How `BodyFinder` turns the chosen elements into the body's blocks.
extension BodyFinder {
    // MARK: - Read the blocks

    /// A list, table or box inside the body that is links or furniture, not prose.
    func isJunkBox(_ node: HTMLNode) -> Bool {
        // Another story's card inside this one: `<article>` with a link and an excerpt.
        if node.name == "article" && node.measure.textLength < 800 && node.measure.linkLength > 0 { return true }
        if node.classAndID.contains("excerpt") || node.classAndID.contains("teaser") { return true }
        guard ["ul", "ol", "dl", "table", "div", "section", "form", "fieldset", "center", "article"].contains(node.name) else { return false }
        if node.measure.commas >= 10 && linkDensity(node) < 0.5 { return false }
        let density = linkDensity(node)
        let weight = classWeight(node)
        if weight < 0 && density > 0.2 { return true }
        switch node.name {
        case "ul", "ol", "dl": return density > 0.5
        case "table": return density > 0.5
        default: return density > 0.5 || (density > 0.33 && node.measure.textLength < 1000 && weight < 25)
        }
    }

    func read(_ containers: [HTMLNode], protected: Set<ObjectIdentifier>) -> [RecognisedPage.Block] {
        var reader = BlockReader(finder: self, protected: protected)
        for container in containers {
            if !container.measure.hasBlockChild && HTMLTree.blockElements.contains(container.name) || container.name == "p" {
                reader.add(container, kind: .paragraph)
            } else {
                reader.walk(container, inQuote: false)
            }
            reader.flushRun(inQuote: false)
            if reader.stopped { break }
        }
        // Labels left at the end ("Kontakt:", "Quellen", "Tags") once the prose has ended.
        var blocks = reader.blocks
        while let last = blocks.last, blocks.count > 1, [.paragraph, .subhead].contains(last.kind), last.text.count < 40,
            !last.text.hasSuffix("."), !last.text.hasSuffix("!"), !last.text.hasSuffix("\u{201D}"), !last.text.hasSuffix("\"")
        {
            blocks.removeLast()
        }
        return blocks
    }

    /// Turns the chosen elements into paragraphs, subheads, quotations, list items and code.
    struct BlockReader {
        let finder: BodyFinder
        let protected: Set<ObjectIdentifier>
        var blocks: [RecognisedPage.Block] = []
        var run = ""
        var stopped = false
        var lastWasBreak = false

        init(finder: BodyFinder, protected: Set<ObjectIdentifier>) {
            self.finder = finder
            self.protected = protected
        }

        mutating func flushRun(inQuote: Bool) {
            let text = collapseWhitespace(run)
            run = ""
            if !text.isEmpty { keep(.init(kind: inQuote ? .quote : .paragraph, text: text)) }
        }

        mutating func keep(_ block: RecognisedPage.Block) {
            let text = block.text
            guard !text.isEmpty, !stopped else { return }
            if block.kind == .subhead && PageFurniture.isListHeading(text) {
                stopped = true
                return
            }
            if PageFurniture.isFurniture(text) || PageFurniture.isRights(text) || PageFurniture.tags(inLine: text) != nil
                || PageFurniture.isBylineOrDateline(text)
            {
                return
            }
            blocks.append(block)
        }

        mutating func add(_ node: HTMLNode, kind: RecognisedPage.Block.Kind) {
            guard node.measure.linkLength * 2 <= max(1, node.measure.textLength) || node.measure.textLength > 200 else { return }
            keep(.init(kind: kind, text: finder.visibleText(node)))
        }

        mutating func walk(_ node: HTMLNode, inQuote: Bool) {
            for child in node.children {
                if stopped { return }
                if child.isText {
                    run += child.text
                    lastWasBreak = false
                    continue
                }
                guard finder.isLive(child) else { continue }
                if child.name == "br" {
                    // Two line breaks in a row end a paragraph, as in old CMS bodies.
                    if lastWasBreak { flushRun(inQuote: inQuote) } else { run += " " }
                    lastWasBreak = true
                    continue
                }
                if !HTMLTree.blockElements.contains(child.name) && !child.measure.hasBlockChild {
                    run += finder.visibleText(child, collapse: false)
                    lastWasBreak = false
                    continue
                }
                lastWasBreak = false
                flushRun(inQuote: inQuote)
                if !protected.contains(ObjectIdentifier(child)) && finder.isJunkBox(child) { continue }
                switch child.name {
                case "p":
                    add(child, kind: inQuote ? .quote : .paragraph)
                case "h2", "h3", "h4", "h5", "h6":
                    // An unclosed heading swallows the paragraphs after it.
                    if child.measure.hasBlockChild || child.measure.textLength >= 300 {
                        walk(child, inQuote: inQuote)
                        flushRun(inQuote: inQuote)
                    } else {
                        add(child, kind: .subhead)
                    }
                case "blockquote":
                    if child.measure.hasBlockChild { walk(child, inQuote: true) } else { add(child, kind: .quote) }
                    flushRun(inQuote: true)
                case "pre":
                    let code = finder.visibleText(child, keepLines: true).trimmingCharacters(in: .newlines)
                    if !code.trimmingSpaces().isEmpty { blocks.append(.init(kind: .code, text: code)) }
                case "li", "dt", "dd":
                    if child.measure.hasBlockChild { walk(child, inQuote: inQuote) } else { add(child, kind: .item) }
                    flushRun(inQuote: inQuote)
                case "tr":
                    readRow(child)
                case "table", "tbody", "thead", "tfoot":
                    readTable(child, inQuote: inQuote)
                default:
                    if child.measure.hasBlockChild {
                        walk(child, inQuote: inQuote)
                        flushRun(inQuote: inQuote)
                    } else {
                        add(child, kind: inQuote ? .quote : .paragraph)
                    }
                }
            }
        }

        /// A data table reads row by row; a layout table (cells holding paragraphs) reads its cells.
        mutating func readTable(_ table: HTMLNode, inQuote: Bool) {
            let rows = table.descendants { $0.name == "tr" }
            let layout = rows.contains { row in row.children.contains { ($0.name == "td" || $0.name == "th") && $0.measure.hasBlockChild } }
            if layout || rows.isEmpty {
                walk(table, inQuote: inQuote)
            } else {
                for row in rows where finder.isLive(row) { readRow(row) }
            }
        }

        mutating func readRow(_ row: HTMLNode) {
            let cells = row.children.filter { ($0.name == "td" || $0.name == "th") && finder.isLive($0) }.map { finder.visibleText($0) }
                .filter { !$0.isEmpty }
            if !cells.isEmpty { keep(.init(kind: .row, text: cells.joined(separator: " | "))) }
        }
    }

    /// The text a reader sees in an element: pruned parts left out, white space collapsed.
    func visibleText(_ node: HTMLNode, keepLines: Bool = false, collapse: Bool = true) -> String {
        var out = ""
        func append(_ node: HTMLNode) {
            for child in node.children {
                if child.isText {
                    out += child.text
                } else if child.name == "br" {
                    out += keepLines ? "\n" : " "
                } else if isLive(child) {
                    let block = HTMLTree.blockElements.contains(child.name)
                    if block && keepLines { out += "\n" } else if block { out += " " }
                    append(child)
                    if block { out += keepLines ? "\n" : " " }
                }
            }
        }
        append(node)
        return keepLines || !collapse ? out : collapseWhitespace(out)
    }
}
