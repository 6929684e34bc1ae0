import MastheadCore
import Testing

@Suite("Markdown safety")
struct MarkdownSafetyTests {
    func html(_ markdown: String) -> String { MarkdownRenderer.render(markdown).rawValue }

    @Test(arguments: [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=//evil.example></iframe>",
        "</p><script>",
        "<!-- comment --><style>body{}</style>",
        // The GFM constructs, each with HTML inside.
        "| <script>alert(1)</script> | x |\n|---|---|\n| <img src=x onerror=alert(1)> | y |",
        "~~<script>alert(1)</script>~~",
        "Go to www.example.com/<script>alert(1)</script>",
        "https://example.com/<img src=x onerror=alert(1)>",
        "A claim.[^1]\n\n[^1]: <script>alert(1)</script>",
        "A claim.[^<img src=x onerror=alert(1)>]\n\n[^<img src=x onerror=alert(1)>]: note",
        "| a |\n|:-:|\n| <iframe src=//evil.example> |",
        "```\n</code></pre><script>alert(1)</script>\n```",
        "<div>\n<script>alert(1)</script>\n</div>",
        "<textarea>\n</textarea><script>alert(1)</script>",
    ])
    func rawHTMLIsShownAsText(_ input: String) {
        let output = html(input)
        #expect(!output.contains("<script"))
        #expect(!output.contains("<img"))
        #expect(!output.contains("<svg"))
        #expect(!output.contains("<iframe"))
        #expect(!output.contains("<style"))
        #expect(HTMLAllowlist.violations(in: output).isEmpty)
    }

