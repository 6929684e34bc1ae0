/// One child block of a WXR `<channel>` (an `<item>`, a `<wp:author>`, a
/// `<wp:category>` …) with the fields an importer reads, collected from the
/// event stream without keeping anything else.
struct WXRRecord {
    var name: String
    var line: Int
    /// Text of each direct child, by qualified name (`wp:post_id`, `content:encoded`).
    var fields: [String: String] = [:]
    /// `<category domain="…" nicename="…">Name</category>` children, in order.
    var categories: [(domain: String, nicename: String, name: String)] = []
    /// `<wp:postmeta>` pairs, in order.
    var meta: [(key: String, value: String)] = []
    /// Set when a field grew past `WXRRecords.maximumFieldBytes`; its text was cut.
    var oversizedField: String?

    subscript(field: String) -> String { fields[field] ?? "" }

    func metaValue(_ key: String) -> String? {
        meta.first { $0.key == key }?.value
    }
}

/// Reads `WXRRecord`s from an XML event stream: `rss > channel > record`.
struct WXRRecords<Source: ByteSource> {
    static var maximumFieldBytes: Int { 8 * 1024 * 1024 }

    var parser: XMLPullParser<Source>
    /// Channel-level single fields (`title`, `link`, `wp:base_site_url` …).
    var channel: [String: String] = [:]
    private(set) var sawChannel = false
    private var sawRSS = false

    init(source: Source) {
        parser = XMLPullParser(source: source)
    }

    /// The next record, or `nil` at the end of the channel.
    mutating func next() throws -> WXRRecord? {
        while let event = try parser.next() {
            switch event {
            case .start(let name, _) where parser.depth == 1:
                guard name == "rss" else {
                    throw ImportError("This is not a WordPress export: its document element is <\(name)>, not <rss>.", line: parser.line)
                }
                sawRSS = true
            case .start(let name, _) where parser.depth == 2:
                guard name == "channel" else {
                    try skipElement()
                    continue
                }
                sawChannel = true
            case .start(let name, _) where parser.depth == 3:
                let line = parser.line
                if ["item", "wp:author", "wp:category", "wp:tag", "wp:term"].contains(name) {
                    return try readRecord(name, line: line)
                }
                channel[name] = try readText(of: name)
            case .end(let name) where name == "channel":
                return nil
            default:
                continue
            }
        }
        guard sawRSS, sawChannel else { throw ImportError("This is not a WordPress export: it has no <rss><channel>.", line: parser.line) }
        return nil
    }

    /// After a start tag: its text content (children's text joined), bounded.
    private mutating func readText(of name: String) throws -> String {
        var text = ""
        let depth = parser.depth
        while let event = try parser.next() {
            switch event {
            case .text(let piece):
                if text.utf8.count < Self.maximumFieldBytes { text += piece }
            case .end where parser.depth < depth:
                return text
            default:
                continue
            }
        }
        return text
    }

    private mutating func skipElement() throws {
        let depth = parser.depth
        while let event = try parser.next() {
            if case .end = event, parser.depth < depth { return }
        }
    }

    private mutating func readRecord(_ name: String, line: Int) throws -> WXRRecord {
        var record = WXRRecord(name: name, line: line)
        let depth = parser.depth
        var metaKey: String?
        while let event = try parser.next() {
            switch event {
            case .end where parser.depth < depth:
                return record
            case .start(let child, let attributes) where parser.depth == depth + 1:
                if child == "category" {
                    let text = try readText(of: child)
                    record.categories.append((attributes["domain"] ?? "category", attributes["nicename"] ?? "", text))
                } else if child == "wp:postmeta" || child == "wp:termmeta" {
                    metaKey = nil
                } else if child == "wp:comment" {
                    try skipElement()  // comments stay behind: Masthead has none
                } else {
                    let text = try readText(of: child)
                    if text.utf8.count >= Self.maximumFieldBytes { record.oversizedField = child }
                    if record.fields[child] == nil { record.fields[child] = text }
                }
            case .start(let child, _) where parser.depth == depth + 2:
                let text = try readText(of: child)
                if child == "wp:meta_key" {
                    metaKey = text
                } else if child == "wp:meta_value", let key = metaKey, record.meta.count < 512 {
                    record.meta.append((key, String(text.prefix(64 * 1024))))
                }
            default:
                continue
            }
        }
        return record
    }
}
