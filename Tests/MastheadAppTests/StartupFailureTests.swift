import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import MastheadApp
import MastheadCore
import MastheadSQLite
import MastheadTesting
import Testing

@Suite("Start-up refuses bad set-ups with one sentence")
struct StartupFailureTests {
    let logger = Logger(label: "test")

    func temporaryFolder() throws -> String {
        let path = TemporaryFolders.path("app")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aMissingDataFolderStopsServe() async throws {
        var configuration = AppConfiguration()
        configuration.dataDirectory = TemporaryFolders.path("missing")
        let error = try await #require(throws: MastheadError.self) { _ = try await buildApplication(configuration, logger: logger) }
        #expect(error.message.contains("does not exist"))
    }

    @Test func aDataFolderThatIsAFileStopsServe() async throws {
        var configuration = AppConfiguration()
        configuration.dataDirectory = try temporaryFolder() + "/not-a-folder"
        try Data("x".utf8).write(to: URL(fileURLWithPath: configuration.dataDirectory))
        let error = try await #require(throws: MastheadError.self) { _ = try await buildApplication(configuration, logger: logger) }
        #expect(error.message.contains("is a file, not a folder"))
    }

    @Test func aThemeMissingTemplatesStopsServeNamingThem() async throws {
        var configuration = AppConfiguration()
        configuration.dataDirectory = try temporaryFolder()
        let theme = try temporaryFolder()
        try "{{$body}}{{/body}}".write(toFile: theme + "/layout.mustache", atomically: true, encoding: .utf8)
        configuration.themeDirectory = theme
        let error = try await #require(throws: MastheadError.self) { _ = try await buildApplication(configuration, logger: logger) }
        #expect(error.message.contains("article.mustache"))
        #expect(error.message.contains("partials/sidebar.mustache"))
    }

    @Test func aThemeWithASyntaxErrorStopsServe() async throws {
        var configuration = AppConfiguration()
        configuration.dataDirectory = try temporaryFolder()
        let theme = try temporaryFolder()
        try "{{#open}} never closed".write(toFile: theme + "/layout.mustache", atomically: true, encoding: .utf8)
        configuration.themeDirectory = theme
        let error = try await #require(throws: MastheadError.self) { _ = try await buildApplication(configuration, logger: logger) }
        #expect(error.message.contains("layout"))
    }

    @Test func aDatabaseFromANewerVersionStopsServeBeforeTheFirstRequest() async throws {
        var configuration = AppConfiguration()
        configuration.dataDirectory = try temporaryFolder()
        _ = try await Maintenance.migrate(configuration)
        // Mark the database as migrated by a future version.
        try await SQLiteDatabase(path: configuration.databasePath).pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_future')")
        }
        let app = try await buildApplication(configuration, logger: logger)
        let error = try await #require(throws: MastheadError.self) { try await app.test(.router) { _ in } }
        #expect(error.message.contains("newer version of Masthead"))
    }
}