    @Test(arguments: [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](vbscript:msgbox)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](file:///etc/passwd)",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        "| [x](javascript:alert(1)) |\n| - |\n| ![y](javascript:alert(1)) |",
        "~~[x](javascript:alert(1))~~",
        "javascript:alert(1)//www.example.com",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "A claim.[^1]\n\n[^1]: [x](javascript:alert(1))",
        "[www.example.com](javascript:alert(1))",
        "<JAVASCRIPT:alert(1)>",
    ])
    func dangerousURLsNeverBecomeLinks(_ input: String) {
        let output = html(input)
        #expect(!output.lowercased().contains("=\"javascript"), "\(output)")
        #expect(!output.contains("href=\"vbscript") && !output.contains("href=\"data:") && !output.contains("src=\"data:"), "\(output)")
        #expect(!output.contains("href=\"file:"), "\(output)")
        #expect(HTMLAllowlist.violations(in: output).isEmpty, "\(output)")
    }

    @Test(arguments: [
        "![a](/x.jpg\"onerror=\"alert(1))",
        "![a\" onerror=\"alert(1)](/x.jpg)",
        "[a](/x \"t\" onmouseover=\"alert(1)\")",
        "[a](/x \"t\\\" onmouseover=alert(1)\")",
        "![a](/x.jpg 'single')",
        "A claim.[^a\"onmouseover=\"alert(1)]\n\n[^a\"onmouseover=\"alert(1)]: note",
        "| a |\n|:-\" onmouseover=\"x:|\n| b |",
        "www.example.com/\"onmouseover=\"alert(1)",
        "a\"onmouseover=\"alert(1)@example.com",
    ])
    func attributesCannotBeBrokenOutOf(_ input: String) {
        let output = html(input)
        // Breaking out takes a raw quote before the handler; escaped quotes are just text.
        #expect(!output.contains("\" on"), "\(output)")
        #expect(!output.contains("\" onerror") && !output.contains("\" onmouseover"), "\(output)")
        #expect(HTMLAllowlist.violations(in: output).isEmpty, "\(output)")
    }

    static let wideTable: String = {
        let header: String = "|" + String(repeating: "a|", count: 5_000)
        let delimiter: String = "|" + String(repeating: "-|", count: 5_000)
        let row: String = "|" + String(repeating: "x|", count: 5_000)
        return [header, delimiter, row].joined(separator: "\n")
    }()

    static let manyReferences: String = {
        let definitions: [String] = (0..<20_000).map { "[\($0)]: /u\n" }
        let uses: [String] = (0..<20_000).map { "[\($0)] " }
        return definitions.joined() + uses.joined()
    }()

    static let manyFootnotes: String = {
        let uses: [String] = (0..<10_000).map { "n[^\($0)] " }
        let notes: [String] = (0..<10_000).map { "[^\($0)]: note\n" }
        return uses.joined() + "\n\n" + notes.joined()
    }()

    @Test func pathologicalInputsFinishAndStaySafe() {
        // Each of these took exponential time, or recursed without bound, in renderers we tried.
        let inputs = [
            String(repeating: "[", count: 100_000),
            String(repeating: "[a](", count: 25_000),
            String(repeating: "*_", count: 50_000),
            String(repeating: "`", count: 100_000),
            String(repeating: ">", count: 100_000) + " deep",
            String(repeating: "- ", count: 50_000) + "deep",
            String(repeating: " ", count: 100_000) + "x",
            String(repeating: "<", count: 100_000),
            String(repeating: "![", count: 50_000) + String(repeating: "](/a)", count: 20_000),
            String(repeating: "a `b ", count: 20_000),
            // Found while building the CommonMark parser: each was quadratic in a first version.
            Self.wideTable,
            Self.manyReferences,
            "www.a.b/" + String(repeating: ")", count: 100_000),
            String(repeating: "<!--", count: 50_000),
            String(repeating: "<a b=\"", count: 30_000),
            String(repeating: "*", count: 50_000) + "a" + String(repeating: "*", count: 50_000),
            (1..<500).map { String(repeating: "`", count: $0) + "x" }.joined(),
            Self.manyFootnotes,
            String(repeating: "~~a ", count: 50_000),
        ]
        for input in inputs {
            let output = html(input)
            #expect(HTMLAllowlist.violations(in: output).isEmpty)
        }
    }

    @Test func emphasisReopenedInsideAnImageAltDoesNotCrash() {
        // Found by the fuzzer: a match inside the brackets popped an older delimiter and
        // pushed a newer one, which then outlived the image's removed pieces.
        let bytes: [UInt8] = [0x5F, 0xFF, 0xFF, 0xFF, 0x68, 0x1F] + Array("___ri[xpt:alert(1))![i__=_](/x)_!)".utf8)
        let input = String(decoding: bytes, as: UTF8.self)
        #expect(HTMLAllowlist.violations(in: html(input)).isEmpty)
        // As CommonMark's reference: the alt text keeps the underscore that matched nothing inside it.
        #expect(html("_a [b_ c_ ![x_](/y) d_") == "<p><em>a [b</em> c_ <img src=\"/y\" alt=\"x_\" loading=\"lazy\"> d_</p>\n")
    }

    @Test func nulCharactersAreReplaced() {
        #expect(html("a\u{0}b") == "<p>a\u{FFFD}b</p>\n")
    }

    /// Property: whatever the input, the output keeps to the allowlist.
    @Test func randomHostileInputsNeverEscapeTheAllowlist() {
        let pieces = [
            "<", ">", "&", "\"", "'", "`", "*", "_", "[", "]", "(", ")", "!", "\\", "\n", "\n\n", " ", "    ", "#", "-", "1.", ">",
            "javascript:", "JAVASCRIPT:", "http://a.example/", "/rel", "mailto:x@y", "data:", "onerror=", "<script>", "</p>", "<img",
            "\"", "&#58;", "&lt;", "~~~", "```", "a", "b c", "é", "\u{200B}", "\t", "](", "![", "<http://", "\u{0}",
        ]
        var random = Lcg(seed: 20_261_130)
        for _ in 0..<3_000 {
            var input = ""
            for _ in 0..<random.next(60) { input += pieces[random.next(pieces.count)] }
            let output = html(input)
            let problems = HTMLAllowlist.violations(in: output)
            #expect(problems.isEmpty, "input \(input.debugDescription) gave \(output.debugDescription): \(problems)")
        }
    }
}

/// A tiny deterministic generator so property runs are repeatable.
struct Lcg {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
