import MastheadCore
import Testing

/// The GitHub extensions a newsroom uses: tables (election results, budgets),
/// strikethrough, bare addresses and footnotes.
@Suite("Markdown extensions")
struct MarkdownExtensionsTests {
    func html(_ markdown: String) -> String { MarkdownRenderer.render(markdown).rawValue }

    @Test func tablesWithAlignmentAndInlineContent() {
        let results = """
            | Candidate | Party | Votes |
            |:----------|:-----:|------:|
            | *Ana* Ruiz | Harbour | 12,408 |
            | Ben `Ode` | Hill \\| Vale | 9,377 |
            """
        #expect(
            html(results) == """
                <table>
                <thead>
                <tr>
                <th class="align-left">Candidate</th>
                <th class="align-center">Party</th>
                <th class="align-right">Votes</th>
                </tr>
                </thead>
                <tbody>
                <tr>
                <td class="align-left"><em>Ana</em> Ruiz</td>
                <td class="align-center">Harbour</td>
                <td class="align-right">12,408</td>
                </tr>
                <tr>
                <td class="align-left">Ben <code>Ode</code></td>
                <td class="align-center">Hill | Vale</td>
                <td class="align-right">9,377</td>
                </tr>
                </tbody>
                </table>

                """
        )
    }

    @Test func aTableEndsAtABlankLineAndNeedsMatchingColumns() {
        let table = html("Item | Cost\n--- | ---\nRoads | 4.1m\n\nAfter the table.")
        #expect(table.hasPrefix("<table>"))
        #expect(table.hasSuffix("</table>\n<p>After the table.</p>\n"))
        // A short row is filled; a long one is cut to the header's width.
        #expect(html("a | b\n--|--\nonly").contains("<td>only</td>\n<td></td>"))
        // Header and delimiter rows of different widths: no table.
        #expect(html("a | b | c\n--|--\nx").hasPrefix("<p>"))
        // A paragraph's earlier lines stay a paragraph above the table.
        #expect(html("Budget lines:\na | b\n--|--").hasPrefix("<p>Budget lines:</p>\n<table>"))
    }

    @Test func strikethrough() {
        #expect(html("Was ~~Friday~~ Saturday.") == "<p>Was <del>Friday</del> Saturday.</p>\n")
        #expect(html("a ~~~three~~~ b") == "<p>a ~~~three~~~ b</p>\n")
        #expect(html("~~open only") == "<p>~~open only</p>\n")
    }

    @Test func bareAddressesBecomeLinks() {
        #expect(html("See www.example.com.") == "<p>See <a href=\"http://www.example.com\">www.example.com</a>.</p>\n")
        #expect(
            html("Read https://example.com/report_(final) now")
                == "<p>Read <a href=\"https://example.com/report_(final)\">https://example.com/report_(final)</a> now</p>\n"
        )
        #expect(html("(at https://example.com/a)") == "<p>(at <a href=\"https://example.com/a\">https://example.com/a</a>)</p>\n")
        #expect(html("Write to desk@courier.example.") == "<p>Write to <a href=\"mailto:desk@courier.example\">desk@courier.example</a>.</p>\n")
        // Not inside code or an existing link.
        #expect(html("`www.example.com`") == "<p><code>www.example.com</code></p>\n")
        #expect(html("[site](/a) www") == "<p><a href=\"/a\">site</a> www</p>\n")
    }

    @Test func footnotesAreNumberedInOrderOfReference() {
        let text = """
            First claim.[^source] Second claim.[^2]

            [^2]: The council minutes.
            [^source]: A *reporter* at the meeting.
            [^unused]: Never referred to.
            """
        #expect(
            html(text) == """
                <p>First claim.<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup> \
                Second claim.<sup class="footnote-ref"><a href="#fn-2" id="fnref-2">2</a></sup></p>
                <section class="footnotes">
                <ol>
                <li id="fn-1">
                <p>A <em>reporter</em> at the meeting. <a href="#fnref-1" class="footnote-backref">\u{21A9}</a></p>
                </li>
                <li id="fn-2">
                <p>The council minutes. <a href="#fnref-2" class="footnote-backref">\u{21A9}</a></p>
                </li>
                </ol>
                </section>

                """
        )
        // A reference to a note that does not exist stays text.
        #expect(html("Claim.[^missing]") == "<p>Claim.[^missing]</p>\n")
    }

    @Test(arguments: [
        "| a |\n| - |\n| b |", "x ~~y~~ z", "www.example.com", "n[^1]\n\n[^1]: note", "a | b\n:-|-:\n1 | 2",
    ])
    func extensionsStayInsideTheAllowlist(_ input: String) {
        #expect(HTMLAllowlist.violations(in: html(input)).isEmpty, "\(html(input))")
    }
}
