import Foundation
import Testing

/// "SQL only in the SQL targets" (docs/architecture.md): the engines
/// (`MastheadSQLite`, `MastheadPostgres`) and the SQL they share (`MastheadSQL`)
/// hold every statement and every database driver import; everything else talks
/// to stores. This reads the sources, so a statement written anywhere else fails here.
@Suite("The SQL boundary")
struct SQLBoundaryTests {
    static let sqlTargets: Set<String> = ["MastheadSQL", "MastheadSQLite", "MastheadPostgres"]

    static let forbidden: [(what: String, pattern: String)] = [
        ("a database driver", #"^\s*(@testable\s+)?import\s+(GRDB|PostgresNIO)\b"#),
        ("SQL", #"\bSELECT\s+[\w*(]"#),
        ("SQL", #"\bINSERT\s+(OR\s+\w+\s+)?INTO\b"#),
        ("SQL", #"\bDELETE\s+FROM\b"#),
        ("SQL", #"\bUPDATE\s+\w+\s+SET\b"#),
        ("SQL", #"\b(CREATE|ALTER|DROP)\s+(TABLE|INDEX|VIEW|TRIGGER)\b"#),
        ("SQL", #"unsafeSQL"#),
    ]

    static var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
    }

    static func swiftFiles(outside targets: Set<String>) throws -> [URL] {
        let targetFolders = try FileManager.default.contentsOfDirectory(at: sources, includingPropertiesForKeys: nil)
        return targetFolders.filter { !targets.contains($0.lastPathComponent) }.flatMap { folder in
            (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
                .filter { $0.pathExtension == "swift" }
        }
    }

    static func violations(in text: String) throws -> [String] {
        try forbidden.compactMap { rule in
            try Regex(rule.pattern).anchorsMatchLineEndings().firstMatch(in: text).map { "\(rule.what): \(text[$0.range].prefix(40))" }
        }
    }

    @Test func noStatementOrDriverOutsideTheSQLTargets() throws {
        let files = try Self.swiftFiles(outside: Self.sqlTargets)
        #expect(files.count > 100, "the sources were not found at \(Self.sources.path)")
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            found += try Self.violations(in: text).map { "\(file.path.replacingOccurrences(of: Self.sources.path + "/", with: "")): \($0)" }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// "Who may read an article" is one SQL fragment (`MastheadSQL/ArticleVisibility.swift`):
    /// no engine spells the published-and-due condition again.
    @Test func readerVisibilityIsWrittenOnce() throws {
        let engines = try FileManager.default.contentsOfDirectory(at: Self.sources, includingPropertiesForKeys: nil)
            .filter { Self.sqlTargets.contains($0.lastPathComponent) }
            .flatMap { FileManager.default.enumerator(at: $0, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [] }
            .filter { $0.pathExtension == "swift" && $0.lastPathComponent != "ArticleVisibility.swift" }
        #expect(engines.count > 20)
        let copy = try Regex(#"status\s*=\s*'published'\s+AND\s+\w*\.?published_at\s*<="#)
        let copies = try engines.filter { try copy.firstMatch(in: String(contentsOf: $0, encoding: .utf8)) != nil }.map(\.lastPathComponent)
        #expect(copies.isEmpty, "\(copies)")
        #expect(try copy.firstMatch(in: "WHERE a.status = 'published' AND a.published_at <= ?") != nil)
    }

    @Test func theCheckSeesWhatItLooksFor() throws {
        // The rule is only as good as its patterns: each kind of leak it must catch.
        for leak in [
            "import GRDB", "import PostgresNIO", #"let q = "SELECT id FROM article""#, "INSERT OR REPLACE INTO tag", "DELETE FROM session",
            "UPDATE article SET status = 1", "CREATE TABLE x (id INT)", "PostgresQuery(unsafeSQL: text)",
        ] {
            #expect(try !Self.violations(in: leak).isEmpty, "\(leak)")
        }
        // And the engines really do hold SQL, so the folders it skips are the right ones.
        let engines = try FileManager.default.contentsOfDirectory(at: Self.sources, includingPropertiesForKeys: nil)
            .filter { Self.sqlTargets.contains($0.lastPathComponent) }
        #expect(engines.count == Self.sqlTargets.count)
    }
}
