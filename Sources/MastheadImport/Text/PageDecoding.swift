import Foundation

/// Turns a saved page's bytes into text the way a browser would, and better where a
/// browser would show mojibake: old CMSs' pages mix encodings.
///
/// 1. Valid UTF-8 is UTF-8.
/// 2. Mostly well-formed multi-byte UTF-8 with a few stray bytes is UTF-8 with those
///    bytes replaced, whatever the page declares (and at least as many well-formed as
///    stray where it declares UTF-8): one Latin-1 "ü" pasted into a UTF-8 page must not
///    turn every "schön" into "schÃ¶n" (text in a single-byte encoding almost never
///    forms valid multi-byte sequences by chance).
/// 3. Otherwise the page's own declaration (`<meta charset>`, `http-equiv`, `<?xml
///    encoding?>`) in its first 2 KB, when it names an encoding other than UTF-8.
/// 4. Otherwise Windows-1252, the superset of Latin-1 old Western pages were written in.
public enum PageDecoding {
    public static func text(from data: Data) -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        let (valid, invalid) = utf8Sequences(in: data)
        let declared = declaredEncoding(in: data)
        if valid > invalid * 4 || (declared == .utf8 && valid >= invalid) { return String(decoding: data, as: UTF8.self) }
        if let declared, declared != .utf8, let text = String(data: data, encoding: declared) { return text }
        return String(data: data, encoding: .windowsCP1252) ?? String(decoding: data, as: UTF8.self)
    }

    static let declaration = Pattern(#"(?:charset|encoding)\s*=\s*["']?\s*([a-z0-9_:.-]+)"#)

    /// The encoding a page names in its first 2 KB, when it is one we can read.
    static func declaredEncoding(in data: Data) -> String.Encoding? {
        let head = String(decoding: data.prefix(2048).map { $0 < 0x80 ? $0 : UInt8(ascii: " ") }, as: UTF8.self)
        guard let name = declaration.firstMatch(in: head)?[1]?.lowercased() else { return nil }
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return .utf8
        case "iso-8859-1", "latin1", "latin-1", "l1", "iso8859-1", "iso_8859-1", "windows-1252", "cp1252", "us-ascii", "ascii", "iso-8859-15",
            "latin-9":
            return .windowsCP1252
        case "iso-8859-2", "latin2", "latin-2": return .isoLatin2
        case "windows-1250", "cp1250": return .windowsCP1250
        case "windows-1251", "cp1251": return .windowsCP1251
        case "shift_jis", "shift-jis", "sjis", "windows-31j": return .shiftJIS
        case "euc-jp": return .japaneseEUC
        default: return nil
        }
    }

    /// Counts of well-formed multi-byte UTF-8 sequences and of bytes that fit none.
    static func utf8Sequences(in data: Data) -> (valid: Int, invalid: Int) {
        var valid = 0
        var invalid = 0
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            let length =
                switch byte {
                case 0xC2...0xDF: 2
                case 0xE0...0xEF: 3
                case 0xF0...0xF4: 4
                default: 1
                }
            if byte < 0x80 {
                index += 1
                continue
            }
            guard length > 1, index + length <= data.endIndex,
                data[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
            else {
                invalid += 1
                index += 1
                continue
            }
            valid += 1
            index += length
        }
        return (valid, invalid)
    }
}
