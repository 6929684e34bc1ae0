/// Entity and numeric character references, as CommonMark reads them: a known
/// HTML5 name with its `;`, `&#` with 1–7 digits, `&#x` with 1–6 hex digits.
enum Entities {
    /// The text a reference at the start of `text` stands for, and its length.
    static func decode(_ text: ArraySlice<Unicode.Scalar>) -> (String, Int)? {
        var i = text.startIndex
        guard i < text.endIndex, text[i] == "&" else { return nil }
        i += 1
        if i < text.endIndex, text[i] == "#" {
            i += 1
            var hex = false
            if i < text.endIndex, text[i] == "x" || text[i] == "X" {
                hex = true
                i += 1
            }
            let digitsStart = i
            while i < text.endIndex, hex ? text[i].properties.isASCIIHexDigit : ("0"..."9").contains(text[i]), i - digitsStart < 8 { i += 1 }
            let count = i - digitsStart
            guard count >= 1, count <= (hex ? 6 : 7), i < text.endIndex, text[i] == ";" else { return nil }
            let value = UInt32(Inlines.string(text[digitsStart..<i]), radix: hex ? 16 : 10) ?? 0
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (String(Character(scalar ?? "\u{FFFD}")), i + 1 - text.startIndex)
        }
        let nameStart = i
        while i < text.endIndex, Inlines.isASCIIAlphanumeric(text[i]), i - nameStart <= 32 { i += 1 }
        guard i > nameStart, i < text.endIndex, text[i] == ";", let value = EntityTable.names[Inlines.string(text[nameStart..<i])] else {
            return nil
        }
        return (value, i + 1 - text.startIndex)
    }
}
