import Foundation
import MastheadSQL
import PostgresNIO

/// `SiteTables` read and written raw, for `masthead transfer`. Only `SiteTables`'
/// own table and column names are spliced into SQL; every value is bound.
struct PostgresTableCopier: TableCopying {
    let client: PostgresClient

    func clear(_ table: SiteTables.Table) async throws {
        _ = try await client.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table.name)")).collect()
    }

    func rows(of table: SiteTables.Table, offset: Int, limit: Int) async throws -> [[TableValue]] {
        let query = PostgresQuery(unsafeSQL: SiteTables.selectSQL(table, casts: true) + " LIMIT \(limit) OFFSET \(offset)")
        return try await client.query(query).collect().map { row in
            let cells = row.makeRandomAccess()
            return try table.columns.indices.map { index in
                switch table.columns[index].kind {
                case .integer: try cells[index].decode(Int64?.self).map(TableValue.integer) ?? .null
                case .real: try cells[index].decode(Double?.self).map(TableValue.real) ?? .null
                case .text: try cells[index].decode(String?.self).map(TableValue.text) ?? .null
                case .boolean: try cells[index].decode(Bool?.self).map(TableValue.boolean) ?? .null
                }
            }
        }
    }

    func insert(_ rows: [[TableValue]], into table: SiteTables.Table) async throws {
        guard !rows.isEmpty else { return }
        var bindings = PostgresBindings()
        var tuples: [String] = []
        for row in rows {
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
        let columns = table.columns.map(\.name).joined(separator: ", ")
        let query = PostgresQuery(unsafeSQL: "INSERT INTO \(table.name) (\(columns)) VALUES " + tuples.joined(separator: ", "), binds: bindings)
        _ = try await client.query(query).collect()
    }

    func count(_ table: SiteTables.Table) async throws -> Int {
        let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table.name)")).collect()
        return Int(try rows.first?.decode(Int64.self) ?? 0)
    }

    /// The id sequences move past the copied ids, so the next article gets a fresh one.
    func finishCopy() async throws {
        for table in SiteTables.all where table.hasSerialID {
            let sql = "SELECT setval(pg_get_serial_sequence('\(table.name)', 'id'), COALESCE((SELECT MAX(id) FROM \(table.name)), 0) + 1, false)"
            _ = try await client.query(PostgresQuery(unsafeSQL: sql)).collect()
        }
    }
}

extension PostgresEngine {
    /// Raw access to the site's tables, for copying the site to another engine.
    public var tables: any TableCopying { PostgresTableCopier(client: client) }
}
