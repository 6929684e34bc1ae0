import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import MastheadWeb
import NIOCore
import Testing

/// `masthead import wxr --fetch-images`: featured images come home from the old
/// site into the media library, through the image pipeline, once per address;
/// what cannot be fetched stays at its old address with a warning. Served here by a
/// small local "old site"; the address guard is opened for it only where it says so.
@Suite("Imported images are fetched into the media library")
struct ImportedImagesTests {
    static let oldAddress = "https://tribune.example/wp-content/uploads/2024/02/ferry.jpg"
    static let photo = TestImages.png(width: 800, height: 450)

    /// The old site: a photo, a redirect to it, a missing file, a page that is not an image and a large file.
    static func oldSite() -> Application<RouterResponder<BasicRequestContext>> {
        let router = Router()
        router.get("/uploads/ferry.png") { _, _ in
            Response(status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: photo)))
        }
        router.get("/uploads/moved.png") { _, _ in Response(status: .movedPermanently, headers: [.location: "/uploads/ferry.png"]) }
        router.get("/uploads/loop.png") { _, _ in Response(status: .found, headers: [.location: "/uploads/loop.png"]) }
        router.get("/uploads/gone.png") { _, _ in Response(status: .notFound) }
        router.get("/uploads/page.png") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: "<html>Not here</html>")))
        }
        router.get("/uploads/huge.png") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "image/png"],
                body: .init(byteBuffer: ByteBuffer(bytes: TestImages.png(width: 3000, height: 3000)))
            )
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// The WordPress fixture with its featured image moved to `url`, in a file of its own.
    static func export(pointingAt url: String) throws -> String {
        let text = try String(contentsOfFile: TestSupport.fixture("wxr/newsroom.xml"), encoding: .utf8)
        let path = TemporaryFolders.path("wxr") + ".xml"
        try text.replacingOccurrences(of: oldAddress, with: url).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func importer(_ site: TestSite, allowPrivate: Bool, maximumBytes: Int = 40 << 20) -> SiteImport {
        var importer = SiteImport(
            stores: site.stores,
            mediaDirectory: site.configuration.mediaDirectory,
            clock: TestSupport.clock,
            images: site.configuration.imagePipeline(ImageTools(vips: nil, exiftool: nil))
        )
        var fetcher = RemoteImageFetcher()
        fetcher.addressPolicy = AddressPolicy(allowPrivate: allowPrivate)
        fetcher.maximumBytes = maximumBytes
        // The fixture's other images name a host that does not exist: give up on it quickly.
        fetcher.connectTimeout = .seconds(2)
        importer.fetchImages = fetcher
        return importer
    }

    static func ferry(_ site: TestSite) async throws -> Article {
        try #require(try await site.stores.articles.article(slug: Slug(from: "ferry-timetable-winter")!))
    }

    @Test func aFeaturedImageJoinsTheLibraryWithItsWordsAndIsFetchedOnce() async throws {
        try await Self.oldSite().test(.live) { old in
            let port = try #require(old.port)
            try await withTestApp(demo: false) { site in
                for path in ["/uploads/ferry.png", "/uploads/moved.png"] {
                    let file = try Self.export(pointingAt: "http://127.0.0.1:\(port)\(path)")
                    let report = try await Self.importer(site, allowPrivate: true).wordPress(file: file)
                    #expect(!report.warnings.contains { $0.reason.contains("lead image") }, "\(report.warnings)")
                }
                let image = try #require(try await Self.ferry(site).leadImage)
                #expect(image.url.hasPrefix("/media/library/") && image.url.hasSuffix(".png"))
                let library = try await site.stores.media.everyAsset()
                // Two runs and a redirect to the same bytes: one image in the library.
                #expect(library.count == 1)
                let asset = try #require(library.first)
                #expect(asset.url == image.url && asset.alt == "The east ferry at its pier" && asset.credit == "Ines Okonkwo")
                #expect(asset.width == 800 && asset.height == 450 && asset.originalPath != nil)
                #expect(FileManager.default.fileExists(atPath: site.configuration.mediaDirectory + "/" + asset.path))
                // The page serves the library's copy.
                let page = try await site.client.execute(uri: "/2024/02/27/ferry-timetable-winter", method: .get) { String(buffer: $0.body) }
                #expect(page.contains(asset.url) && !page.contains("127.0.0.1"))
            }
        }
    }

    @Test func whatCannotBeFetchedStaysAtItsOldAddressWithAWarning() async throws {
        try await Self.oldSite().test(.live) { old in
            let port = try #require(old.port)
            let cases: [(path: String, allowPrivate: Bool, maximumBytes: Int, reason: String)] = [
                ("/uploads/gone.png", true, 40 << 20, "answered 404"),
                ("/uploads/loop.png", true, 40 << 20, "redirects more than"),
                ("/uploads/page.png", true, 40 << 20, "not"),
                ("/uploads/huge.png", true, 20_000, "larger than"),
                // The old site on this machine, with the guard left closed: never fetched.
                ("/uploads/ferry.png", false, 40 << 20, "loopback"),
            ]
            for item in cases {
                try await withTestApp(demo: false) { site in
                    let url = "http://127.0.0.1:\(port)\(item.path)"
                    let importer = Self.importer(site, allowPrivate: item.allowPrivate, maximumBytes: item.maximumBytes)
                    let report = try await importer.wordPress(file: try Self.export(pointingAt: url))
                    let warning = report.warnings.first { $0.reason.contains("lead image stays at the old address") }
                    #expect(warning?.reason.contains(item.reason) == true, "\(item.path): \(report.warnings.map(\.reason))")
                    #expect(try await Self.ferry(site).leadImage?.url == url)
                    #expect(try await site.stores.media.everyAsset().isEmpty, "\(item.path)")
                }
            }
        }
    }
}
