/// Line-level recognisers for the block parser. Each looks at one line only.
extension MarkdownRenderer {
    static func isBlank(_ line: Line) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// Leading columns of white space, a tab counting as four.
    static func indentation(of line: Line) -> Int {
        var columns = 0
        for byte in line {
            if byte == UInt8(ascii: " ") {
                columns += 1
            } else if byte == UInt8(ascii: "\t") {
                columns += 4
            } else {
                break
            }
        }
        return columns
    }

    static func dropIndent(_ line: Line, upTo limit: Int) -> Line {
        var columns = 0
        var index = line.startIndex
        while index < line.endIndex, columns < limit {
            let byte = line[index]
            if byte == UInt8(ascii: " ") {
                columns += 1
            } else if byte == UInt8(ascii: "\t") {
                columns += 4
            } else {
                break
            }
            index += 1
        }
        return line[index...]
    }

    static func headingLevel(_ content: Line) -> Int? {
        var level = 0
        var index = content.startIndex
        while index < content.endIndex, content[index] == UInt8(ascii: "#"), level < 7 {
            level += 1
            index += 1
        }
        guard (1...6).contains(level) else { return nil }
        guard index == content.endIndex || content[index] == UInt8(ascii: " ") || content[index] == UInt8(ascii: "\t") else { return nil }
        return level
    }

    /// The heading's words without the opening and any closing run of `#`.
    static func headingText(_ content: Line, level: Int) -> Line {
        var text = content.dropFirst(level)
        while let first = text.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { text = text.dropFirst() }
        while let last = text.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { text = text.dropLast() }
        var withoutClosing = text
        while withoutClosing.last == UInt8(ascii: "#") { withoutClosing = withoutClosing.dropLast() }
        if withoutClosing.isEmpty || withoutClosing.last == UInt8(ascii: " ") {
            text = withoutClosing
            while let last = text.last, last == UInt8(ascii: " ") { text = text.dropLast() }
        }
        return text
    }

    static func isThematicBreak(_ content: Line) -> Bool {
        guard let first = content.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "_") else {
            return false
        }
        var count = 0
        for byte in content {
            if byte == first {
                count += 1
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
                return false
            }
        }
        return count >= 3
    }

    /// An opening code fence: three or more backticks or tildes, then an info string.
    struct Fence {
        var character: UInt8
        var length: Int
        var indent: Int
        var info: Line

        init?(_ content: Line) {
            guard let first = content.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
            var length = 0
            var index = content.startIndex
            while index < content.endIndex, content[index] == first {
                length += 1
                index += 1
            }
            guard length >= 3 else { return nil }
            var info = content[index...]
            while let byte = info.first, byte == UInt8(ascii: " ") { info = info.dropFirst() }
            while let byte = info.last, byte == UInt8(ascii: " ") { info = info.dropLast() }
            if first == UInt8(ascii: "`"), info.contains(UInt8(ascii: "`")) { return nil }
            self.character = first
            self.length = length
            self.indent = 0
            self.info = info
        }

        /// The first word of the info string, kept only if it is a plain name, for
        /// a `language-…` class a syntax highlighter can pick up.
        var language: String? {
            let word = info.prefix { $0 != UInt8(ascii: " ") }
            guard !word.isEmpty, word.count <= 32,
                word.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") })
            else { return nil }
            return String(decoding: word, as: UTF8.self)
        }
    }

    /// A list item's marker: `-`, `*`, `+`, or a number followed by `.` or `)`.
    struct ListMarker {
        var ordered: Bool
        var bullet: UInt8
        var start: Int
        /// The column where the item's own text starts; continuation lines indent to it.
        var contentColumn: Int
        var content: Line

        init?(_ content: Line, indent: Int) {
            guard let first = content.first else { return nil }
            var index = content.startIndex
            if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
                ordered = false
                bullet = first
                start = 1
                index += 1
            } else {
                var digits = 0
                var value = 0
                while index < content.endIndex, (0x30...0x39).contains(content[index]), digits < 9 {
                    value = value * 10 + Int(content[index] - 0x30)
                    digits += 1
                    index += 1
                }
                guard digits > 0, index < content.endIndex, content[index] == UInt8(ascii: ".") || content[index] == UInt8(ascii: ")") else {
                    return nil
                }
                ordered = true
                bullet = content[index]
                start = value
                index += 1
            }
            guard index == content.endIndex || content[index] == UInt8(ascii: " ") || content[index] == UInt8(ascii: "\t") else { return nil }
            let markerWidth = index - content.startIndex
            var rest = content[index...]
            var spaces = 0
            while let byte = rest.first, byte == UInt8(ascii: " "), spaces < 4 {
                rest = rest.dropFirst()
                spaces += 1
            }
            self.contentColumn = indent + markerWidth + max(1, spaces)
            self.content = rest
        }
    }
}
