import Foundation
import MastheadImport
import Testing

/// The legacy-page fixtures: each saved page against the result written down for it.
@Suite struct LegacyPageTests {
    static let folder = Fixtures.folder("legacy-pages")

    static var pageNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".html") || $0.hasSuffix(".txt") }.sorted()
    }

    @Test(arguments: pageNames)
    func recognisesTheFixture(_ name: String) throws {
        let content = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let stem = (name as NSString).deletingPathExtension
        let expectedData = try Data(contentsOf: Self.folder.appendingPathComponent(stem + ".expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
        let page = LegacyPageReader.recognise(content, fileName: name, fallbackZone: .gmt)
        let actual = try #require(try JSONSerialization.jsonObject(with: Data(page.json.utf8)) as? [String: Any])

        for key in ["headline", "published", "updated", "rights"] {
            #expect(normalised(actual[key]) == normalised(expected[key]), "\(name): \(key)")
        }
        #expect(strings(actual["authors"]) == strings(expected["authors"]), "\(name): authors")
        #expect(strings(actual["tags"]) == strings(expected["tags"]), "\(name): tags")
        #expect(strings(actual["body"]) == strings(expected["body"]), "\(name): body")
        let expectedImage = expected["leadImage"] as? [String: Any]
        let actualImage = actual["leadImage"] as? [String: Any]
        #expect(normalised(actualImage?["credit"]) == normalised(expectedImage?["credit"]), "\(name): credit")
        #expect(normalised(actualImage?["caption"]) == normalised(expectedImage?["caption"]), "\(name): caption")
    }

    func normalised(_ value: Any?) -> String? {
        (value as? String).map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }

    func strings(_ value: Any?) -> [String] {
        ((value as? [Any]) ?? []).compactMap { normalised($0) }
    }
}
