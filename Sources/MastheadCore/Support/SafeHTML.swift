/// HTML that Masthead produced itself and has already made safe: the output of
/// `MarkdownRenderer`, or text escaped by `HTMLEscaping`.
///
/// Templates may print a `SafeHTML` field unescaped (`{{{body}}}`); every other
/// field is escaped. Only code in this module can wrap a string as safe.
public struct SafeHTML: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    init(trusted rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps HTML read back from storage that this renderer wrote.
    public static func stored(_ rawValue: String) -> SafeHTML {
        SafeHTML(trusted: rawValue)
    }

    /// Plain text escaped into HTML.
    public static func text(_ text: String) -> SafeHTML {
        SafeHTML(trusted: HTMLEscaping.escape(text))
    }

    public static let empty = SafeHTML(trusted: "")

    public var isEmpty: Bool { rawValue.isEmpty }
    public var description: String { rawValue }
}

public enum HTMLEscaping {
    /// Escapes text for use in HTML content and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
