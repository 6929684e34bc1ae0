import Crypto
import Foundation
import GRDB
import Logging
import MastheadCore
import MastheadPostgres
import MastheadSQLite
import PostgresNIO

/// `masthead transfer --to URL`: copies a whole site between engines (SQLite to
/// PostgreSQL or back), ids and all, then proves nothing was lost: the row count
/// of every table and a SHA-256 over every copied value must match on both sides.
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
        var rows: [(String, Int)] = []
        for table in TransferTables.all {
            try await clear(table, in: to)
            var copied = 0
            while true {
                let batch = try await read(table, from: from, offset: copied)
                if batch.isEmpty { break }
                try await write(batch, into: table, of: to)
                copied += batch.count
            }
            rows.append((table.name, copied))
        }
        try await finish(to)
        _ = try await to.makeStores().search.reindex()
        let sent = try await checksum(of: from)
        let received = try await checksum(of: to)
        for (table, count) in rows {
            let there = try await Self.count(table, in: to)
            guard there == count else {
                throw MastheadError(.internalFailure, "Transfer check failed: \(table) has \(count) rows here but \(there) there.")
            }
        }
        guard sent == received else { throw MastheadError(.internalFailure, "Transfer check failed: the content checksums differ.") }
        return Report(rows: rows, checksum: sent)
    }

    // MARK: - Rows

    enum Value: Sendable, Hashable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case boolean(Bool)

        /// A stable text form for the checksum, the same whichever engine it came from.
        var canonical: String {
            switch self {
            case .null: "∅"
            case .integer(let value): "i\(value)"
            case .real(let value): "r\(value.bitPattern)"
            case .text(let value): "t\(value.utf8.count):\(value)"
            case .boolean(let value): value ? "b1" : "b0"
            }
        }
    }

    static func selectSQL(_ table: TransferTables.Table, casts: Bool) -> String {
        let columns = table.columns.map { column in
            guard casts else { return column.name }
            return switch column.kind {
            case .integer: "\(column.name)::bigint"
            case .real: "\(column.name)::float8"
            case .text: column.name
            case .boolean: "\(column.name)::boolean"
            }
        }
        return "SELECT \(columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.orderBy)"
    }

    static func read(_ table: TransferTables.Table, from database: SiteDatabase, offset: Int) async throws -> [[Value]] {
        switch database {
        case .sqlite(let sqlite):
            return try await sqlite.pool.read { db in
                try Row.fetchAll(db, sql: selectSQL(table, casts: false) + " LIMIT ? OFFSET ?", arguments: [batchSize, offset]).map { row in
                    table.columns.indices.map { index in
                        let value: DatabaseValue = row[index]
                        if value.isNull { return .null }
                        return switch table.columns[index].kind {
                        case .integer: .integer(Int64.fromDatabaseValue(value) ?? 0)
                        case .real: .real(Double.fromDatabaseValue(value) ?? 0)
                        case .text: .text(String.fromDatabaseValue(value) ?? "")
                        case .boolean: .boolean(Bool.fromDatabaseValue(value) ?? false)
                        }
                    }
                }
            }
        case .postgres(let engine):
            let query = PostgresQuery(unsafeSQL: selectSQL(table, casts: true) + " LIMIT \(batchSize) OFFSET \(offset)")
            return try await engine.client.query(query).collect().map { row in
                let cells = row.makeRandomAccess()
                return try table.columns.indices.map { index in
                    switch table.columns[index].kind {
                    case .integer: try cells[index].decode(Int64?.self).map(Value.integer) ?? .null
                    case .real: try cells[index].decode(Double?.self).map(Value.real) ?? .null
                    case .text: try cells[index].decode(String?.self).map(Value.text) ?? .null
                    case .boolean: try cells[index].decode(Bool?.self).map(Value.boolean) ?? .null
                    }
                }
            }
        }
    }

    static func write(_ batch: [[Value]], into table: TransferTables.Table, of database: SiteDatabase) async throws {
        let columns = table.columns.map(\.name).joined(separator: ", ")
        switch database {
        case .sqlite(let sqlite):
            try await sqlite.pool.write { db in
                let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                let statement = try db.makeStatement(sql: "INSERT INTO \(table.name) (\(columns)) VALUES (\(placeholders))")
                for row in batch {
                    try statement.execute(
                        arguments: StatementArguments(
                            row.map { value -> (any DatabaseValueConvertible)? in
                                switch value {
                                case .null: nil
                                case .integer(let number): number
                                case .real(let number): number
                                case .text(let text): text
                                case .boolean(let flag): flag
                                }
                            }
                        )
                    )
                }
            }
        case .postgres(let engine):
            var bindings = PostgresBindings()
            var tuples: [String] = []
            for row in batch {
                var placeholders: [String] = []
                for value in row {
                    switch value {
                    case .null: bindings.appendNull()
                    case .integer(let number): bindings.append(number)
                    case .real(let number): bindings.append(number)
                    case .text(let text): bindings.append(text)
                    case .boolean(let flag): bindings.append(flag)
                    }
                    placeholders.append("$\(bindings.count)")
                }
                tuples.append("(" + placeholders.joined(separator: ", ") + ")")
            }
            // Only this module's table and column names are spliced in; every value is bound.
            let query = PostgresQuery(unsafeSQL: "INSERT INTO \(table.name) (\(columns)) VALUES " + tuples.joined(separator: ", "), binds: bindings)
            _ = try await engine.client.query(query).collect()
        }
    }

    /// Settings and other rows a fresh, migrated site starts with give way to the copy.
    static func clear(_ table: TransferTables.Table, in database: SiteDatabase) async throws {
        switch database {
        case .sqlite(let sqlite): try await sqlite.pool.write { db in try db.execute(sql: "DELETE FROM \(table.name)") }
        case .postgres(let engine): _ = try await engine.client.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table.name)")).collect()
        }
    }

    /// PostgreSQL's id sequences move past the copied ids, so the next article gets a fresh one.
    static func finish(_ database: SiteDatabase) async throws {
        guard case .postgres(let engine) = database else { return }
        for table in TransferTables.all where table.hasSerialID {
            let sql = "SELECT setval(pg_get_serial_sequence('\(table.name)', 'id'), COALESCE((SELECT MAX(id) FROM \(table.name)), 0) + 1, false)"
            _ = try await engine.client.query(PostgresQuery(unsafeSQL: sql)).collect()
        }
    }

    static func count(_ table: String, in database: SiteDatabase) async throws -> Int {
        switch database {
        case .sqlite(let sqlite):
            return try await sqlite.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
        case .postgres(let engine):
            let rows = try await engine.client.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)")).collect()
            return Int(try rows.first?.decode(Int64.self) ?? 0)
        }
    }

    /// SHA-256 over every value of every copied table, in key order.
    static func checksum(of database: SiteDatabase) async throws -> String {
        var hash = SHA256()
        for table in TransferTables.all {
            hash.update(data: Data("#\(table.name)\n".utf8))
            var offset = 0
            while true {
                let batch = try await read(table, from: database, offset: offset)
                if batch.isEmpty { break }
                for row in batch { hash.update(data: Data((row.map(\.canonical).joined(separator: "|") + "\n").utf8)) }
                offset += batch.count
            }
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
