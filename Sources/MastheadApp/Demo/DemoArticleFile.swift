import Foundation
import MastheadCore

/// One demo article as written in `articles.txt`.
struct DemoStory: Sendable {
    struct Note: Sendable {
        var kind: Correction.Kind
        var hoursAfter: Double
        var text: String
    }

    var slug = ""
    var headline = ""
    var standfirst = ""
    var section = ""
    var authors: [String] = []
    var tags: [String] = []
    var hoursAgo: Double = 0
    var imageAlt = ""
    var imageCredit = ""
    var imageCaption = ""
    var rights: String?
    var notes: [Note] = []
    var isTopStory = false
    var isEditorsPick = false
    /// Relative readership: 1 is an ordinary story; trending stories spike in the last hours.
    var interest: Double = 1
    var isTrending = false
    var body = ""
}

/// Reads the demo articles file: blocks that start with `=== slug`, then
/// `key: value` lines, a line `---`, and the Markdown body.
enum DemoArticleFile {
    static func load() throws -> [DemoStory] {
        guard let url = Bundle.module.url(forResource: "articles", withExtension: "txt", subdirectory: "Demo"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw MastheadError(.configuration, "The demo articles are missing from this build of Masthead.")
        }
        return try parse(text)
    }

    static func parse(_ text: String) throws -> [DemoStory] {
        var stories: [DemoStory] = []
        for block in text.components(separatedBy: "\n=== ").dropFirst() {
            var story = DemoStory()
            let parts = block.components(separatedBy: "\n---\n")
            guard parts.count == 2 else { throw MastheadError(.internalFailure, "A demo article has no '---' line: \(block.prefix(40))") }
            var lines = parts[0].split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            story.slug = lines.removeFirst().trimmingCharacters(in: .whitespaces)
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                switch key {
                case "headline": story.headline = value
                case "standfirst": story.standfirst = value
                case "section": story.section = value
                case "authors": story.authors = list(value)
                case "tags": story.tags = list(value)
                case "hours-ago": story.hoursAgo = Double(value) ?? 0
                case "alt": story.imageAlt = value
                case "credit": story.imageCredit = value
                case "caption": story.imageCaption = value
                case "rights": story.rights = value
                case "interest": story.interest = Double(value) ?? 1
                case "flags":
                    let flags = Set(list(value))
                    story.isTopStory = flags.contains("top")
                    story.isEditorsPick = flags.contains("pick")
                    story.isTrending = flags.contains("trending")
                case "correction", "update":
                    let pieces = value.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard pieces.count == 2, let hours = Double(pieces[0]) else { continue }
                    story.notes.append(.init(kind: key == "update" ? .update : .correction, hoursAfter: hours, text: pieces[1]))
                default:
                    throw MastheadError(.internalFailure, "Demo article \(story.slug) has an unknown key \(key).")
                }
            }
            story.body = parts[1].trimmingCharacters(in: .whitespacesAndNewlines)
            stories.append(story)
        }
        return stories
    }

    private static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
