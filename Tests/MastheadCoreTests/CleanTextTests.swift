import Foundation
import MastheadCore
import Testing

/// Non-characters cannot be written in a Swift literal.
func scalar(_ value: UInt32) -> String { String(Character(Unicode.Scalar(value)!)) }

@Suite("Clean text at the domain's edge")
struct CleanTextTests {
    @Test(arguments: [
        ("Bell\u{0007} and shift\u{000F} in", "Bell and shift in"),
        ("C1 \u{0080}\u{0085}\u{009F}controls", "C1 controls"),
        ("DEL\u{007F}", "DEL"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("Windows\r\nline\rends", "Windows\nline\nends"),
        ("non" + scalar(0xFFFE) + "char" + scalar(0xFDD0) + "acters" + scalar(0x10FFFF), "noncharacters"),
        ("Caf\u{0065}\u{0301}", "Caf\u{00E9}"),
        ("Emoji 👩‍👩‍👧 🇩🇪 and RTL \u{200F}مرحبا\u{202E} stay", "Emoji 👩‍👩‍👧 🇩🇪 and RTL \u{200F}مرحبا\u{202E} stay"),
        ("", ""),
    ])
    func cleans(_ raw: String, _ expected: String) {
        #expect(CleanText.clean(raw) == expected)
        // Cleaning twice changes nothing more.
        #expect(CleanText.clean(CleanText.clean(raw)) == expected)
    }

    @Test func randomTextComesOutFreeOfForbiddenCodePoints() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let scalars = (0..<Int.random(in: 0...40, using: &generator)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &generator))
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            let cleaned = CleanText.clean(String(text))
            for scalar in cleaned.unicodeScalars {
                let value = scalar.value
                #expect(!(value < 0x20 && value != 0x09 && value != 0x0A), "U+\(String(value, radix: 16)) left in")
                #expect(!(0x7F...0x9F).contains(value) && !(0xFDD0...0xFDEF).contains(value) && value & 0xFFFE != 0xFFFE)
            }
            #expect(cleaned == cleaned.precomposedStringWithCanonicalMapping)
        }
    }
}
