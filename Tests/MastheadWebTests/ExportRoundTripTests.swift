import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import MastheadWeb
import Testing

@Suite("Export and import round trip")
struct ExportRoundTripTests {
    static func temporaryFolder() -> String {
        TemporaryFolders.path("export")
    }

    func export(_ site: TestSite, _ format: SiteExport.Format, to folder: String) async throws -> SiteExport.Summary {
        try await SiteExport(stores: site.stores, mediaDirectory: site.configuration.mediaDirectory, clock: TestSupport.clock).write(
            format,
            to: folder
        )
    }

    /// The export's manifest and articles, without what legitimately differs between
    /// two sites holding the same content (the export time, the revision history).
    func contents(of folder: String) throws -> (manifest: String, articles: [String]) {
        var manifest = try String(contentsOfFile: folder + "/masthead.json", encoding: .utf8)
        manifest = manifest.replacingOccurrences(of: #""exportedAt" : "[^"]*""#, with: "", options: .regularExpression)
        let lines = try String(contentsOfFile: folder + "/articles.jsonl", encoding: .utf8).split(separator: "\n").map { line in
            String(line).replacingOccurrences(of: #","revisions":\[.*\],"#, with: ",", options: .regularExpression)
                .replacingOccurrences(of: #","revisions":\[.*\]\}$"#, with: "}", options: .regularExpression)
        }
        return (manifest, lines.sorted())
    }

    @Test(arguments: SiteExport.Format.allCases, TestEngine.available)
    func anExportReadIntoAnEmptySiteGivesTheSameSite(_ format: SiteExport.Format, _ engine: TestEngine) async throws {
        let (written, reference, copied) = (Self.temporaryFolder(), Self.temporaryFolder(), Self.temporaryFolder())
        defer { for folder in [written, reference, copied] { try? FileManager.default.removeItem(atPath: folder) } }
        try await withTestApp(databaseURL: try await engine.databaseURL()) { original in
            // Old addresses of both kinds, and a slug the article had before.
            let first = try #require(
                try await original.stores.articles.list(.all, page: .init(page: 1, perPage: 1), now: TestSupport.now).items.first
            )
            try await original.stores.archive.saveRedirects([
                PathRedirect(from: "/?p=7", to: .article(first.id)), PathRedirect(from: "/category/old/", to: .path("/section/politics")),
            ])
            try await original.stores.archive.addFormerSlugs([Slug(from: "an-earlier-slug")!], to: first.id)
            // A photo with its focal point moved and a replacement chosen: both travel with it.
            let photos = try await original.stores.media.everyAsset()
            var changed = try #require(photos.first)
            changed.file.focal = FocalPoint(x: 0.25, y: 0.75)
            changed.file.replacement = try #require(photos.last { $0.id != changed.id }).path
            try await original.stores.media.update(changed)
            let moved = changed

            let summary = try await export(original, format, to: written)
            #expect(summary.articles == (try await original.stores.articles.count()))
            _ = try await export(original, .json, to: reference)
            await #expect(throws: MastheadError.self) { try await export(original, format, to: written) }

            try await withTestApp(demo: false, databaseURL: try await engine.databaseURL()) { copy in
                let importer = SiteImport(stores: copy.stores, mediaDirectory: copy.configuration.mediaDirectory, clock: TestSupport.clock)
                let report = format == .json ? try await importer.archive(written) : try await importer.markdownFolder(written)
                #expect(report.skipped.isEmpty, "\(report.skipped)")
                let arrived = try #require(try await copy.stores.media.assets(paths: [moved.path])[moved.path])
                #expect(arrived.focal == moved.focal && arrived.replacement == moved.replacement)
                #expect(report.imported == summary.articles)
                _ = try await export(copy, .json, to: copied)
                let (expected, actual) = (try contents(of: reference), try contents(of: copied))
                #expect(actual.manifest == expected.manifest)
                #expect(actual.articles.count == expected.articles.count)
                for (one, other) in zip(actual.articles, expected.articles) where one != other {
                    Issue.record("An article differs after the round trip:\n\(one)\n\(other)")
                    break
                }
                // The copy serves the same pages, images and old addresses.
                let zone = try #require(try await copy.stores.site.settings()).timeZone
                let path = SiteURL.article(first.slug, publishedAt: first.publishedAt, formatter: SiteDateFormatter(timeZone: zone)).path()
                try await copy.client.execute(uri: path, method: .get) { #expect($0.status == .ok) }
                try await copy.client.execute(uri: "/?p=7", method: .get) { #expect($0.headers[.location] == path) }
                try await copy.client.execute(uri: "/category/old/", method: .get) { #expect($0.headers[.location] == "/section/politics") }
                try await copy.client.execute(uri: "/2020/01/01/an-earlier-slug", method: .get) { #expect($0.headers[.location] == path) }
                if let image = first.leadImage?.url, image.hasPrefix("/media/") {
                    try await copy.client.execute(uri: image, method: .get) { #expect($0.status == .ok) }
                }
            }
        }
    }

    @Test func anArchiveWithHostileMediaBringsOnlyTheSafeFiles() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withTestApp(demo: false) { site in
            _ = try await export(site, .json, to: folder)
            try FileManager.default.createDirectory(atPath: folder + "/media/demo", withIntermediateDirectories: true)
            try Data("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".utf8).write(
                to: URL(fileURLWithPath: folder + "/media/demo/evil.svg")
            )
            try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"4\"/></svg>".utf8)
                .write(to: URL(fileURLWithPath: folder + "/media/demo/plain.svg"))
            try Data("<html><script>alert(1)</script></html>".utf8).write(to: URL(fileURLWithPath: folder + "/media/demo/page.jpg"))
            let report = try await SiteImport(stores: site.stores, mediaDirectory: site.configuration.mediaDirectory).archive(folder)
            #expect(Set(report.skipped.map(\.item)) == ["media/demo/evil.svg", "media/demo/page.jpg"])
            #expect(FileManager.default.fileExists(atPath: site.configuration.mediaDirectory + "/demo/plain.svg"))
            #expect(!FileManager.default.fileExists(atPath: site.configuration.mediaDirectory + "/demo/evil.svg"))
        }
    }
}
