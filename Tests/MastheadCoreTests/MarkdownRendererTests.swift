import MastheadCore
import Testing

@Suite("Markdown rendering")
struct MarkdownRendererTests {
    func html(_ markdown: String) -> String { MarkdownRenderer.render(markdown).rawValue }

    @Test func paragraphsAreSeparatedByBlankLines() {
        #expect(html("One line\nsame paragraph.\n\nSecond.") == "<p>One line\nsame paragraph.</p>\n<p>Second.</p>\n")
    }

    @Test func headingsBecomeSubheadsBelowTheHeadline() {
        #expect(html("# Big") == "<h2>Big</h2>\n")
        #expect(html("## Who pays ##") == "<h2>Who pays</h2>\n")
        #expect(html("### Detail") == "<h3>Detail</h3>\n")
        #expect(html("#hashtag") == "<p>#hashtag</p>\n")
    }

    @Test func emphasisAndStrongNest() {
        #expect(
            html("*a* **b** ***c*** _d_ __e__") == "<p><em>a</em> <strong>b</strong> <em><strong>c</strong></em> <em>d</em> <strong>e</strong></p>\n"
        )
        #expect(html("snake_case_word") == "<p>snake_case_word</p>\n")
        #expect(html("2 * 3 * 4") == "<p>2 * 3 * 4</p>\n")
    }

    @Test func unclosedEmphasisStaysLiteral() {
        #expect(html("**never closed") == "<p>**never closed</p>\n")
        // As in CommonMark: the inner pair matches first, and every tag still closes in order.
        #expect(html("*a **b* c**") == "<p><em>a <em><em>b</em> c</em></em></p>\n")
        #expect(html("[Kestrel](https://wiki.example/Kestrel_(bird))") == "<p><a href=\"https://wiki.example/Kestrel_(bird)\">Kestrel</a></p>\n")
    }

    @Test func linksCarryHrefAndTitle() {
        #expect(
            html("[Council](https://council.example/agenda \"Agenda\")")
                == "<p><a href=\"https://council.example/agenda\" title=\"Agenda\">Council</a></p>\n"
        )
        #expect(html("[relative](/section/news)") == "<p><a href=\"/section/news\">relative</a></p>\n")
        #expect(html("[mail](mailto:desk@courier.example)") == "<p><a href=\"mailto:desk@courier.example\">mail</a></p>\n")
        #expect(
            html("<https://bay.example/a?b=1&c=2>") == "<p><a href=\"https://bay.example/a?b=1&amp;c=2\">https://bay.example/a?b=1&amp;c=2</a></p>\n"
        )
    }

    @Test func linksCannotNest() {
        #expect(html("[a [b](/b) c](/a)") == "<p>[a <a href=\"/b\">b</a> c](/a)</p>\n")
    }

    @Test func aParagraphThatIsOnlyAnImageBecomesAFigure() {
        #expect(
            html("![A ferry](/media/ferry.jpg \"The ferry at dawn.\")")
                == "<figure><img src=\"/media/ferry.jpg\" alt=\"A ferry\" title=\"The ferry at dawn.\" loading=\"lazy\"><figcaption>The ferry at dawn.</figcaption></figure>\n"
        )
    }

    @Test func blockQuotesNestAndHoldParagraphs() {
        #expect(
            html("> Quote\n> more\n>\n> > inner") == "<blockquote>\n<p>Quote\nmore</p>\n<blockquote>\n<p>inner</p>\n</blockquote>\n</blockquote>\n"
        )
    }

    @Test func listsAreTightOrLoose() {
        #expect(html("- one\n- two") == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
        #expect(html("3. three\n4. four") == "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n")
        #expect(html("- one\n\n- two") == "<ul>\n<li>\n<p>one</p>\n</li>\n<li>\n<p>two</p>\n</li>\n</ul>\n")
        #expect(html("- one\n  - nested") == "<ul>\n<li>one\n<ul>\n<li>nested</li>\n</ul>\n</li>\n</ul>\n")
    }

    @Test func codeIsEscapedVerbatim() {
        #expect(html("Use `<b>` here") == "<p>Use <code>&lt;b&gt;</code> here</p>\n")
        #expect(html("```swift\nlet a = \"<x>\"\n```") == "<pre><code class=\"language-swift\">let a = &quot;&lt;x&gt;&quot;\n</code></pre>\n")
        #expect(html("    indented <code>") == "<pre><code>indented &lt;code&gt;\n</code></pre>\n")
    }

    @Test func horizontalRulesAndLineBreaks() {
        #expect(html("a\n\n---\n\nb") == "<p>a</p>\n<hr>\n<p>b</p>\n")
        #expect(html("line one  \nline two") == "<p>line one<br>\nline two</p>\n")
        #expect(html("line one\\\nline two") == "<p>line one<br>\nline two</p>\n")
    }

    @Test func entitiesPassButStrayAmpersandsAreEscaped() {
        #expect(
            html("Tom &amp; Jerry &mdash; &#8212; &#x2014; R&D &unknown")
                == "<p>Tom &amp; Jerry \u{2014} \u{2014} \u{2014} R&amp;D &amp;unknown</p>\n"
        )
    }

    @Test func backslashEscapesPunctuation() {
        #expect(html("\\*not emphasis\\* \\[not a link\\]") == "<p>*not emphasis* [not a link]</p>\n")
    }
}
