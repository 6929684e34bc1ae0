import Foundation

@testable import MastheadImport

/// What the page-recognition suites share: recognise an HTML string as a saved page,
/// and paragraphs of plain prose to build pages from.
protocol PageSamples {}

extension PageSamples {
    func page(_ html: String) -> RecognisedPage {
        LegacyPageReader.recognise(html, fileName: "page.html", fallbackZone: .gmt)
    }

    func prose(_ count: Int, _ word: String = "harbour") -> [String] {
        (1...count).map { "Paragraph \($0) says that the \(word) plan, which the council debated, will cost more than expected this year." }
    }
}
