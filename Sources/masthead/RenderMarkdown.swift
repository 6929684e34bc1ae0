import ArgumentParser
import Foundation
import MastheadCore

/// `masthead markdown`: Markdown from standard input as the site renders it, for
/// writers checking a piece and for `scripts/commonmark-spec`, which renders the
/// spec's examples (`--examples FILE`, a JSON array of strings) in one process.
struct RenderMarkdown: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Render Markdown from standard input to HTML, as the site does."
    )

    @Flag(help: "Render as the CommonMark spec's reference output (raw HTML kept, headings unshifted): for measuring, never for the site.")
    var specification = false

    @Option(help: "A JSON array of Markdown strings; prints a JSON array of their HTML.")
    var examples: String?

    func run() throws {
        let options: MarkdownOptions = specification ? .specification : .site
        if let examples {
            let inputs = try JSONDecoder().decode([String].self, from: Data(contentsOf: URL(fileURLWithPath: examples)))
            let outputs = inputs.map { MarkdownRenderer.render($0, options: options) }
            FileHandle.standardOutput.write(try JSONEncoder().encode(outputs))
            return
        }
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        print(MarkdownRenderer.render(input, options: options), terminator: "")
    }
}
