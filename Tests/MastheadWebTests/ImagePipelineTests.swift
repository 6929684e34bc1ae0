import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import MastheadWeb
import Testing

/// A camera's photo through the whole pipeline: upload, renditions, the page, the
/// feed and the social card; exiftool checks that no public copy says where it was taken.
@Suite("Image pipeline", .enabled(if: TestImages.shouldRun, "libvips and exiftool are not installed"))
struct ImagePipelineTests {
    static let cameraTags = [
        "-GPSLatitude=51.5007", "-GPSLatitudeRef=N", "-GPSLongitude=0.1246", "-GPSLongitudeRef=W", "-Make=Examplecam",
        "-Model=EC-7", "-SerialNumber=EC7-0042-1187", "-IPTC:By-line=Ada Quill", "-IPTC:Credit=Harbour Wire",
        "-IPTC:Caption-Abstract=Fishing boats return to the harbour at dawn.", "-XMP-dc:Rights=© 2026 Harbour Wire",
        "-XMP-plus:LicenseEndDate=2031:06:30",
    ]

    static func publish(_ editor: AdminSession, site: TestSite, headline: String, asset: MediaAsset) async throws -> String {
        let author = try #require(try await site.stores.taxonomy.author(slug: Slug(from: "marisol-vega")!))
        let response = try await editor.post(
            "/admin/articles",
            [
                ("headline", headline), ("section", "1"), ("author", "\(author.id)"), ("body", "The boats came in early."),
                ("image_asset", "\(asset.id)"), ("action", "publish"),
            ]
        )
        #expect(response.status == .seeOther)
        return "/2026/11/30/" + Slug(from: headline)!.rawValue
    }

    /// Every image URL a page or document names: `src`, `srcset` entries and `content` of image metas.
    static func imageURLs(in text: String) -> Set<String> {
        var urls = Set<String>()
        let pattern = /(?:https:\/\/courier\.example)?(\/media\/[A-Za-z0-9_\/\-.]+\.(?:jpg|png|webp|avif|gif))/
        for match in text.matches(of: pattern) { urls.insert(String(match.1)) }
        return urls
    }

