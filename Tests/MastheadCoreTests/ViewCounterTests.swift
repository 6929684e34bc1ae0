import Foundation
import MastheadCore
import Testing

@Suite("Counting views")
struct ViewCounterTests {
    let now = Date(timeIntervalSince1970: 1_796_040_000)
    let article = ArticleID(7)

    @Test func aRepeatWithinHalfAnHourCountsOnce() {
        let counter = ViewCounter()
        #expect(counter.record(article: article, address: "198.51.100.7", userAgent: "Firefox", referrerDomain: nil, at: now) == .counted)
        #expect(counter.record(article: article, address: "198.51.100.7", userAgent: "Firefox", referrerDomain: nil, at: now + 600) == .duplicate)
        #expect(counter.record(article: article, address: "198.51.100.7", userAgent: "Firefox", referrerDomain: nil, at: now + 1_900) == .counted)
        // Another reader, or another article, is another view.
        #expect(counter.record(article: article, address: "198.51.100.8", userAgent: "Firefox", referrerDomain: nil, at: now) == .counted)
        #expect(counter.record(article: ArticleID(8), address: "198.51.100.7", userAgent: "Firefox", referrerDomain: nil, at: now) == .counted)
        let batch = counter.drain()
        #expect(batch.views.map(\.views).reduce(0, +) == 4)
        #expect(counter.statistics.duplicates == 1)
        #expect(counter.drain().views.isEmpty)
    }

    @Test func memoryIsBoundedAndTheExcessIsShed() {
        let counter = ViewCounter(maximumVisitors: 100)
        for index in 0..<150 {
            counter.record(article: article, address: "203.0.113.\(index)", userAgent: "Safari", referrerDomain: nil, at: now)
        }
        #expect(counter.statistics.counted == 100)
        #expect(counter.statistics.shed == 50)
        // Once the window has passed, remembered visits are forgotten and counting resumes.
        #expect(counter.record(article: article, address: "203.0.113.200", userAgent: "Safari", referrerDomain: nil, at: now + 3_600) == .counted)
    }

    @Test func countsGoBackAfterAFailedFlush() {
        let counter = ViewCounter()
        counter.record(article: article, address: "a", userAgent: "b", referrerDomain: "news.example", at: now)
        let batch = counter.drain()
        counter.restore(batch)
        let again = counter.drain()
        #expect(again.views.map(\.views) == [1])
        #expect(again.referrers.map(\.domain) == ["news.example"])
    }

    @Test(arguments: [
        "Googlebot/2.1 (+http://www.google.com/bot.html)", "facebookexternalhit/1.1", "curl/8.5.0", "python-requests/2.31",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36", "",
    ])
    func machinesAreNotReaders(_ userAgent: String) {
        #expect(BotRules.isBot(userAgent))
    }

    @Test func browsersAreReaders() {
        #expect(!BotRules.isBot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1"))
        #expect(!BotRules.isBot("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"))
    }

    @Test func theByteScanAgreesWithPlainSubstringSearch() {
        // Random user agents built from browser words, pattern pieces and odd characters, in mixed case.
        let pieces = [
            "Mozilla/5.0", " (X11; Linux)", "Gecko", "Safari", "bo", "t", "BOT", "Crawl", "spid", "er", "curl", "/", "é", "日本",
            "Preview", "java", "/8", "monit", "or", " ", "ARCHIVE.ORG_", "Bot", "python-", "requests",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let agent = (0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let expected = BotRules.patterns.contains { agent.lowercased().contains($0) }
            #expect(BotRules.isBot(agent) == expected, "\(agent)")
        }
    }

    @Test func onlyTheReferrersDomainIsKept() {
        #expect(ReferrerViews.domain(of: "https://www.search.example/q?secret=1", siteHost: "courier.example") == "search.example")
        #expect(ReferrerViews.domain(of: "https://courier.example/2026/11/30/x", siteHost: "courier.example") == nil)
        #expect(ReferrerViews.domain(of: "android-app://com.example", siteHost: nil) == nil)
        #expect(ReferrerViews.domain(of: "not a url", siteHost: nil) == nil)
        #expect(ReferrerViews.domain(of: "", siteHost: nil) == nil)
    }
}

@Suite("View budgets per address")
struct ViewBudgetTests {
    let now = Date(timeIntervalSince1970: 1_796_040_000)

    @Test func rotatingUserAgentsFromOneAddressBuyTenViewsAnHour() {
        let counter = ViewCounter()
        var outcomes: [ViewCounter.Outcome] = []
        for index in 0..<300 {
            outcomes.append(
                counter.record(article: ArticleID(7), address: "198.51.100.7", userAgent: "Browser/\(index)", referrerDomain: nil, at: now)
            )
        }
        #expect(outcomes.filter { $0 == .counted }.count == 10)
        #expect(counter.statistics.overBudget == 290)
        // Another reader elsewhere still counts; the same address counts again in the next hour.
        #expect(counter.record(article: ArticleID(7), address: "198.51.100.8", userAgent: "Browser/1", referrerDomain: nil, at: now) == .counted)
        #expect(
            counter.record(article: ArticleID(7), address: "198.51.100.7", userAgent: "Browser/999", referrerDomain: nil, at: now + 3_600)
                == .counted
        )
    }

    @Test func oneAddressSprayingEveryArticleStopsAtItsHourlyTotal() {
        let counter = ViewCounter(budget: .init(perArticle: 10, perAddress: 50))
        for article in 1...200 {
            counter.record(article: ArticleID(Int64(article)), address: "2001:db8::1", userAgent: "Reader", referrerDomain: nil, at: now)
        }
        #expect(counter.statistics.counted == 50)
        #expect(counter.drain().views.map(\.views).reduce(0, +) == 50)
    }
}
