import GRDB
import MastheadCore
import MastheadSQL

/// Writes the `ContentChange` record of a write, inside its transaction: open it
/// before the write's first change, then `close` it with the keys it touched.
/// SQLite has one writer at a time, so nothing else bumps the revision in between.
struct SQLiteContentLog {
    let startRevision: Int64

    init(_ db: Database) throws {
        startRevision = try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM content_revision")) ?? 0
    }

    /// The keys of the lists an article is on now (see `SurrogateKeys.lists`).
    static func listKeys(of article: Int64, _ db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: ContentLogQueries.listKeys(parameter: "?1")), arguments: [article])
    }

    func close(keys: [String], _ db: Database) throws {
        let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM content_revision")) ?? 0
        guard last > startRevision else { return }
        let change = ContentChange(firstRevision: startRevision + 1, lastRevision: last, keys: Array(Set(keys)).sorted())
        try db.cachedStatement(sql: "INSERT INTO content_change (first_revision, last_revision, keys) VALUES (?, ?, ?)").execute(
            arguments: [change.firstRevision, change.lastRevision, change.storedKeys]
        )
        try db.cachedStatement(sql: ContentLogQueries.prune(parameter: "?1")).execute(arguments: [db.lastInsertedRowID])
    }
}
