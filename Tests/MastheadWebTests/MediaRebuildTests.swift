import Crypto
import Foundation
import MastheadApp
import MastheadCore
import MastheadTesting
import MastheadWeb
import Testing

@Suite("masthead media rebuild", .enabled(if: TestImages.shouldRun, "libvips and exiftool are not installed"))
struct MediaRebuildTests {
    @Test func anOlderImageGetsRenditionsAndItsUploadLeavesThePublicFolder() async throws {
        let photo = try TestImages.photo(width: 1600, height: 900, tags: ImagePipelineTests.cameraTags)
        var configuration = AppConfiguration()
        configuration.dataDirectory = try TemporaryFolders.folder("rebuild")
        defer { try? FileManager.default.removeItem(atPath: configuration.dataDirectory) }
        _ = try await Maintenance.migrate(configuration)
        let stores = try Maintenance.openStores(configuration)
        // As uploads were stored before renditions: the camera's file, in the public folder.
        let digest = SHA256.hash(data: photo).map { String(format: "%02x", $0) }.joined()
        let path = "library/\(digest.prefix(2))/\(digest).jpg"
        let publicFile = configuration.mediaDirectory + "/" + path
        try FileManager.default.createDirectory(atPath: (publicFile as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(photo).write(to: URL(fileURLWithPath: publicFile))
        let asset = try await stores.media.add(
            MediaFile(
                path: path, kind: .jpeg, width: 1600, height: 900, bytes: photo.count, alt: "Boats", credit: "Harbour Wire",
                caption: "", rightsHolder: nil, licenceExpires: nil, uploadedBy: nil, uploadedAt: TestSupport.now
            )
        )
        #expect(try TestImages.leaks(photo).isEmpty == false)

        let report = try await MediaRebuild.run(configuration)
        #expect(report.rebuilt == 1 && report.failed.isEmpty, "\(report.failed)")
        let rebuilt = try #require(try await stores.media.asset(asset.id))
        let renditions = try #require(rebuilt.renditions)
        #expect(renditions.ladder(.avif).map(\.width) == [320, 640, 960, 1280, 1600])
        #expect(try TestImages.leaks([UInt8](try Data(contentsOf: URL(fileURLWithPath: publicFile)))) == [])
        for rendition in renditions.renditions {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: configuration.mediaDirectory + "/" + rendition.path)))
            #expect(try TestImages.leaks(bytes) == [], "\(rendition.path)")
        }
        let original = try #require(rebuilt.originalPath)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: configuration.originalsDirectory + "/" + original))) == photo)

        // Again: the same names from the kept original, nothing lost.
        #expect(try await MediaRebuild.run(configuration).rebuilt == 1)
        #expect(try await stores.media.asset(asset.id)?.renditions == renditions)
    }
}
