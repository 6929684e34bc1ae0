import MastheadCore
import Testing

@Suite("Follow box placement")
struct BodySplitTests {
    @Test func splitsAfterTheNthTopLevelParagraph() throws {
        let body = MarkdownRenderer.render("One.\n\n> Quoted.\n>\n> Still quoted.\n\nTwo.\n\n- item\n\nThree.\n\nFour.")
        let split = try #require(BodySplit.afterParagraph(3, in: body))
        #expect(split.before.rawValue.hasSuffix("<p>Three.</p>\n"))
        #expect(split.after.rawValue == "<p>Four.</p>\n")
    }

    @Test func noSplitWhenTheBodyIsTooShortOrTheBoxIsOff() {
        let body = MarkdownRenderer.render("One.\n\nTwo.")
        #expect(BodySplit.afterParagraph(3, in: body) == nil)
        #expect(BodySplit.afterParagraph(2, in: body) == nil)
        #expect(BodySplit.afterParagraph(0, in: body) == nil)
    }
}
