extension BlockParser {
    /// A link reference definition at the start of a paragraph's text
    /// (`[label]: /destination "title"`): recorded (the first of a label wins),
    /// and the text after it returned; nil when the text does not start with one.
    mutating func parseReferenceDefinition(_ text: Substring) -> Substring? {
        var reader = Inlines(String(text), references: [:], gfm: false, footnotes: [])
        let labelLength = reader.linkLabel()
        guard labelLength > 2 else { return nil }
        let rawLabel = Inlines.string(reader.subject[1..<(labelLength - 1)])
        reader.pos = labelLength
        guard reader.peek() == ":" else { return nil }
        reader.pos += 1
        reader.spacesAndNewline()
        let beforeDestination = reader.pos
        guard let destination = reader.linkDestination() else { return nil }
        // A bare destination cannot be empty; `<>` can.
        if reader.pos == beforeDestination { return nil }
        let beforeTitle = reader.pos
        reader.spacesAndNewline()
        var title: String?
        if reader.pos != beforeTitle { title = reader.linkTitle() }
        if title == nil { reader.pos = beforeTitle }
        func atLineEnd(_ reader: inout Inlines) -> Bool {
            var i = reader.pos
            while i < reader.subject.count, reader.subject[i] == " " || reader.subject[i] == "\t" { i += 1 }
            guard i == reader.subject.count || reader.subject[i] == "\n" else { return false }
            reader.pos = i < reader.subject.count ? i + 1 : i
            return true
        }
        if !atLineEnd(&reader) {
            guard title != nil else { return nil }
            // The title does not end the line: the definition may still stand without it.
            title = nil
            reader.pos = beforeTitle
            guard atLineEnd(&reader) else { return nil }
        }
        let key = Inlines.normalizeLabel(rawLabel)
        guard !key.isEmpty else { return nil }
        if references[key] == nil { references[key] = (destination, title ?? "") }
        return Substring(text.unicodeScalars.dropFirst(reader.pos))
    }
}
