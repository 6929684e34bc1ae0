import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

/// A tag is created when any article is saved with it; readers see it only once a
/// published article carries it (a draft's or an embargoed story's tag leaks the story).
@Suite("Nothing unpublished leaks through taxonomy", .onEveryEngine)
struct TaxonomyLeakTests {
    @Test(arguments: [ArticleStatus.draft, .scheduled, .inReview])
    func aTagOnlyUnpublishedArticlesCarryHasNoPublicPage(_ status: ArticleStatus) async throws {
        let setup: @Sendable (Stores) async throws -> Void = { stores in
            let section = try #require(try await stores.taxonomy.sections().first)
            let author = try #require(try await stores.taxonomy.authors().first)
            let tag = try await stores.taxonomy.findOrCreateTag(slug: Slug(from: "merger-with-x")!, name: "Merger with X")
            try await Publishing(stores: stores, clock: TestSupport.clock).save(
                ArticleInput(
                    slug: "secret-merger",
                    headline: "Secret merger",
                    sectionID: section.id,
                    authorIDs: [author.id],
                    tagIDs: [tag.id],
                    bodyMarkdown: "Under embargo.",
                    status: status,
                    publishedAt: status == .scheduled ? TestSupport.now.addingTimeInterval(86_400) : nil
                )
            )
        }
        try await withTestApp(setup: setup) { site in
            for uri in ["/tag/merger-with-x", "/tag/merger-with-x/feed.xml", "/tag/merger-with-x/atom.xml", "/tag/merger-with-x/feed.json"] {
                let status = try await site.client.execute(uri: uri, method: .get) { $0.status }
                #expect(status == .notFound, "\(uri)")
            }
            let sitemap = try await site.client.execute(uri: "/sitemap-pages.xml", method: .get) { String(buffer: $0.body) }
            #expect(!sitemap.contains("merger-with-x"))
            #expect(sitemap.contains("/tag/harbor"), "tags of published articles stay listed")
            let harbor = try await site.client.execute(uri: "/tag/harbor", method: .get) { $0.status }
            #expect(harbor == .ok)
        }
    }
}
