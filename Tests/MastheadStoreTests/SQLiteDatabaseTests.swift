import Foundation
import GRDB
import MastheadCore
import MastheadSQLite
import Testing

@Suite("SQLite database")
struct SQLiteDatabaseTests {
    func freshPath() throws -> String {
        let folder = NSTemporaryDirectory() + "masthead-sqlite-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/site.sqlite"
    }

    @Test func contentIsWrittenWithFullSyncInWALMode() throws {
        let database = try SQLiteDatabase(path: try freshPath())
        try database.migrate()
        let (journal, synchronous) = try database.pool.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2)  // FULL
    }

    @Test func migratingTwiceIsHarmless() throws {
        let database = try SQLiteDatabase(path: try freshPath())
        try database.migrate()
        try database.migrate()
        #expect(try database.appliedMigrations() == SQLiteDatabase.knownMigrations)
        #expect(SQLiteDatabase.knownMigrations.first == "0001_reader_site")
    }

    @Test func aDatabaseFromANewerVersionIsRefusedWithOneSentence() throws {
        let path = try freshPath()
        let database = try SQLiteDatabase(path: path)
        try database.migrate()
        try database.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')") }
        let error = try #require(throws: MastheadError.self) { try SQLiteDatabase(path: path).migrate() }
        #expect(error.code == .configuration)
        #expect(error.message.contains("newer version of Masthead"))
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        let path = try freshPath()
        try Data("this is not sqlite".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: MastheadError.self) {
            let database = try SQLiteDatabase(path: path)
            try database.migrate()
        }
    }
}
