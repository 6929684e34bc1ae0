import MastheadCore
import Testing

@Suite("Teasers")
struct TeaserTests {
    @Test func theStandfirstWinsWhenThereIsOne() {
        #expect(Teaser.make(standfirst: "A short dek.", bodyMarkdown: "Body text.") == "A short dek.")
    }

    @Test func otherwiseTheBodyOpeningIsUsedAsPlainText() {
        let body = "# Heading\n\nThe *council* voted [late](https://x.example) on Tuesday.\n\nSecond paragraph."
        #expect(Teaser.make(standfirst: " ", bodyMarkdown: body) == "The council voted late on Tuesday. Second paragraph.")
    }

    @Test func longTextIsCutAtAWordWithAnEllipsis() {
        let text = String(repeating: "harbor ", count: 60)
        let teaser = Teaser.cut(text, to: 50)
        #expect(teaser.count <= 51)
        #expect(teaser.hasSuffix("harbor…"))
    }

    @Test func wholeSentencesAreKeptWhenTheyFit() {
        let text = "The ferry runs again. Islanders cheered at the dock on Monday morning as the first boat arrived late."
        #expect(Teaser.cut(text, to: 40) == "The ferry runs again.")
    }
}
