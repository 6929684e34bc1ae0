import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import Testing

@Suite("Media library uploads")
struct MediaLibraryTests {
    static let seed: @Sendable (Stores) async throws -> Void = { stores in
        try await TestSupport.makeAccount(stores, email: "ed@courier.example", role: .editor)
        try await TestSupport.makeAccount(stores, email: "hannah@courier.example", role: .contributor, author: Slug(from: "hannah-weiss"))
    }

    static let boundary = "----MastheadTestBoundary7MA4YWxkTrZu0gW"

    static func multipart(_ fields: [(String, String)], file: (name: String, filename: String, bytes: [UInt8])?) -> ByteBuffer {
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            body.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/html\r\n\r\n"
            )
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return body
    }

    static func upload(
        _ session: AdminSession,
        _ fields: [(String, String)],
        file: (String, String, [UInt8])?,
        csrf: String? = nil,
        to uri: String = "/admin/media"
    ) async throws
        -> (status: HTTPResponse.Status, body: String, location: String?)
    {
        let headers: HTTPFields = [
            .contentType: "multipart/form-data; boundary=\(boundary)", .cookie: session.cookie, .origin: AdminSession.origin,
        ]
        let body = multipart([("csrf", csrf ?? session.csrf)] + fields, file: file.map { (name: $0.0, filename: $0.1, bytes: $0.2) })
        return try await session.client.execute(uri: uri, method: .post, headers: headers, body: body) {
            ($0.status, String(buffer: $0.body), $0.headers[.location])
        }
    }

    static let details = [("alt", "A ferry at the pier"), ("credit", "Courier staff"), ("caption", "The ferry at dawn.")]
    static let png = TestImages.png(width: 800, height: 450)

    @Test func anImageIsStoredByItsContentAndServedSafely() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            // The name and declared type say HTML; the bytes say PNG, and the bytes win.
            let response = try await Self.upload(editor, Self.details, file: ("image", "evil.html", Self.png))
            #expect(response.status == .seeOther)
            let asset = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 10)).items.first)
            #expect(asset.kind == .png)
            #expect(asset.width == 800 && asset.height == 450)
            #expect(asset.path.hasPrefix("library/") && asset.path.hasSuffix(".png"))
            try await site.client.execute(uri: asset.url, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                // The public file is the picture (re-encoded without metadata where libvips is installed).
                let served = try ImageSniffer.sniff(Array(response.body.readableBytesView)).get()
                #expect(served.kind == .png && served.width == 800 && served.height == 450)
            }
            // No licence ends soon: no alarm, not even one that says "0".
            let library = try await site.client.execute(uri: "/admin/media", method: .get, headers: [.cookie: editor.cookie]) {
                String(buffer: $0.body)
            }
            #expect(!library.contains("licences end within"))
            #expect(!library.contains("licence ends within"))
            // The same bytes again are stored once.
            _ = try await Self.upload(editor, Self.details, file: ("image", "again.png", Self.png))
            let files = try FileManager.default.subpathsOfDirectory(atPath: site.configuration.mediaDirectory + "/library")
            #expect(files.filter { $0.hasSuffix(".png") }.count == 1)
        }
    }

    @Test func activeContentMissingDetailsAndStrangersAreRefused() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let before = try await site.stores.media.list(page: PageRequest(page: 1, perPage: 10)).total
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let svg = Array("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".utf8)
            let refusedSVG = try await Self.upload(editor, Self.details, file: ("image", "logo.png", svg))
            #expect(refusedSVG.status == .badRequest)
            #expect(refusedSVG.body.contains("not a JPEG, PNG, WebP or GIF"))
            let noAlt = try await Self.upload(editor, [("credit", "Staff")], file: ("image", "a.png", Self.png))
            #expect(noAlt.status == .badRequest)
            #expect(noAlt.body.contains("Alt text is required"))
            let bomb = try await Self.upload(editor, Self.details, file: ("image", "big.png", SampleImage.png(width: 30_000, height: 30_000)))
            #expect(bomb.body.contains("the limit is 50 megapixels"))
            #expect(bomb.status == .badRequest)
            #expect(try await Self.upload(editor, Self.details, file: ("image", "a.png", Self.png), csrf: "forged").status == .forbidden)
            let hannah = try await AdminSession.signIn(site.client, email: "hannah@courier.example")
            #expect(try await Self.upload(hannah, Self.details, file: ("image", "a.png", Self.png)).status == .forbidden)
            #expect(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 10)).total == before)
        }
    }

    @Test func theEditorPicksALeadImageFromTheLibrary() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            _ = try await Self.upload(editor, Self.details, file: ("image", "ferry.png", Self.png))
            let asset = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            let author = try #require(try await site.stores.taxonomy.author(slug: Slug(from: "marisol-vega")!))
            let form = try await editor.get("/admin/articles/new").body
            #expect(form.contains("<option value=\"\(asset.id)\">Courier staff: A ferry at the pier</option>"))
            let response = try await editor.post(
                "/admin/articles",
                [
                    ("headline", "Ferry Service Resumes"), ("section", "1"), ("author", "\(author.id)"), ("body", "The ferry is back."),
                    ("image_asset", "\(asset.id)"), ("action", "publish"),
                ]
            )
            #expect(response.status == .seeOther)
            try await site.client.execute(uri: "/2026/11/30/ferry-service-resumes", method: .get) { response in
                let html = String(buffer: response.body)
                if let renditions = asset.renditions {
                    // A picture with AVIF and WebP sources and a JPEG srcset, at its own size (800 px: no upscaling).
                    let jpeg = try #require(renditions.ladder(.jpeg).last)
                    #expect(jpeg.width == 800)
                    #expect(html.contains("<picture><source type=\"image/avif\" srcset=\""))
                    #expect(html.contains("<img src=\"\(jpeg.url)\" srcset=\""))
                    #expect(html.contains("alt=\"A ferry at the pier\" width=\"800\" height=\"450\" fetchpriority=\"high\""))
                } else {
                    #expect(html.contains("<img src=\"\(asset.url)\" alt=\"A ferry at the pier\" width=\"800\" height=\"450\""))
                }
                #expect(PageText.text(of: html).contains("Photo: Courier staff The ferry at dawn."))
            }
        }
    }

    @Test func aContributorNeitherSeesNorAttachesLibraryImages() async throws {
        let seed: @Sendable (Stores) async throws -> Void = { stores in
            try await TestSupport.makeAccount(stores, email: "ed@courier.example", role: .editor)
            _ = try await stores.taxonomy.saveAuthor(slug: Slug(from: "hannah-weiss")!, name: "Hannah Weiss", bio: "", photoURL: nil, role: "Intern")
            try await TestSupport.makeAccount(stores, email: "hannah@courier.example", role: .contributor, author: Slug(from: "hannah-weiss"))
        }
        try await withTestApp(setup: seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            _ = try await Self.upload(editor, Self.details, file: ("image", "ferry.png", Self.png))
            let asset = try #require(try await site.stores.media.list(page: PageRequest(page: 1, perPage: 1)).items.first)
            let contributor = try await AdminSession.signIn(site.client, email: "hannah@courier.example")
            let hannah = try #require(try await site.stores.taxonomy.author(slug: Slug(from: "hannah-weiss")!))
            #expect(try await contributor.get("/admin/media").status == .forbidden)
            let form = try await contributor.get("/admin/articles/new").body
            #expect(!form.contains("Courier staff: A ferry at the pier"))
            let response = try await contributor.post(
                "/admin/articles",
                [
                    ("headline", "Draft With A Borrowed Photo"), ("section", "1"), ("author", "\(hannah.id)"), ("body", "Text."),
                    ("image_asset", "\(asset.id)"), ("action", "save"),
                ]
            )
            #expect(response.status == .seeOther, "\(response.status)")
            let draft = try #require(
                try await site.stores.articles.backOfficeList(.init(status: .draft), page: .init(page: 1, perPage: 50)).items.first {
                    $0.headline == "Draft With A Borrowed Photo"
                }
            )
            #expect(try await site.stores.articles.article(id: draft.id)?.leadImage == nil)
        }
    }

    @Test func anUploadOverTheLimitIsRefusedWithoutBeingKept() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let huge = Self.png + [UInt8](repeating: 0, count: 16 * 1024 * 1024)
            let response = try await Self.upload(editor, Self.details, file: ("image", "huge.png", huge))
            #expect(response.status == .contentTooLarge)
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: site.configuration.dataDirectory + "/tmp")) ?? []
            #expect(leftovers.isEmpty)
        }
    }
}

/// A PNG header alone, declaring any size: for checks made before anything is decoded.
enum SampleImage {
    static func png(width: Int, height: Int) -> [UInt8] {
        func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + be32(width) + be32(height)
            + [8, 2, 0, 0, 0] + [UInt8](repeating: 0, count: 40)
    }
}
