import Foundation

/// The elements and attributes `MarkdownRenderer` may emit, and a checker that
/// reads rendered HTML back and reports anything outside them.
///
/// The checker is what the property tests and the fuzz target assert with, so it
/// is deliberately independent of the renderer's code.
public enum HTMLAllowlist {
    public static let attributes: [String: Set<String>] = [
        "p": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [], "em": [], "strong": [], "del": [], "blockquote": [],
        "ul": [], "ol": ["start"], "li": ["id"], "hr": [], "br": [], "pre": [], "code": ["class"],
        "a": ["href", "title", "id", "class"], "img": ["src", "alt", "title", "loading"], "figure": [], "figcaption": [],
        "table": [], "thead": [], "tbody": [], "tr": [], "th": ["class"], "td": ["class"], "sup": ["class"], "section": ["class"],
    ]

    /// One sentence per problem; empty when the HTML keeps to the allowlist.
    public static func violations(in html: String) -> [String] {
        var problems: [String] = []
        let bytes = Array(html.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else {
                if bytes[i] == UInt8(ascii: ">") { problems.append("stray '>' in text at \(i)") }
                i += 1
                continue
            }
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "/") { i += 1 }
            let name = readName(bytes, &i)
            guard let allowed = attributes[name] else {
                problems.append("element <\(name)> is not allowed")
                i = skipTag(bytes, i)
                continue
            }
            while i < bytes.count, bytes[i] != UInt8(ascii: ">") {
                if bytes[i] == UInt8(ascii: " ") {
                    i += 1
                    continue
                }
                let attribute = readName(bytes, &i)
                guard !attribute.isEmpty, allowed.contains(attribute) else {
                    problems.append("attribute \(attribute.isEmpty ? "(unreadable)" : attribute) on <\(name)> is not allowed")
                    i = skipTag(bytes, i)
                    break
                }
                guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "\"") else {
                    problems.append("attribute \(attribute) on <\(name)> is not a quoted value")
                    i = skipTag(bytes, i)
                    break
                }
                i += 2
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "<") || bytes[i] == UInt8(ascii: ">") {
                        problems.append("raw angle bracket inside \(attribute) on <\(name)>")
                    }
                    i += 1
                }
                let value = unescape(String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self))
                i += 1
                if attribute == "href", SafeURL.check(value, for: .link) == nil {
                    problems.append("unsafe href \(value)")
                }
                if attribute == "src", SafeURL.check(value, for: .image) == nil {
                    problems.append("unsafe src \(value)")
                }
            }
            i += 1
        }
        return problems
    }

    private static func readName(_ bytes: [UInt8], _ i: inout Int) -> String {
        let start = i
        while i < bytes.count, (bytes[i] >= 0x61 && bytes[i] <= 0x7A) || (bytes[i] >= 0x30 && bytes[i] <= 0x39) {
            i += 1
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private static func skipTag(_ bytes: [UInt8], _ from: Int) -> Int {
        var i = from
        while i < bytes.count, bytes[i] != UInt8(ascii: ">") { i += 1 }
        return i + 1
    }

    private static func unescape(_ value: String) -> String {
        value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
