import Foundation

/// The named character references pages and WordPress content actually use.
/// An unknown name stays as written (it is text, and is escaped on output).
enum HTMLEntities {
    static let named: [String: String] = {
        var table: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "shy": "\u{AD}",
            "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "minus": "−",
            "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„", "laquo": "«", "raquo": "»",
            "lsaquo": "‹", "rsaquo": "›", "bull": "•", "middot": "·", "prime": "′", "Prime": "″", "dagger": "†", "Dagger": "‡",
            "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "curren": "¤", "deg": "°", "plusmn": "±", "times": "×",
            "divide": "÷", "frac12": "½", "frac14": "¼", "frac34": "¾", "sup1": "¹", "sup2": "²", "sup3": "³", "para": "¶",
            "sect": "§", "micro": "µ", "ordf": "ª", "ordm": "º", "iexcl": "¡", "iquest": "¿", "not": "¬", "macr": "¯",
            "acute": "´", "cedil": "¸", "uml": "¨", "brvbar": "¦", "zwj": "\u{200D}", "zwnj": "\u{200C}",
            "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}", "lrm": "\u{200E}", "rlm": "\u{200F}",
            "szlig": "ß", "aelig": "æ", "AElig": "Æ", "oslash": "ø", "Oslash": "Ø", "aring": "å", "Aring": "Å",
            "ccedil": "ç", "Ccedil": "Ç", "ntilde": "ñ", "Ntilde": "Ñ", "eth": "ð", "ETH": "Ð", "thorn": "þ", "THORN": "Þ",
            "oelig": "œ", "OElig": "Œ", "scaron": "š", "Scaron": "Š", "zcaron": "ž", "Zcaron": "Ž", "larr": "←", "rarr": "→",
            "uarr": "↑", "darr": "↓", "hearts": "♥", "star": "☆", "check": "✓",
        ]
        // Accented vowels: &eacute; &Egrave; &ocirc; &uuml; &atilde; …
        let marks: [(String, Character)] = [
            ("acute", "\u{301}"), ("grave", "\u{300}"), ("circ", "\u{302}"), ("uml", "\u{308}"), ("tilde", "\u{303}"),
        ]
        for letter in ["a", "e", "i", "o", "u", "y", "A", "E", "I", "O", "U", "Y"] {
            for (mark, combining) in marks {
                let composed = (letter + String(combining)).precomposedStringWithCanonicalMapping
                if composed.unicodeScalars.count == 1 { table[letter + mark] = composed }
            }
        }
        return table
    }()

    /// Decodes every reference in `text`.
    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest.index(after: amp)
            let end = rest[after...].prefix(33).firstIndex(of: ";")
            if let end, let value = value(of: rest[after..<end]) {
                out += value
                rest = rest[rest.index(after: end)...]
            } else {
                out += "&"
                rest = rest[after...]
            }
        }
        out += rest
        return out
    }

    private static func value(of name: Substring) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let code = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let code else { return nil }
            // Windows-1252 numbers that old pages use for curly quotes and dashes.
            let mapped = windows1252[code] ?? code
            guard mapped != 0, let scalar = Unicode.Scalar(mapped) else { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        return named[String(name)]
    }

    private static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x85: 0x2026, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
    ]
}
