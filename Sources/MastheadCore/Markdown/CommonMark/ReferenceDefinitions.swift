extension BlockParser {
    /// The paragraph text after the link reference definitions it starts with
    /// (`[label]: /destination "title"`), each recorded (the first of a label wins).
    /// One pass over the text, however many definitions it holds.
    mutating func strippingReferenceDefinitions(_ text: String) -> String {
        guard text.first == "[" else { return text }
        var reader = Inlines(text, references: [:], gfm: false, footnotes: [])
        var consumed = 0
        while reader.peek() == "[", parseReferenceDefinition(&reader) { consumed = reader.pos }
        return consumed == 0 ? text : Inlines.string(reader.subject[consumed...])
    }

    /// One definition at the reader's position; on failure the reader is where it was.
    mutating func parseReferenceDefinition(_ reader: inout Inlines) -> Bool {
        let start = reader.pos
        let labelLength = reader.linkLabel()
        guard labelLength > 2 else { return false }
        let rawLabel = Inlines.string(reader.subject[(start + 1)..<(start + labelLength - 1)])
        reader.pos = start + labelLength
        func fail() -> Bool {
            reader.pos = start
            return false
        }
        guard reader.peek() == ":" else { return fail() }
        reader.pos += 1
        reader.spacesAndNewline()
        let beforeDestination = reader.pos
        guard let destination = reader.linkDestination() else { return fail() }
        // A bare destination cannot be empty; `<>` can.
        if reader.pos == beforeDestination { return fail() }
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
            guard title != nil else { return fail() }
            // The title does not end the line: the definition may still stand without it.
            title = nil
            reader.pos = beforeTitle
            guard atLineEnd(&reader) else { return fail() }
        }
        let key = Inlines.normalizeLabel(rawLabel)
        guard !key.isEmpty else { return fail() }
        if references[key] == nil { references[key] = (destination, title ?? "") }
        return true
    }
}
