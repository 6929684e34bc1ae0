/// Parses Markdown and writes it as HTML with the given rules.
enum MarkdownDocument {
    static func html(_ markdown: String, options: MarkdownOptions) -> String {
        var blocks = BlockParser(gfm: options.gfm)
        let document = blocks.parse(markdown)
        defer { document.releaseTree() }
        // Footnote definitions leave the flow; only those referred to are shown, at the end.
        var definitions: [String: MarkdownNode] = [:]
        for child in document.children where child.kind == .footnoteDefinition {
            if definitions[child.label] == nil { definitions[child.label] = child }
            child.unlink()
        }
        var leaves: [MarkdownNode] = []
        document.walk { node, entering in
            if entering, node.kind == .paragraph || node.kind == .heading || node.kind == .tableCell { leaves.append(node) }
        }
        for definition in definitions.values {
            definition.walk { node, entering in
                if entering, node.kind == .paragraph || node.kind == .heading || node.kind == .tableCell { leaves.append(node) }
            }
        }
        let labels = Set(definitions.keys)
        for leaf in leaves {
            var inlines = Inlines(leaf.content, references: blocks.references, gfm: options.gfm, footnotes: labels)
            inlines.parse(into: leaf)
            inlines.finish()
        }
        var writer = HTMLWriter(options: options)
        writer.render(document)
        writer.renderFootnotes(definitions)
        for definition in definitions.values { definition.releaseTree() }
        return writer.out
    }
}
