import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import Testing

/// The whole site on PostgreSQL, and two instances sharing one database. Runs
/// when `MASTHEAD_TEST_POSTGRES_URL` is set (CI always sets it).
@Suite("PostgreSQL site", .enabled(if: TestSupport.postgresServer != nil))
struct PostgresSiteTests {
    static let courthouse = "/2026/11/26/courthouse-renovation-delays"

    @Test func twoInstancesOnOneDatabaseBehaveAsOneSite() async throws {
        let database = try await TestSupport.scratchPostgresDatabase()
        try await withTestApp(databaseURL: database) { first in
            // The second instance: its own process state and media folder, the same database.
            try await withTestApp(demo: false, databaseURL: database) { second in
                let page = try await second.client.execute(uri: Self.courthouse, method: .get) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
                #expect(page.contains("Courthouse Renovation Falls a Year Behind Schedule"))
                let search = try await second.client.execute(uri: "/search?q=seawall", method: .get) { String(buffer: $0.body) }
                #expect(search.contains("Council Approves $48 Million Seawall Plan"))

                // Unpublished through the first instance: the second's cached page goes within a second or so.
                let article = try #require(try await first.stores.articles.article(slug: Slug(from: "courthouse-renovation-delays")!))
                var input = article.input
                input.status = .unpublished
                try await Publishing(stores: first.stores, clock: TestSupport.clock).save(input)
                var status = HTTPResponse.Status.ok
                for _ in 0..<40 where status != .gone {
                    try await Task.sleep(for: .milliseconds(50))
                    status = try await second.client.execute(uri: Self.courthouse, method: .get) { $0.status }
                }
                #expect(status == .gone)
            }
        }
    }

    @Test func aScheduledArticleIsPublishedOnceHoweverManyInstancesRunTheScheduler() async throws {
        let database = try await TestSupport.scratchPostgresDatabase()
        try await withTestApp(databaseURL: database) { first in
            try await withTestApp(demo: false, databaseURL: database) { second in
                let clock = TestClock()
                let publishing = Publishing(stores: first.stores, clock: clock.clock)
                let author = try #require(try await first.stores.taxonomy.authors().first).id
                let section = try #require(try await first.stores.taxonomy.sections().first).id
                for number in 0..<20 {
                    try await publishing.save(
                        ArticleInput(
                            headline: "Embargoed Report \(number)",
                            sectionID: section,
                            authorIDs: [author],
                            bodyMarkdown: "Out at noon.",
                            status: .scheduled,
                            publishedAt: clock.now.addingTimeInterval(3_600)
                        )
                    )
                }
                // Both instances' schedulers wake at the same moment.
                let due = clock.now.addingTimeInterval(3_601)
                async let fromFirst = first.stores.articles.publishScheduled(dueBy: due)
                async let fromSecond = second.stores.articles.publishScheduled(dueBy: due)
                let published = try await fromFirst + fromSecond
                #expect(published.count == 20)
                #expect(Set(published).count == 20, "no article published twice")
            }
        }
    }
}
