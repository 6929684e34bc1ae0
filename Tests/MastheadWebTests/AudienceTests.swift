import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

@Suite("Audience: the view beacon drives Most Popular and Trending")
struct AudienceTests {
    static let browser = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"

    /// Posts `count` views of an article from distinct readers, as the beacon would.
    static func view(
        _ site: TestSite,
        _ id: ArticleID,
        count: Int,
        userAgent: String = browser,
        reader: String = "reader",
        ref: String = ""
    )
        async throws -> [HTTPResponse.Status]
    {
        var statuses: [HTTPResponse.Status] = []
        for index in 0..<count {
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .userAgent: "\(userAgent) \(reader)-\(index)"]
            let body = ByteBuffer(string: "article=\(id)&ref=\(ref.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            statuses.append(try await site.client.execute(uri: "/api/v1/views", method: .post, headers: headers, body: body) { $0.status })
        }
        return statuses
    }

    static func id(_ site: TestSite, _ slug: String) async throws -> ArticleID {
        try #require(try await site.stores.articles.article(slug: Slug(from: slug)!)).id
    }

    static func sidebar(_ site: TestSite, _ title: String) async throws -> [String] {
        try await site.client.execute(uri: "/", method: .get) { response in
            let html = String(buffer: response.body)
            guard let start = html.range(of: ">\(title)</h2>") else { return [] }
            let list = html[start.upperBound...].prefix { _ in true }
            let section = String(list[..<(list.range(of: "</section>")?.lowerBound ?? list.endIndex)])
            return section.components(separatedBy: "<li><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
    }

    @Test func viewsMoveArticlesUpMostPopularAndABurstMakesAnOldStoryTrend() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock.clock) { site in
            // Nine days on, the demo's week of history has aged out of both lists.
            clock.advance(by: 9 * 86_400)
            let holiday = try await Self.id(site, "holiday-market-returns")  // eleven months old
            let ferry = try await Self.id(site, "ferry-fares-freeze")
            let rowing = try await Self.id(site, "rowing-club-centenary")
            #expect(try await Self.view(site, holiday, count: 14).allSatisfy { $0 == .noContent })
            _ = try await Self.view(site, ferry, count: 8)
            _ = try await Self.view(site, rowing, count: 3)  // below the five-view floor
            var popular: [String] = []
            let expected = ["/2025/12/23/holiday-market-returns", "/2026/11/24/ferry-fares-freeze"]
            // The sidebar is recomputed on a timer: wait for the flush and the next refresh.
            for _ in 0..<100 where popular != expected {
                try await Task.sleep(for: .milliseconds(100))
                popular = try await Self.sidebar(site, "Most Popular")
            }
            #expect(popular == expected)
            let trending = try await Self.sidebar(site, "Trending")
            #expect(trending == ["/2025/12/23/holiday-market-returns"])
        }
    }

