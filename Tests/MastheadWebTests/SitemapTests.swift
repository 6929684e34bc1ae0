import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

@Suite("Sitemaps and robots.txt", .onEveryEngine)
struct SitemapTests {
    static func body(_ site: TestSite, _ uri: String, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, String, String?) {
        try await site.client.execute(uri: uri, method: .get, headers: headers) {
            ($0.status, String(buffer: $0.body), $0.headers[.contentType])
        }
    }

    @Test func theIndexListsEveryPartAndThePartsListEveryPublishedArticle() async throws {
        try await withTestApp { site in
            let (status, index, type) = try await Self.body(site, "/sitemap.xml")
            #expect(status == .ok)
            #expect(type == "application/xml; charset=utf-8")
            #expect(index.contains("<sitemap><loc>https://courier.example/sitemap-articles-1.xml</loc></sitemap>"))
            #expect(index.contains("<loc>https://courier.example/sitemap-news.xml</loc>"))
            let articles = try await Self.body(site, "/sitemap-articles-1.xml").1
            #expect(articles.components(separatedBy: "<url>").count - 1 == 42)
            #expect(
                articles.contains(
                    "<loc>https://courier.example/2026/11/26/courthouse-renovation-delays</loc><lastmod>2026-11-27T11:00:00-05:00</lastmod>"
                )
            )
            #expect(try await Self.body(site, "/sitemap-articles-2.xml").0 == .notFound)
            #expect(try await Self.body(site, "/sitemap-articles-abc.xml").0 == .notFound)
            let pages = try await Self.body(site, "/sitemap-pages.xml").1
            #expect(pages.contains("<loc>https://courier.example/section/politics</loc>"))
            #expect(pages.contains("<loc>https://courier.example/author/priya-raman</loc>"))
        }
    }

    @Test func theNewsSitemapHoldsTheLast48HoursOnly() async throws {
        try await withTestApp { site in
            let news = try await Self.body(site, "/sitemap-news.xml").1
            #expect(news.contains("<news:title>Council Approves $48 Million Seawall Plan After Four-Hour Debate</news:title>"))
            #expect(news.contains("<news:name>The Kestrel Bay Courier</news:name>"))
            #expect(!news.contains("courthouse-renovation-delays"))  // 88 hours old
        }
    }

    @Test func robotsPointsAtBothSitemapsAndIgnoresTheHostHeader() async throws {
        try await withTestApp { site in
            let (status, robots, _) = try await Self.body(site, "/robots.txt", headers: [HTTPField.Name("X-Forwarded-Host")!: "evil.example"])
            #expect(status == .ok)
            #expect(robots.contains("Sitemap: https://courier.example/sitemap.xml"))
            #expect(robots.contains("Sitemap: https://courier.example/sitemap-news.xml"))
            #expect(robots.contains("Disallow: /admin/"))
            #expect(!robots.contains("evil"))
        }
    }
}
