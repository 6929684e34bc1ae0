import Foundation
import GRDB
import MastheadSQL

/// `SiteTables` read and written raw, for `masthead transfer`. Only `SiteTables`'
/// own table and column names are spliced into SQL; every value is bound.
struct SQLiteTableCopier: TableCopying {
    let pool: DatabasePool

    func clear(_ table: SiteTables.Table) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM \(table.name)") }
    }

    func rows(of table: SiteTables.Table, offset: Int, limit: Int) async throws -> [[TableValue]] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: SiteTables.selectSQL(table, casts: false) + " LIMIT ? OFFSET ?", arguments: [limit, offset]).map { row in
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
    }

    func insert(_ rows: [[TableValue]], into table: SiteTables.Table) async throws {
        let columns = table.columns.map(\.name).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        try await pool.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO \(table.name) (\(columns)) VALUES (\(placeholders))")
            for row in rows {
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
    }

    func count(_ table: SiteTables.Table) async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.name)") ?? 0 }
    }

    func finishCopy() async throws {}  // SQLite's ids follow the largest one by themselves
}

extension SQLiteDatabase {
    /// Raw access to the site's tables, for copying the site to another engine.
    public var tables: any TableCopying { SQLiteTableCopier(pool: pool) }
}
