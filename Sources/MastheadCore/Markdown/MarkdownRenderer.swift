import Foundation

/// Markdown to safe HTML, for article bodies. Rendered once when an article is
/// saved, never per request.
///
/// The parser follows the CommonMark 0.31.2 spec (`scripts/commonmark-spec`
/// checks every example of it) with the GitHub extensions a newsroom uses:
/// tables, `~~strikethrough~~`, bare `www.`/`https://` addresses and footnotes.
/// The site's output differs from the spec's reference output on purpose
/// (`MarkdownOptions.site`): raw HTML is shown as text, `#` becomes `h2`, unsafe
/// addresses are dropped, a lone image becomes a figure. The output only ever
/// holds `HTMLAllowlist`'s elements and attributes, and the work is linear in
/// the input (container nesting is capped at `maximumNesting`).
public enum MarkdownRenderer {
    public static let maximumNesting = BlockParser.maximumNesting

    public static func render(_ markdown: String) -> SafeHTML {
        SafeHTML(trusted: render(markdown, options: .site))
    }

    /// The HTML of `markdown` under `options`; `.site` is the only safe choice for pages.
    public static func render(_ markdown: String, options: MarkdownOptions) -> String {
        MarkdownDocument.html(markdown, options: options)
    }
}
