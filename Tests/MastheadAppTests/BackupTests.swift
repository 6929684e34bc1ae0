import Foundation
import MastheadApp
import MastheadCore
import MastheadTesting
import Testing

@Suite("Backup")
struct BackupTests {
    @Test func aBackupIsAWholeSiteThatOpensOnItsOwn() async throws {
        try await withTestApp { site in
            let destination = TemporaryFolders.path("backup")
            defer { try? FileManager.default.removeItem(atPath: destination) }
            // Taken while the site is serving.
            let summary = try await Maintenance.backup(site.configuration, to: destination)
            let original = try await site.stores.articles.count()
            #expect(summary.articles == original)
            #expect(summary.mediaFiles > 0, "the demo's illustrations come along")
            var restored = site.configuration
            restored.dataDirectory = destination
            let stores = try Maintenance.openStores(restored)
            #expect(try await stores.articles.count() == original)
            #expect(try await stores.site.settings() == site.stores.site.settings())
            #expect(FileManager.default.fileExists(atPath: destination + "/media/demo"))
            // A second backup into the same folder is refused and leaves the first alone.
            let error = try await #require(throws: MastheadError.self) { try await Maintenance.backup(site.configuration, to: destination) }
            #expect(error.message.contains("already exists"))
            #expect(try await stores.articles.count() == original)
        }
    }
}
