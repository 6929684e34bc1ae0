import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import MastheadWeb
import Testing

/// An image whose licence ends gives way to the replacement the editor chose, on
/// the article page and in the feed, with the replacement's own credit; the media
/// library says which image took its place. Needs no libvips: the demo's photos.
@Suite("Replacement images", .onEveryEngine)
struct ImageReplacementTests {
    @Test func anImageWhoseLicenceEndsGivesWayToItsReplacement() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock.clock, setup: MediaLibraryTests.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let assets = try await site.stores.media.everyAsset()
            let articles = try await site.stores.articles.list(.all, page: PageRequest(page: 1, perPage: 100), now: clock.now).items
            // A demo story that leads with a library photo, and another photo to stand in for it.
            let pairs = articles.compactMap { story in assets.first { $0.url == story.leadImage?.url }.map { (story, $0) } }
            let (story, photo) = try #require(pairs.first)
            let standIn = try #require(assets.first { $0.id != photo.id })
            let zone = try #require(try await site.stores.site.settings()).timeZone
            let path = SiteURL.article(story.slug, publishedAt: story.publishedAt, formatter: SiteDateFormatter(timeZone: zone)).path()
            #expect(try await site.client.execute(uri: path, method: .get) { String(buffer: $0.body) }.contains(photo.url))

            func save(replacement: String) async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
                try await editor.post(
                    "/admin/media/\(photo.id)",
                    [
                        ("alt", photo.alt), ("credit", photo.credit), ("caption", photo.caption), ("rights_holder", ""),
                        ("licence_expires", MediaEditControllerDay.format(clock.now + 86_400)), ("replacement", replacement),
                        ("focal_x", "50"), ("focal_y", "50"),
                    ]
                )
            }
            for refused in ["\(photo.id)", "999999", "the harbour one"] {
                let reply = try await save(replacement: refused)
                #expect(reply.status == .badRequest, "\(refused)")
            }
            #expect(try await site.stores.media.asset(photo.id)?.replacement == nil)
            #expect(try await save(replacement: "\(standIn.id)").status == .seeOther)
            #expect(try await site.stores.media.asset(photo.id)?.replacement == standIn.path)

            // The licence ends: within the refresher's check the page shows the stand-in, credited as itself.
            clock.advance(by: 2 * 86_400)
            var page = ""
            for _ in 0..<200 {
                page = try await site.client.execute(uri: path, method: .get) { String(buffer: $0.body) }
                if page.contains(standIn.url) { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(page.contains(standIn.url) && !page.contains(photo.url))
            #expect(page.contains(standIn.credit.replacingOccurrences(of: "&", with: "&amp;")))
            let feed = try await site.client.execute(uri: "/feed.json", method: .get) { String(buffer: $0.body) }
            #expect(!feed.contains(photo.url))
            let later = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            #expect(try await later.get("/admin/media/\(photo.id)").body.contains("image \(standIn.id) takes its place"))
        }
    }
}
