import Foundation

/// `Tests/Fixtures/`: files written for these tests, shared by the test targets.
enum Fixtures {
    static func folder(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    static func path(_ name: String) -> String {
        folder(name).path
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder(name), encoding: .utf8)
    }
}
