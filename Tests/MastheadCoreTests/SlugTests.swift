import Foundation
import MastheadCore
import Testing

@Suite("Slugs")
struct SlugTests {
    @Test func headlinesBecomeHyphenatedLowercase() {
        #expect(Slug(from: "Council Approves $48 Million Seawall Plan")?.rawValue == "council-approves-48-million-seawall-plan")
        #expect(Slug(from: "  Review: 'Tidewater' — a hit!  ")?.rawValue == "review-tidewater-a-hit")
        #expect(Slug(from: "Bay's eelgrass")?.rawValue == "bays-eelgrass")
    }

    @Test func accentsFoldAndComposedAndDecomposedFormsAgree() {
        let composed = "Zu\u{0308}rich Cafe\u{0301}"
        let precomposed = "Zürich Café"
        #expect(Slug(from: composed) == Slug(from: precomposed))
        #expect(Slug(from: precomposed)?.rawValue == "zurich-cafe")
    }

    @Test func zeroWidthAndControlCharactersVanish() {
        #expect(Slug(from: "ha\u{200B}rbor\u{200D} news\u{0007}")?.rawValue == "harbor-news")
    }

    @Test func nothingUsableGivesNoSlug() {
        #expect(Slug(from: "!!! — ???") == nil)
        #expect(Slug(from: "שלום") == nil)
    }

    @Test func longTextIsCutToTheMaximum() throws {
        let slug = try #require(Slug(from: String(repeating: "word ", count: 5_000)))
        #expect(slug.rawValue.count <= Slug.maximumLength)
        #expect(!slug.rawValue.hasSuffix("-"))
    }

    @Test func validationAcceptsOnlyNormalisedSlugs() {
        #expect(Slug(validating: "harbor-news") != nil)
        #expect(Slug(validating: "Harbor-News") == nil)
        #expect(Slug(validating: "harbor--news") == nil)
        #expect(Slug(validating: "../etc") == nil)
        #expect(Slug(validating: "") == nil)
    }

    /// Validation is the fixed points of `Slug(from:)`: every text it accepts comes
    /// back unchanged from normalising, and every normalised slug is accepted.
    @Test func validationAgreesWithNormalisingOnRandomTexts() {
        let alphabet = Array("ab-z09 -AÉé_.\u{0301}'/") + ["\u{200B}", "\u{2019}"]
        var state: UInt64 = 0x5EED
        for _ in 0..<20_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1
            for _ in 0..<Int(state >> 60) + Int((state >> 40) % 90 == 0 ? 80 : 0) {
                state = state &* 6_364_136_223_846_793_005 &+ 1
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let isFixedPoint = !text.isEmpty && Slug(from: text)?.rawValue == text
            #expect((Slug(validating: text) != nil) == isFixedPoint, "\(text.debugDescription)")
            if let slug = Slug(from: text) { #expect(Slug(validating: slug.rawValue) == slug) }
        }
        #expect(Slug(validating: String(repeating: "a", count: Slug.maximumLength)) != nil)
        #expect(Slug(validating: String(repeating: "a", count: Slug.maximumLength + 1)) == nil)
        #expect(Slug(validating: "-harbor") == nil)
        #expect(Slug(validating: "harbor-") == nil)
    }

    @Test func routeNamesAreReserved() {
        #expect(Slug(from: "Admin")?.isReserved == true)
        #expect(Slug(from: "Search")?.isReserved == true)
        #expect(Slug(from: "Harbor")?.isReserved == false)
    }
}
