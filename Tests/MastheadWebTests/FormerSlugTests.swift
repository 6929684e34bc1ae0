import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

@Suite("Former slugs are reserved")
struct FormerSlugTests {
    @Test(arguments: TestEngine.available)
    func anotherArticleCannotTakeARenamedArticlesOldAddress(_ engine: TestEngine) async throws {
        try await withTestApp(databaseURL: try await engine.databaseURL()) { site in
            let publishing = Publishing(stores: site.stores, clock: TestSupport.clock)
            let old = Slug(from: "council-approves-harbor-seawall-plan")!
            let article = try #require(try await site.stores.articles.article(slug: old))
            var renamed = article.input
            renamed.slug = "seawall-vote"
            _ = try await publishing.save(renamed)

            let newcomer = ArticleInput(
                slug: old.rawValue,
                headline: "A different story",
                sectionID: article.section.id,
                authorIDs: article.authors.map(\.id),
                bodyMarkdown: "Other text.",
                status: .published,
                publishedAt: TestSupport.now.addingTimeInterval(-60)
            )
            do {
                _ = try await publishing.save(newcomer)
                Issue.record("the old slug was taken over")
            } catch let error as MastheadError {
                #expect(error.code == .conflict)
                #expect(error.message.contains("belonged to another article"))
            }
            // The old address still leads to the renamed article.
            let location = try await site.client.execute(uri: "/2026/11/30/\(old)", method: .get) { $0.headers[.location] }
            #expect(location == "/2026/11/30/seawall-vote")
            // An import choosing slugs treats it as taken too.
            #expect(try await site.stores.archive.takenSlugs([old]) == [old])
            // The article itself may take its old slug back.
            renamed.slug = old.rawValue
            renamed.id = article.id
            _ = try await publishing.save(renamed)
            #expect(try await site.stores.articles.article(slug: old)?.id == article.id)
        }
    }
}
