import Crypto
import Foundation
import Logging
import MastheadCore
import MastheadSQL

/// `masthead transfer --to URL`: copies a whole site between engines (SQLite to
/// PostgreSQL or back), ids and all, then proves nothing was lost: the row count
/// of every table and a SHA-256 over every copied value must match on both sides.
/// Each engine reads and writes its own rows (`TableCopying`); no SQL here.
public enum SiteTransfer {
    public struct Report: Sendable {
        public var rows: [(table: String, count: Int)]
        public var checksum: String
    }

    static let batchSize = 500

    public static func run(from source: AppConfiguration, to targetURL: String, logger: Logger) async throws -> Report {
        var target = source
        target.databaseURL = targetURL.hasPrefix("postgres") ? targetURL : "sqlite:" + targetURL
        let from = try SiteDatabase.open(source, logger: logger)
        let to = try SiteDatabase.open(target, logger: logger)
        try await from.migrate()
        try await to.migrate()
        guard try await to.makeStores().articles.count() == 0 else {
            throw MastheadError(.invalidInput, "The target database already has articles; transfer into an empty one.")
        }
        let (source, destination) = (from.tables, to.tables)
        var rows: [(SiteTables.Table, Int)] = []
        for table in SiteTables.all {
            try await destination.clear(table)
            var copied = 0
            while true {
                let batch = try await source.rows(of: table, offset: copied, limit: batchSize)
                if batch.isEmpty { break }
                try await destination.insert(batch, into: table)
                copied += batch.count
            }
            rows.append((table, copied))
        }
        try await destination.finishCopy()
        _ = try await to.makeStores().search.reindex()
        let sent = try await checksum(of: source)
        let received = try await checksum(of: destination)
        for (table, count) in rows {
            let there = try await destination.count(table)
            guard there == count else {
                throw MastheadError(.internalFailure, "Transfer check failed: \(table.name) has \(count) rows here but \(there) there.")
            }
        }
        guard sent == received else { throw MastheadError(.internalFailure, "Transfer check failed: the content checksums differ.") }
        return Report(rows: rows.map { ($0.0.name, $0.1) }, checksum: sent)
    }

    /// SHA-256 over every value of every copied table, in key order.
    static func checksum(of database: any TableCopying) async throws -> String {
        var hash = SHA256()
        for table in SiteTables.all {
            hash.update(data: Data("#\(table.name)\n".utf8))
            var offset = 0
            while true {
                let batch = try await database.rows(of: table, offset: offset, limit: batchSize)
                if batch.isEmpty { break }
                for row in batch { hash.update(data: Data((row.map(\.canonical).joined(separator: "|") + "\n").utf8)) }
                offset += batch.count
            }
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