    @Test func aCameraPhotoReachesReadersResizedAndWithoutItsLocation() async throws {
        let photo = try TestImages.photo(width: 3000, height: 2000, tags: Self.cameraTags)
        try #require(try TestImages.leaks(photo).contains { $0.lowercased().contains("gps") }, "the test photo carries GPS")
        try await withTestApp(setup: MediaLibraryTests.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            // Alt text is typed; credit and caption come from the file.
            let upload = try await MediaLibraryTests.upload(editor, [("alt", "Boats in a harbour")], file: ("image", "DSC_0042.JPG", photo))
            #expect(upload.status == .seeOther, "\(upload.body)")
            let asset = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            #expect(asset.credit == "Harbour Wire")
            #expect(asset.caption == "Fishing boats return to the harbour at dawn.")
            #expect(asset.rightsHolder == "Harbour Wire")
            #expect(asset.fromFile == [.credit, .caption, .rightsHolder, .licenceExpires])
            #expect(asset.licenceExpires.map(MediaEditControllerDay.format) == "2031-06-30")
            let library = try await editor.get("/admin/media").body
            #expect(library.contains("From the file, not yet confirmed: credit, caption, rights holder, licence expiry."))

            let renditions = try #require(asset.renditions)
            #expect(renditions.ladder(.avif).map(\.width) == [320, 640, 960, 1280, 1920])
            #expect(renditions.ladder(.webp).count == 5 && renditions.ladder(.jpeg).count == 5)
            #expect(renditions.crop(.social).map { [$0.width, $0.height] } == [1200, 630])
            #expect(renditions.crop(.square).map { [$0.width, $0.height] } == [1200, 1200])

            let path = try await Self.publish(editor, site: site, headline: "Boats Back Early", asset: asset)
            let html = try await site.client.execute(uri: path, method: .get) { String(buffer: $0.body) }
            #expect(html.contains("<picture><source type=\"image/avif\" srcset=\""))
            #expect(html.contains("sizes=\"(min-width: 44rem) 42rem, calc(100vw - 2rem)\""))
            #expect(html.contains("<meta property=\"og:image:width\" content=\"1200\">"))
            #expect(html.contains("<meta property=\"og:image:alt\" content=\"Boats in a harbour\">"))
            #expect(PageText.text(of: html).contains("Photo: Harbour Wire Fishing boats return to the harbour at dawn."))
            let feed = try await site.client.execute(uri: "/feed.xml", method: .get) { String(buffer: $0.body) }

            var urls = Self.imageURLs(in: html).union(Self.imageURLs(in: feed))
            urls.insert(asset.url)
            #expect(urls.count >= 20, "\(urls.count) image URLs")
            for url in urls.sorted() {
                let (status, bytes, caching) = try await site.client.execute(uri: url, method: .get) {
                    ($0.status, Array($0.body.readableBytesView), $0.headers[.cacheControl])
                }
                #expect(status == .ok, "\(url)")
                #expect(try TestImages.leaks(bytes) == [], "\(url)")
                if url.hasPrefix("/media/r/") { #expect(caching?.contains("immutable") == true, "\(url)") }
            }
            // The original keeps everything, for the newsroom only.
            let original = try await site.client.execute(uri: "/admin/media/\(asset.id)/original", method: .get, headers: [.cookie: editor.cookie]) {
                ($0.status, Array($0.body.readableBytesView), $0.headers[.cacheControl])
            }
            #expect(original.0 == .ok && original.1 == photo && original.2?.contains("no-store") == true)
            let anonymous = try await site.client.execute(uri: "/admin/media/\(asset.id)/original", method: .get) { $0.status }
            #expect(anonymous != .ok)
            let originals = try FileManager.default.subpathsOfDirectory(atPath: site.configuration.originalsDirectory)
            #expect(originals.contains { $0.hasSuffix(".jpg") })
            #expect(!site.configuration.originalsDirectory.hasPrefix(site.configuration.mediaDirectory + "/"))
        }
    }

    @Test func theFocalPointMovesTheCropsAndAnEndedLicenceWithdrawsTheImage() async throws {
        let photo = try TestImages.photo(width: 2400, height: 1200)
        let clock = TestClock()
        try await withTestApp(clock: clock.clock, setup: MediaLibraryTests.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let expires = "2026-12-01"  // a day after the fixed clock's 2026-11-30
            _ = try await MediaLibraryTests.upload(
                editor,
                MediaLibraryTests.details + [("licence_expires", expires)],
                file: ("image", "wide.jpg", photo)
            )
            var asset = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            let centred = try #require(asset.renditions?.crop(.square))
            let moved = try await editor.post(
                "/admin/media/\(asset.id)",
                [
                    ("alt", "A wide harbour"), ("credit", "Courier staff"), ("caption", ""), ("rights_holder", ""),
                    ("licence_expires", expires), ("focal_x", "90"), ("focal_y", "50"),
                ]
            )
            #expect(moved.status == .seeOther)
            asset = try #require(try await site.stores.media.asset(asset.id))
            let right = try #require(asset.renditions?.crop(.square))
            #expect(right.path != centred.path && right.path.contains("-f90x50-"))
            #expect(asset.alt == "A wide harbour" && asset.fromFile.isEmpty)

            let path = try await Self.publish(editor, site: site, headline: "Harbour Widens", asset: asset)
            let before = try await site.client.execute(uri: path, method: .get) { String(buffer: $0.body) }
            #expect(before.contains("<picture>") && before.contains(right.url))
            // The licence ends: within the refresher's check, pages, feeds and JSON-LD drop the image.
            clock.advance(by: 2 * 86_400)
            var after = ""
            for _ in 0..<100 {
                try await Task.sleep(for: .milliseconds(50))
                after = try await site.client.execute(uri: path, method: .get) { String(buffer: $0.body) }
                if !after.contains("<picture>") { break }
            }
            #expect(!after.contains("<picture>") && !after.contains("/media/"))
            #expect(!after.contains("og:image"))
            let feed = try await site.client.execute(uri: "/feed.json", method: .get) { String(buffer: $0.body) }
            #expect(!feed.contains(asset.url) && !feed.contains("/media/r/"))
            // (Two days on, the old session has ended too.)
            let later = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let library = try await later.get("/admin/media").body
            #expect(library.contains("licence ended: withdrawn from public pages"))
        }
    }

    @Test func hostileAndUnusualFilesGetAClearAnswer() async throws {
        let jpeg = try TestImages.photo(width: 640, height: 480)
        let truncated = Array(jpeg.prefix(jpeg.count / 3))
        let polyglot = jpeg + Array("<html><script>alert(1)</script></html>".utf8)
        let rotated = try TestImages.photo(width: 400, height: 200, tags: ["-Orientation#=6"])
        let cmyk = try TestImages.photo(width: 300, height: 200, name: "cmyk.jpg", cmyk: true)
        let avif = try TestImages.photo(width: 500, height: 300, name: "photo.avif", save: "[Q=50]")
        try await withTestApp(setup: MediaLibraryTests.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let before = try await site.stores.media.list(page: PageRequest(page: 1, perPage: 10)).total
            let broken = try await MediaLibraryTests.upload(editor, MediaLibraryTests.details, file: ("image", "cut.jpg", truncated))
            #expect(broken.status == .badRequest && broken.body.contains("could not be read"))
            #expect(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 10)).total == before)

            // A JPEG with HTML after it: readers get a re-encoded picture, never the trailing bytes.
            #expect(try await MediaLibraryTests.upload(editor, MediaLibraryTests.details, file: ("image", "p.jpg", polyglot)).status == .seeOther)
            let first = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            try await site.client.execute(uri: first.url, method: .get) { response in
                #expect(!String(decoding: response.body.readableBytesView, as: UTF8.self).contains("<script>"))
            }

            // EXIF orientation 6 (turned on its side): the renditions stand upright.
            #expect(try await MediaLibraryTests.upload(editor, MediaLibraryTests.details, file: ("image", "r.jpg", rotated)).status == .seeOther)
            let upright = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            #expect(upright.width == 200 && upright.height == 400)

            // A CMYK JPEG (print desks send them): renditions in sRGB that every browser shows.
            let printed = try await MediaLibraryTests.upload(editor, MediaLibraryTests.details, file: ("image", "c.jpg", cmyk))
            #expect(printed.status == .seeOther, "\(printed.body)")
            let print = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            let small = try #require(print.renditions?.ladder(.jpeg).first)
            let smallBytes = try await site.client.execute(uri: small.url, method: .get) { Array($0.body.readableBytesView) }
            let tags = try TestImages.metadata(smallBytes)
            #expect(tags["File:ColorComponents"] == "3", "\(tags)")
            // AVIF in, JPEG out (and the renditions).
            let heif = try await MediaLibraryTests.upload(editor, MediaLibraryTests.details, file: ("image", "x.avif", avif))
            #expect(heif.status == .seeOther, "\(heif.body)")
            let converted = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            #expect(converted.kind == .jpeg && converted.width == 500 && converted.renditions != nil)
        }
    }

    @Test func deepStripsAnimationsAndDeclaredBombsAreHandled() async throws {
        let sixteenBit = try TestImages.photo(width: 400, height: 300, name: "deep.png", save: "", depth16: true)
        let animated = try TestImages.animatedGIF(frames: 3, width: 120, height: 80)
        let strip = try TestImages.photo(width: 1, height: 50_000, name: "strip.png", save: "")
        // An AVIF whose header declares 100000×100000: refused before anything decodes it.
        let avif = try TestImages.photo(width: 64, height: 64, name: "small.avif", save: "[Q=50]")
        var declaredHuge = avif
        let box = try #require((0..<(avif.count - 16)).first { Array(avif[$0..<$0 + 4]) == Array("ispe".utf8) })
        declaredHuge.replaceSubrange((box + 8)..<(box + 16), with: TestImages.be32(100_000) + TestImages.be32(100_000))
        let bomb = declaredHuge
        try await withTestApp(setup: MediaLibraryTests.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let deep = try await MediaLibraryTests.upload(editor, MediaLibraryTests.details, file: ("image", "deep.png", sixteenBit))
            #expect(deep.status == .seeOther, "\(deep.body)")
            let deepAsset = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            #expect(deepAsset.kind == .png && deepAsset.renditions?.ladder(.jpeg).last?.width == 400)

            // An animated GIF: readers get its first frame, the original keeps every frame.
            let gif = try await MediaLibraryTests.upload(editor, MediaLibraryTests.details, file: ("image", "a.gif", animated))
            #expect(gif.status == .seeOther, "\(gif.body)")
            let gifAsset = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            #expect(gifAsset.kind == .gif && gifAsset.height == 80)
            let original = try await site.client.execute(
                uri: "/admin/media/\(gifAsset.id)/original",
                method: .get,
                headers: [.cookie: editor.cookie]
            ) { Array($0.body.readableBytesView) }
            #expect(original == animated)

            let thin = try await MediaLibraryTests.upload(editor, MediaLibraryTests.details, file: ("image", "strip.png", strip))
            #expect(thin.status == .badRequest && thin.body.contains("the limit is 50 megapixels"), "\(thin.status)")
            let declared = try await MediaLibraryTests.upload(editor, MediaLibraryTests.details, file: ("image", "bomb.avif", bomb))
            #expect(declared.status == .badRequest && declared.body.contains("100000×100000"), "\(declared.body)")
        }
    }

    @Test func withoutLibvipsTheUploadIsKeptWithItsMetadataCutOut() async throws {
        let photo = try TestImages.photo(width: 800, height: 600, tags: Self.cameraTags)
        let tools = ImageTools(vips: nil, exiftool: nil)
        try await withTestApp(imageTools: tools, setup: MediaLibraryTests.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let upload = try await MediaLibraryTests.upload(editor, MediaLibraryTests.details, file: ("image", "c.jpg", photo))
            #expect(upload.status == .seeOther)
            let asset = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            #expect(asset.renditions == nil && asset.width == 800)
            let bytes = try await site.client.execute(uri: asset.url, method: .get) { Array($0.body.readableBytesView) }
            #expect(try TestImages.leaks(bytes) == [])
            #expect(try ImageSniffer.sniff(bytes).get().width == 800)
            let avif = try TestImages.photo(width: 200, height: 100, name: "p.avif", save: "[Q=50]")
            let refused = try await MediaLibraryTests.upload(editor, MediaLibraryTests.details, file: ("image", "p.avif", avif))
            #expect(refused.status == .badRequest && refused.body.contains("need libvips"))
        }
    }
}

@Suite("Metadata stripper, judged by exiftool", .enabled(if: TestImages.shouldRun, "libvips and exiftool are not installed"))
struct MetadataStripperJudgedTests {
    @Test(arguments: ["jpg", "png", "webp", "gif"])
    func whatExiftoolWroteExiftoolCannotFindAfterwards(_ format: String) throws {
        let gps = ["-GPSLatitude=51.5", "-GPSLatitudeRef=N", "-GPSLongitude=0.12", "-GPSLongitudeRef=W", "-SerialNumber=XYZ-1"]
        let tags = ["-XMP-dc:Creator=Ada Quill", "-XMP-dc:Rights=© Ada", "-Comment=taken at home"] + (format == "gif" ? [] : gps)
        let file = try TestImages.photo(width: 120, height: 80, name: "sample.\(format)", save: "", tags: tags)
        try #require(try TestImages.leaks(file).isEmpty == false, "exiftool wrote the tags")
        let kind = try ImageSniffer.sniff(file).get()
        let stripped = [UInt8](try MetadataStripper.strip(Data(file), kind: kind.kind))
        #expect(try TestImages.leaks(stripped) == [])
        #expect(try ImageSniffer.sniff(stripped).get() == kind)
        // libvips still reads every pixel of it.
        let folder = try TemporaryFolders.folder("stripped")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(stripped).write(to: URL(fileURLWithPath: "\(folder)/s.\(format)"))
        try TestImages.run(TestImages.tools.vips, ["avg", "\(folder)/s.\(format)"])
    }
}

/// The media form's day format, as the tests read it back.
enum MediaEditControllerDay {
    static func format(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
