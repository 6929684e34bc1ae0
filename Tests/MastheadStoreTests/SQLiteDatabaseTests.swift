import Foundation
import GRDB
import MastheadCore
import MastheadSQLite
import MastheadTesting
import Testing

@Suite("SQLite database")
struct SQLiteDatabaseTests {
    func freshPath() throws -> String {
        let folder = TemporaryFolders.path("sqlite")
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

    /// Found by the battery's F1 row: with related articles stored, SQLite 3.40's
    /// integrity_check reported every row of article_related as holding a NULL.
    @Test func aSiteWithRelatedArticlesPassesIntegrityCheck() async throws {
        let database = try SQLiteDatabase(path: try freshPath())
        try database.migrate()
        let stores = database.makeStores()
        let section = try await stores.taxonomy.saveSection(slug: Slug(from: "news")!, name: "News", description: "", position: 0)
        let author = try await stores.taxonomy.saveAuthor(slug: Slug(from: "ana")!, name: "Ana", bio: "", photoURL: nil, role: "")
        let tag = try await stores.taxonomy.findOrCreateTag(slug: Slug(from: "harbour")!, name: "Harbour")
        let publishing = Publishing(stores: stores, clock: .fixed(Date(timeIntervalSince1970: 1_796_040_000)))
        for number in 0..<6 {
            try await publishing.save(
                ArticleInput(
                    headline: "Harbour ferry story \(number)",
                    sectionID: section.id,
                    authorIDs: [author.id],
                    tagIDs: [tag.id],
                    bodyMarkdown: "The harbour ferry.",
                    status: .published,
                    publishedAt: Date(timeIntervalSince1970: 1_796_000_000)
                )
            )
        }
        let (related, check) = try await database.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM article_related") ?? 0, try String.fetchAll(db, sql: "PRAGMA integrity_check"))
        }
        #expect(related > 0)
        #expect(check == ["ok"])
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

/// Found by the battery's F5 row: a save on a full disk answered 500. SQLite's
/// "database or disk is full" now means `storageFull` (507 on the web).
@Suite("SQLite errors")
struct SQLiteErrorTests {
    @Test func aFullDiskIsStorageFullAndOtherErrorsAreLeftAlone() {
        #expect(DatabaseError(resultCode: .SQLITE_FULL).mastheadError?.code == .storageFull)
        #expect(DatabaseError(resultCode: .SQLITE_BUSY).mastheadError == nil)
    }
}
