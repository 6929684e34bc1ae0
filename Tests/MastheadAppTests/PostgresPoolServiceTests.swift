import Foundation
import Logging
import MastheadPostgres
import MastheadTesting
import ServiceLifecycle
import Testing

@testable import MastheadApp

/// The server's PostgreSQL pool is a service of its service group: it starts with
/// the group, answers while the group runs, and ends when the group shuts down.
/// Commands keep a pool of their own.
@Suite("The server's PostgreSQL pool", .enabled(if: TestSupport.postgresServer != nil))
struct PostgresPoolServiceTests {
    func configuration(_ url: String) throws -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.dataDirectory = try TemporaryFolders.folder("pool")
        configuration.databaseURL = url
        return configuration
    }

    @Test func theServersPoolRunsInItsServiceGroupAndEndsWithIt() async throws {
        let url = try await TestSupport.scratchPostgresDatabase()
        let database = try SiteDatabase.open(try configuration(url), forServer: true)
        let pool = database.poolServices
        #expect(pool.count == 1)
        let group = ServiceGroup(configuration: .init(services: pool, logger: Logger(label: "masthead-test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await database.migrate()
            #expect(try await database.appliedMigrations().isEmpty == false)
            await group.triggerGracefulShutdown()
            // The group returns: the pool ended with it.
            try await tasks.next()
        }
        // Nothing answers after the shutdown: a call fails instead of reaching the database.
        await #expect(throws: (any Error).self) { try await database.appliedMigrations() }
        await TestSupport.dropScratchPostgresDatabase(url)
    }

    @Test func aCommandsPoolRunsOnItsOwn() async throws {
        let url = try await TestSupport.scratchPostgresDatabase()
        let database = try SiteDatabase.open(try configuration(url))
        #expect(database.poolServices.isEmpty)
        try await database.migrate()
        #expect(try await database.appliedMigrations().isEmpty == false)
        if case .postgres(let engine) = database { engine.close() }
        await TestSupport.dropScratchPostgresDatabase(url)
    }
}
