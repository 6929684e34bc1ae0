import Foundation
import Logging
import MastheadCore
import PostgresNIO

/// The little the stores need from PostgresNIO: run a statement, read rows,
/// and do several in one transaction. Values are always bound through
/// `PostgresQuery` interpolation (`\(value)` becomes `$n`); only fixed SQL
/// fragments from this module are ever spliced in with `unescaped:`.
protocol PGExecutor: Sendable {
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow]
    func run(_ query: PostgresQuery) async throws
}

struct PG: PGExecutor {
    let client: PostgresClient
    let logger: Logger

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await Self.translating { try await client.query(query, logger: logger).collect().map { $0.makeRandomAccess() } }
    }

    func run(_ query: PostgresQuery) async throws {
        try await Self.translating { _ = try await client.query(query, logger: logger).collect() }
    }

    /// Runs `body` in one transaction: all of it or none.
    func transaction<T: Sendable>(_ body: @Sendable (Transaction) async throws -> T) async throws -> T {
        try await Self.translating {
            try await client.withTransaction(logger: logger) { connection in
                try await body(Transaction(connection: connection, logger: logger))
            }
        }
    }

    struct Transaction: PGExecutor {
        let connection: PostgresConnection
        let logger: Logger

        func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
            try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
        }

        func run(_ query: PostgresQuery) async throws {
            _ = try await connection.query(query, logger: logger).collect()
        }
    }

    /// Constraint failures become errors a newsroom can act on; a lost connection a 503.
    static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            do {
                return try await body()
            } catch let error as PostgresTransactionError {
                // What failed inside the transaction matters, not the wrapper.
                if let inner = error.closureError ?? error.beginError ?? error.commitError { throw inner }
                throw error
            }
        } catch let error as PSQLError {
            switch error.serverInfo?[.sqlState] {
            case "23505": throw MastheadError(.conflict, "That name or address is already taken.", underlying: error)
            case "23503", "23514", "22P02": throw MastheadError(.invalidInput, "The change names something that does not exist.", underlying: error)
            default: break
            }
            if error.serverInfo == nil {
                throw MastheadError(.unavailable, "The database cannot be reached right now.", underlying: error)
            }
            throw error
        } catch let error as PostgresDecodingError {
            throw MastheadError(.internalFailure, "The database returned a value of an unexpected type (\(error.columnName)).", underlying: error)
        }
    }

    static func describe(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return message }
        return "\(error.code)"
    }
}

extension PGExecutor {
    func one(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }

    /// The first column of the first row.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T? where T._DecodableType == T {
        guard let row = try await one(query) else { return nil }
        return try row[0].decode(T?.self) ?? nil
    }

    /// The first column of every row.
    func values<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> [T] {
        try await rows(query).map { try $0[0].decode(T.self) }
    }
}

extension PostgresRandomAccessRow {
    func get<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self)
    }
}
