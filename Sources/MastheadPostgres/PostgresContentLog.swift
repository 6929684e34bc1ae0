import MastheadCore
import MastheadSQL
import PostgresNIO

/// Writes the `ContentChange` record of a write, inside its transaction. Opening
/// it locks the revision row, which every content write's trigger updates: from
/// then until commit no other transaction can bump the revision, so the record's
/// range is this write's alone.
struct PostgresContentLog {
    let startRevision: Int64

    init(_ tx: PostgresPool.Transaction) async throws {
        startRevision = try await tx.value("SELECT value FROM content_revision FOR UPDATE", as: Int64.self) ?? 0
    }

    /// The keys of the lists an article is on now (see `SurrogateKeys.lists`).
    static func listKeys(of article: Int64, _ tx: PostgresPool.Transaction) async throws -> [String] {
        var binds = PostgresBindings()
        binds.append(article)
        return try await tx.values(PostgresQuery(unsafeSQL: ContentLogQueries.listKeys(parameter: "$1"), binds: binds), as: String.self)
    }

    func close(keys: [String], _ tx: PostgresPool.Transaction) async throws {
        let last = try await tx.value("SELECT value FROM content_revision", as: Int64.self) ?? 0
        guard last > startRevision else { return }
        let change = ContentChange(firstRevision: startRevision + 1, lastRevision: last, keys: Array(Set(keys)).sorted())
        guard
            let id = try await tx.value(
                """
                INSERT INTO content_change (first_revision, last_revision, keys)
                VALUES (\(change.firstRevision), \(change.lastRevision), \(change.storedKeys)) RETURNING id
                """,
                as: Int64.self
            )
        else { return }
        var binds = PostgresBindings()
        binds.append(id)
        try await tx.run(PostgresQuery(unsafeSQL: ContentLogQueries.prune(parameter: "$1"), binds: binds))
    }
}
