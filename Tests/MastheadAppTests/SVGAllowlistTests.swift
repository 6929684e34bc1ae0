import Foundation
import Testing

@testable import MastheadApp

/// SVG files an import brings: drawings pass, anything that can act does not,
/// however it is spelled (found by an attack on the earlier denylist).
@Suite("SVG files from imports")
struct SVGAllowlistTests {
    static let svg = "xmlns=\"http://www.w3.org/2000/svg\""

    @Test(arguments: [
        "<svg \(svg) width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\" fill=\"#123\"/></svg>",
        "<svg \(svg) viewBox=\"0 0 10 10\"><defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/></linearGradient></defs>"
            + "<circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"url(#g)\"/><text x=\"1\" y=\"9\" font-family=\"Georgia, serif\">Ab</text></svg>",
    ])
    func drawingsPass(_ text: String) {
        #expect(SVGAllowlist.isPlainDrawing(Data(text.utf8)))
    }

    @Test(arguments: [
        "<svg \(svg)><h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script></svg>",
        "<svg \(svg)><a href=\"javascript&#58;alert(1)\"><rect width=\"4\" height=\"4\"/></a></svg>",
        "<svg \(svg)><animate attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>",
        "<svg \(svg) xmlns:x=\"http://www.w3.org/1999/xlink\"><a x:href=\"java\tscript:alert(1)\"><text>x</text></a></svg>",
        "<svg \(svg) onload=\"alert(1)\"/>",
        "<svg \(svg)><set attributeName=\"onmouseover\" to=\"alert(1)\"/></svg>",
        "<svg \(svg)><use href=\"data:image/svg+xml;base64,PHN2Zz4=\"/></svg>",
        "<svg \(svg)><foreignObject><iframe/></foreignObject></svg>",
        "<!DOCTYPE svg [<!ENTITY x \"javascript:alert(1)\">]><svg \(svg)><a href=\"&x;\"/></svg>",
        "<svg \(svg)><rect style=\"fill:url(javascript:alert(1))\"/></svg>",
        "<svg \(svg)><rect fill=\"url(https://evil.example/x)\"/></svg>",
        "<svg><rect/></svg>",
        "<html \(svg)><script>alert(1)</script></html>",
        "not xml at all",
    ])
    func anythingThatCanActIsRefused(_ text: String) {
        #expect(!SVGAllowlist.isPlainDrawing(Data(text.utf8)), "\(text)")
    }

    @Test func theDemosOwnArtworkPasses() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("svg-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let person = try #require(DemoStaff.authors.first)
        _ = try DemoArtwork.writePortrait(for: person, into: folder)
        let files = try #require(FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]).filter { $0.hasSuffix(".svg") }
        #expect(!files.isEmpty)
        for file in files {
            #expect(SVGAllowlist.isPlainDrawing(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))), "\(file)")
        }
    }
}
