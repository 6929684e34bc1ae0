import Foundation

/// The YAML front matter of a Markdown file (Hugo, Jekyll, our own export), or
/// Hugo's TOML form between `+++` lines: the subset these files use. Scalars
/// (plain, quoted), lists (`[a, b]` or `- a` lines) and block text (`|`, `>`);
/// nested maps are skipped. No YAML tags, anchors or aliases, so a hostile
/// file cannot make it expand.
public struct FrontMatter: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case list([String])

        public var text: String? {
            switch self {
            case .text(let text): text
            case .list(let items): items.first
            }
        }

        public var list: [String] {
            switch self {
            case .text(let text): text.isEmpty ? [] : text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            case .list(let items): items
            }
        }
    }

    public var values: [String: Value]
    public var body: String

    public subscript(key: String) -> Value? { values[key.lowercased()] }

    /// Splits a file into front matter and body; a file without front matter is all body.
    public static func parse(_ file: String) -> FrontMatter {
        var text = file.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        for (fence, toml) in [("---", false), ("+++", true)] {
            guard text.hasPrefix(fence + "\n") else { continue }
            let rest = text.dropFirst(fence.count + 1)
            guard
                let end = rest.range(of: "\n" + fence + "\n")
                    ?? (rest.hasSuffix("\n" + fence) ? rest.range(of: "\n" + fence, options: .backwards) : nil)
            else { continue }
            let header = String(rest[..<end.lowerBound])
            let body = String(rest[end.upperBound...])
            return FrontMatter(values: toml ? parseTOML(header) : parseYAML(header), body: body)
        }
        return FrontMatter(values: [:], body: text)
    }

    static func parseYAML(_ header: String) -> [String: Value] {
        var values: [String: Value] = [:]
        let lines = header.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard !line.hasPrefix(" "), !line.hasPrefix("\t"), !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let raw = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if raw.isEmpty {
                // A block list follows ("- item" lines), or a nested map (skipped).
                var items: [String] = []
                while index < lines.count, lines[index].hasPrefix(" ") || lines[index].hasPrefix("-") || lines[index].isEmpty {
                    let item = lines[index].trimmingCharacters(in: .whitespaces)
                    if item.hasPrefix("- ") || item == "-" { items.append(scalar(String(item.dropFirst(1)).trimmingCharacters(in: .whitespaces))) }
                    index += 1
                }
                values[key] = .list(items.filter { !$0.isEmpty })
            } else if raw == "|" || raw == ">" || raw == "|-" || raw == ">-" {
                var block: [String] = []
                while index < lines.count, lines[index].hasPrefix(" ") || lines[index].isEmpty {
                    block.append(lines[index].trimmingCharacters(in: .whitespaces))
                    index += 1
                }
                values[key] = .text(block.joined(separator: raw.hasPrefix("|") ? "\n" : " ").trimmingCharacters(in: .whitespacesAndNewlines))
            } else if raw.hasPrefix("[") && raw.hasSuffix("]") {
                values[key] = .list(flowList(String(raw.dropFirst().dropLast())))
            } else {
                values[key] = .text(scalar(raw))
            }
        }
        return values
    }

    static func parseTOML(_ header: String) -> [String: Value] {
        var values: [String: Value] = [:]
        for line in header.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#"), !line.hasPrefix("[") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let raw = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            values[key] = raw.hasPrefix("[") && raw.hasSuffix("]") ? .list(flowList(String(raw.dropFirst().dropLast()))) : .text(scalar(raw))
        }
        return values
    }

    /// `a, "b, c", 'd'` → three items.
    static func flowList(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if character == "," {
                items.append(scalar(current.trimmingCharacters(in: .whitespaces)))
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(scalar(current.trimmingCharacters(in: .whitespaces)))
        return items.filter { !$0.isEmpty }
    }

    /// A quoted or plain scalar; a trailing ` # comment` on a plain one is dropped.
    static func scalar(_ raw: String) -> String {
        if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
            var out = ""
            var escaped = false
            for character in raw.dropFirst().dropLast() {
                if escaped {
                    switch character {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    default: out.append(character)
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    out.append(character)
                }
            }
            return out
        }
        if raw.count >= 2, raw.hasPrefix("'"), raw.hasSuffix("'") {
            return String(raw.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        if let comment = raw.range(of: " #") { return String(raw[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces) }
        return raw
    }

    /// Text written so that `scalar` reads it back unchanged.
    public static func quoted(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(
                of: "\n",
                with: "\\n"
            )
            .replacingOccurrences(of: "\t", with: "\\t") + "\""
    }
}
