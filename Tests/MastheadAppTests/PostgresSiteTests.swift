import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
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
            // It looks at content_revision only once a minute, so only NOTIFY can tell it in time.
            try await withTestApp(demo: false, databaseURL: database, revisionPollInterval: .seconds(60)) { second in
                let page = try await second.client.execute(uri: Self.courthouse, method: .get) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
                #expect(page.contains("Courthouse Renovation Falls a Year Behind Schedule"))
                let search = try await second.client.execute(uri: "/search?q=seawall", method: .get) { String(buffer: $0.body) }
                #expect(search.contains("Council Approves $48 Million Seawall Plan"))

                // Unpublished through the first instance: the second's cached page goes within a second.
                let article = try #require(try await first.stores.articles.article(slug: Slug(from: "courthouse-renovation-delays")!))
                var input = article.input
                input.status = .unpublished
                try await Publishing(stores: first.stores, clock: TestSupport.clock).save(input)
                var status = HTTPResponse.Status.ok
                for _ in 0..<20 where status != .gone {
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

    @Test func aSiteMovesToPostgreSQLAndBackWithNothingLost() async throws {
        var original = AppConfiguration()
        original.dataDirectory = try TemporaryFolders.folder("data")
        #expect(try await Maintenance.fillDemo(original, clock: TestSupport.clock))
        let stores = try Maintenance.openStores(original)
        try await TestSupport.makeAccount(stores, email: "editor@courier.example", role: .editor)
        try await stores.audience.add([HourlyViews(article: ArticleID(3), hour: 490_000, views: 7)])
        let logger = Logger(label: "transfer-test")

        let postgres = try await TestSupport.scratchPostgresDatabase()
        let there = try await SiteTransfer.run(from: original, to: postgres, logger: logger)
        #expect(there.rows.first { $0.table == "article" }?.count == 42)
        #expect(there.rows.first { $0.table == "account" }?.count == 1)
        var onPostgres = original
        onPostgres.databaseURL = postgres
        let moved = try Maintenance.openStores(onPostgres)
        #expect(try await moved.articles.count() == 42)
        #expect(try await moved.site.settings() == stores.site.settings())
        let hits = try await moved.search.search(SearchQuery(text: "seawall"), page: PageRequest(page: 1, perPage: 5), now: TestSupport.now)
        #expect(hits.items.first?.article.slug.rawValue == "council-approves-harbor-seawall-plan", "the search index was rebuilt there")
        // A new article there gets a fresh id, after the copied ones.
        let author = try #require(try await moved.taxonomy.authors().first).id
        let section = try #require(try await moved.taxonomy.sections().first).id
        let id = try await Publishing(stores: moved, clock: TestSupport.clock).save(
            ArticleInput(headline: "Written After The Move", sectionID: section, authorIDs: [author], bodyMarkdown: "New.", status: .published)
        )
        #expect(id.rawValue > 42)

        // And back again, into a new SQLite file: the same content, checked by the same checksum.
        let back = original.dataDirectory + "/returned.sqlite"
        let returned = try await SiteTransfer.run(from: onPostgres, to: back, logger: logger)
        #expect(returned.rows.first { $0.table == "article" }?.count == 43)
        // Into a site that already has articles: refused, nothing written.
        await #expect(throws: MastheadError.self) { _ = try await SiteTransfer.run(from: original, to: postgres, logger: logger) }
        #expect(try await moved.articles.count() == 43)
    }

    @Test func metricsShowTheDatabasesWork() async throws {
        let database = try await TestSupport.scratchPostgresDatabase()
        try await withTestApp(overHTTP: true, databaseURL: database) { site in
            try await site.client.execute(uri: "/search?q=harbor", method: .get) { _ in }
            let text = try await site.client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            #expect(text.contains("masthead_database_calls_in_flight"))
            let completed = text.split(separator: "\n").first { $0.hasPrefix("masthead_database_calls_completed_total ") }
            #expect((completed?.split(separator: " ").last.flatMap { Double($0) } ?? 0) > 0)
            #expect(text.contains("masthead_database_calls_failed_total 0"))
        }
    }
}
