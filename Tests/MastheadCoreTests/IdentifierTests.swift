import Foundation
import MastheadCore
import Testing

@Suite("Identifiers")
struct IdentifierTests {
    @Test func idsAreWrittenAsBareNumbersAndReadInEitherForm() throws {
        #expect(String(decoding: try JSONEncoder().encode([ArticleID(5)]), as: UTF8.self) == "[5]")
        #expect(try JSONDecoder().decode([ArticleID].self, from: Data("[5]".utf8)) == [ArticleID(5)])
        #expect(try JSONDecoder().decode([ArticleID].self, from: Data(#"[{"rawValue": 7}]"#.utf8)) == [ArticleID(7)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ArticleID].self, from: Data(#"["seven"]"#.utf8)) }
    }
}
