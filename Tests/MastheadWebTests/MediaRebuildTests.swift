import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import MastheadWeb
import Testing

@Suite("masthead media rebuild", .enabled(if: TestImages.shouldRun, "libvips and exiftool are not installed"))
struct MediaRebuildTests {
    /// A JPEG filed as uploads were before renditions: the file itself, under its SHA-256, in the public folder.
    static func storeTheOldWay(_ photo: [UInt8], width: Int, height: Int, media: String, in stores: Stores) async throws -> MediaAsset {
        let digest = SHA256.hash(data: photo).map { String(format: "%02x", $0) }.joined()
        let path = "library/\(digest.prefix(2))/\(digest).jpg"
        let file = media + "/" + path
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(photo).write(to: URL(fileURLWithPath: file))
        return try await stores.media.add(
            MediaFile(
                path: path,
                kind: .jpeg,
                width: width,
                height: height,
                bytes: photo.count,
                alt: "Boats",
                credit: "Harbour Wire",
                caption: "",
                rightsHolder: nil,
                licenceExpires: nil,
                uploadedBy: nil,
                uploadedAt: TestSupport.now
            )
        )
    }

    @Test func anOlderImageGetsRenditionsAndItsUploadLeavesThePublicFolder() async throws {
        let photo = try TestImages.photo(width: 1600, height: 900, tags: ImagePipelineTests.cameraTags)
        var configuration = AppConfiguration()
        configuration.dataDirectory = try TemporaryFolders.folder("rebuild")
        defer { try? FileManager.default.removeItem(atPath: configuration.dataDirectory) }
        _ = try await Maintenance.migrate(configuration)
        let stores = try Maintenance.openStores(configuration)
        // As uploads were stored before renditions: the camera's file, in the public folder.
        let asset = try await Self.storeTheOldWay(photo, width: 1600, height: 900, media: configuration.mediaDirectory, in: stores)
        let publicFile = configuration.mediaDirectory + "/" + asset.path
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

    @Test func anArchivesImagesArriveAsUploadsDo() async throws {
        let photo = try TestImages.photo(width: 1200, height: 800, tags: ImagePipelineTests.cameraTags)
        let archive = TemporaryFolders.path("archive")
        defer { try? FileManager.default.removeItem(atPath: archive) }
        // Another site's export: its library image is the camera's file, GPS and all.
        try await withTestApp(demo: false) { source in
            _ = try await Self.storeTheOldWay(photo, width: 1200, height: 800, media: source.configuration.mediaDirectory, in: source.stores)
            _ = try await SiteExport(stores: source.stores, mediaDirectory: source.configuration.mediaDirectory).write(.json, to: archive)
        }
        try await withTestApp(demo: false) { site in
            let pipeline = site.configuration.imagePipeline(TestImages.tools)
            let importer = SiteImport(stores: site.stores, mediaDirectory: site.configuration.mediaDirectory, images: pipeline)
            let report = try await importer.archive(archive)
            #expect(report.skipped.isEmpty, "\(report.skipped)")
            let asset = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            #expect(asset.originalPath != nil && asset.renditions?.ladder(.avif).last?.width == 1200)
            let served = try await site.client.execute(uri: asset.url, method: .get) { Array($0.body.readableBytesView) }
            #expect(try TestImages.leaks(served) == [])
        }
    }
}
