import Foundation
import MastheadCore
import MastheadSQLite

extension Maintenance {
    public struct BackupSummary: Sendable {
        public var articles: Int
        public var mediaFiles: Int
    }

    /// Copies the site into `destination`, a folder that must not exist: the
    /// database as one consistent snapshot (`VACUUM INTO`, safe while the server
    /// runs) and the media folder file by file. A failed backup leaves no folder.
    public static func backup(_ configuration: AppConfiguration, to destination: String) async throws -> BackupSummary {
        try DataFolder.prepare(configuration, create: false)
        if configuration.postgresURL != nil {
            throw MastheadError(
                .invalidInput,
                "On PostgreSQL, back up with pg_dump --format=custom (see docs/operations.md) and copy the data folder's media/ alongside."
            )
        }
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: destination) else {
            throw MastheadError(.invalidInput, "\(destination) already exists; a backup goes into a new folder.")
        }
        do {
            try fileManager.createDirectory(atPath: destination, withIntermediateDirectories: true)
            let database = try SQLiteDatabase(path: configuration.databasePath)
            try database.copy(to: destination + "/masthead.sqlite")
            var mediaFiles = 0
            if fileManager.fileExists(atPath: configuration.mediaDirectory) {
                try fileManager.copyItem(atPath: configuration.mediaDirectory, toPath: destination + "/media")
                mediaFiles = fileManager.enumerator(atPath: destination + "/media")?.allObjects.count ?? 0
            }
            let copy = try SQLiteDatabase(path: destination + "/masthead.sqlite").makeStores()
            let summary = BackupSummary(articles: try await copy.articles.count(), mediaFiles: mediaFiles)
            DeployCheck.recordBackup(configuration, to: destination, at: Date())
            return summary
        } catch {
            try? fileManager.removeItem(atPath: destination)
            throw error
        }
    }
}