    @Test func botsRepeatsAndPrefetchesDoNotCountAndNothingUnknownIsStored() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock.clock) { site in
            clock.advance(by: 9 * 86_400)
            let ferry = try await Self.id(site, "ferry-fares-freeze")
            let firstHour = HourlyViews.hour(of: clock.now) - 1
            _ = try await Self.view(site, ferry, count: 5, userAgent: "Googlebot/2.1 (+http://www.google.com/bot.html)")
            // The same reader five times is one view.
            for _ in 0..<5 {
                try await site.client.execute(
                    uri: "/api/v1/views",
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .userAgent: Self.browser],
                    body: ByteBuffer(string: "article=\(ferry)")
                ) { #expect($0.status == .noContent) }
            }
            try await site.client.execute(
                uri: "/api/v1/views",
                method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .userAgent: Self.browser + " other",
                    HTTPField.Name("Sec-Purpose")!: "prefetch",
                ],
                body: ByteBuffer(string: "article=\(ferry)")
            ) { #expect($0.status == .noContent) }
            _ = try await Self.view(site, ArticleID(987_654), count: 3)
            try await site.client.execute(
                uri: "/api/v1/views",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .userAgent: Self.browser],
                body: ByteBuffer(string: "article=banana")
            ) { #expect($0.status == .badRequest) }
            // Wait for a flush (every 50 ms in tests), then make sure nothing else arrives.
            var totals: [ArticleID: Int] = [:]
            for _ in 0..<100 where totals.isEmpty {
                try await Task.sleep(for: .milliseconds(50))
                totals = try await site.stores.audience.totals(fromHour: firstHour)
            }
            try await Task.sleep(for: .milliseconds(200))
            totals = try await site.stores.audience.totals(fromHour: firstHour)
            #expect(totals == [ferry: 1])
        }
    }

    @Test func theNoScriptPixelCountsAndKeepsOnlyTheReferrersDomain() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock.clock) { site in
            clock.advance(by: 9 * 86_400)
            let ferry = try await Self.id(site, "ferry-fares-freeze")
            try await site.client.execute(
                uri: "/api/v1/views.gif?article=\(ferry)",
                method: .get,
                headers: [.userAgent: Self.browser, .referer: "https://www.search.example/results?q=ferry+fares&session=secret"]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/gif")
                #expect(response.headers[.setCookie] == nil)
            }
            let day = Int64((clock.now.timeIntervalSince1970 / 86_400).rounded(.down))
            var referrers: [(domain: String, views: Int)] = []
            for _ in 0..<100 where referrers.isEmpty {
                try await Task.sleep(for: .milliseconds(50))
                referrers = try await site.stores.audience.topReferrers(fromDay: day, article: nil, limit: 5)
            }
            #expect(referrers.map(\.domain) == ["search.example"])
        }
    }

    @Test func countsSurviveARestartBecauseShutdownFlushes() async throws {
        let folder = try TemporaryFolders.folder("data")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = TestClock(TestSupport.now.addingTimeInterval(9 * 86_400))
        let fromHour = HourlyViews.hour(of: clock.now) - 1
        // An hour between flushes: the counts can only reach the database through the shutdown flush.
        let (ferryID, before) = try await withTestApp(clock: clock.clock, dataDirectory: folder, viewFlushInterval: .seconds(3600)) { site in
            let ferry = try await Self.id(site, "ferry-fares-freeze")
            let before = try await site.stores.audience.totals(fromHour: fromHour)[ferry] ?? 0
            _ = try await Self.view(site, ferry, count: 6)
            return (ferry, before)
        }
        try await withTestApp(clock: clock.clock, dataDirectory: folder) { site in
            let totals = try await site.stores.audience.totals(fromHour: fromHour)
            #expect(totals[ferryID] == before + 6)
        }
    }

    @Test func readerPagesCarryTheBeaconAndNoCookie() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: "/2026/11/24/ferry-fares-freeze", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<script src=\"/assets/beacon.js\" defer data-article=\""))
                #expect(html.contains("<noscript><img class=\"beacon\" src=\"/api/v1/views.gif?article="))
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }
}

@Suite("Audience dashboard")
struct AudienceDashboardTests {
    static let seed: @Sendable (Stores) async throws -> Void = { stores in
        try await TestSupport.makeAccount(stores, email: "ed@courier.example", role: .editor)
        try await TestSupport.makeAccount(stores, email: "priya@courier.example", role: .author, author: Slug(from: "priya-raman"))
    }

    @Test func editorsSeeChartsListsAndReferrersAndAuthorsSeeTheirOwnStats() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let editor = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let page = try await editor.get("/admin/audience")
            #expect(page.status == .ok)
            #expect(page.body.contains("<svg class=\"chart\""))
            #expect(page.body.contains("aria-label=\"Views per hour, last 48 hours\""))
            #expect(page.body.contains("Most read now"))
            #expect(PageText.text(of: page.body).contains("Harbor League Final"))
            let eelgrass = try #require(try await site.stores.articles.article(slug: Slug(from: "kbu-study-eelgrass-carbon")!))
            let priya = try await AdminSession.signIn(site.client, email: "priya@courier.example")
            #expect(try await priya.get("/admin/audience").status == .forbidden)
            let own = try await priya.get("/admin/articles/\(eelgrass.id)")
            #expect(own.status == .ok)
            #expect(own.body.contains("views in 24 hours"))
            #expect(own.body.contains("aria-label=\"Views per day, last 14 days\""))
        }
    }
}
