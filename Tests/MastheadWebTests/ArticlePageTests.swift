import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

@testable import MastheadWeb

@Suite("Article page", .onEveryEngine)
struct ArticlePageTests {
    /// The demo article about the courthouse: two tags, a correction, a lead photo.
    /// Published 88 hours before the fixed test clock: 2026-11-26 20:00 UTC, 3 PM EST.
    static let courthouse = "/2026/11/26/courthouse-renovation-delays"

    @Test func showsTheElevenPartsOfTheAnatomyInOrder() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: Self.courthouse, method: .get) { response in
                #expect(response.status == .ok)
                let text = PageText.text(of: String(buffer: response.body))
                let parts = [
                    "Courthouse Renovation Falls a Year Behind Schedule",  // 1 headline
                    "By Grace Adeyemi | Nov 26, 2026 03:00 PM EST",  // 2 byline and date in the site's zone
                    "Updated Nov 27, 2026 11:00 AM EST",  // …updated after publication
                    "Photo: Courier Graphics",  // 3 lead photo credit
                    "The county courthouse has been wrapped in scaffolding since spring.",  // …and caption
                    "The restoration of the county courthouse will finish a year later",  // 4 body
                    "Follow The Kestrel Bay Courier Mastodon Bluesky Newsletter",  // …follow box after paragraph 3
                    "The county will cover the increase",  // …body continues
                    "Correction, Nov 27, 2026 11:00 AM EST: An earlier version",  // 5 corrections
                    "Tags Courts Budget",  // 6 tags
                    "© 2026 The Kestrel Bay Courier. All rights reserved.",  // 7 rights line
                    "Editor's Picks",  // 8
                    "Most Popular",  // 9
                    "Latest News", "Full Article",  // 10
                    "Trending",  // 11
                ]
                #expect(
                    PageText.firstOutOfOrder(parts, in: text) == nil,
                    "out of order: \(PageText.firstOutOfOrder(parts, in: text) ?? "") in \(text)"
                )
            }
        }
    }

    @Test func linksAuthorsTagsAndSectionToTheirPages() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: Self.courthouse, method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<a href=\"/author/grace-adeyemi\" rel=\"author\">Grace Adeyemi</a>"))
                #expect(html.contains("<a href=\"/tag/courts\" rel=\"tag\">Courts</a>"))
                #expect(html.contains("<a href=\"/section/politics\">Politics</a>"))
                #expect(html.contains("<link rel=\"canonical\" href=\"https://courier.example\(Self.courthouse)\">"))
                #expect(html.contains("alt=\"Scaffolding around the columns of a stone courthouse\""))
            }
        }
    }

    @Test func multipleAuthorsAreJoinedInBylineOrder() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: "/2026/11/24/minor-league-stadium-vote", method: .get) { response in
                let text = PageText.text(of: String(buffer: response.body))
                #expect(text.contains("By Grace Adeyemi and Marisol Vega |"))
            }
        }
    }

    @Test func wireCopyShowsItsOwnRightsLine() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: "/2026/11/25/wire-state-budget-surplus", method: .get) { response in
                let text = PageText.text(of: String(buffer: response.body))
                #expect(text.contains("© 2026 Valley Wire Service. Used by The Kestrel Bay Courier with permission."))
                #expect(!text.contains("Do not reproduce without permission"))
            }
        }
    }

    @Test func summerArticlesShowDaylightTime() async throws {
        // 2,900 hours before the test clock is early August: Eastern Daylight Time.
        try await withTestApp { site in
            try await site.client.execute(uri: "/2026/08/01/heat-wave-cooling-centers", method: .get) { response in
                #expect(response.status == .ok)
                let text = PageText.text(of: String(buffer: response.body))
                #expect(text.contains("Aug 01, 2026 12:00 PM EDT"), "\(text.prefix(600))")
            }
        }
    }

    @Test func aWrongDateInTheURLRedirectsToTheCanonicalOne() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: "/2020/01/01/courthouse-renovation-delays", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == Self.courthouse)
            }
        }
    }

    @Test func publicPagesSetNoCookiesAndCarrySecurityHeaders() async throws {
        try await withTestApp { site in
            for uri in ["/", Self.courthouse, "/section/news", "/no-such-page"] {
                try await site.client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.setCookie] == nil)
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                }
            }
        }
    }

    @Test func structuredDataDescribesTheArticleItsCorrectionAndItsPlace() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: Self.courthouse, method: .get) { response in
                let html = String(buffer: response.body)
                let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
                let json = String(html[start.upperBound...].prefix { $0 != "<" })
                let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                let graph = try #require(object["@graph"] as? [[String: Any]])
                let news = try #require(graph.first { $0["@type"] as? String == "NewsArticle" })
                #expect(news["headline"] as? String == "Courthouse Renovation Falls a Year Behind Schedule")
                #expect(news["datePublished"] as? String == "2026-11-26T15:00:00-05:00")
                #expect(news["dateModified"] as? String == "2026-11-27T11:00:00-05:00")
                #expect((news["author"] as? [[String: Any]])?.first?["name"] as? String == "Grace Adeyemi")
                #expect((news["image"] as? [String])?.first?.hasPrefix("https://courier.example/media/") == true)
                #expect((news["correction"] as? [[String: Any]])?.first?["@type"] as? String == "CorrectionComment")
                let crumbs = try #require(graph.first { $0["@type"] as? String == "BreadcrumbList" })
                #expect((crumbs["itemListElement"] as? [[String: Any]])?.count == 3)
                #expect(html.contains("<meta property=\"og:image\" content=\"https://courier.example/media/"))
                #expect(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
                // The publisher has the logo Google asks for, and the photo its text alternative for cards.
                let publisher = try #require(news["publisher"] as? [String: Any])
                #expect((publisher["logo"] as? [String: Any])?["url"] as? String == "https://courier.example/assets/logo.png")
                #expect(html.contains("<meta property=\"og:locale\" content=\"en_US\">"))
                #expect(html.contains("<meta property=\"og:image:alt\" content=\""))
                #expect(html.contains("<meta name=\"twitter:image:alt\" content=\""))
            }
            // The logo is there to be fetched.
            try await site.client.execute(uri: "/assets/logo.png", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytesView.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            }
        }
    }

    @Test(arguments: [("en", "en_US"), ("en-GB", "en_GB"), ("de", "de_DE"), ("pt", "pt_BR"), ("fr_CA", "fr_CA"), ("<x>", "en_US")])
    func theSitesLanguageAsAnOpenGraphLocale(_ language: String, _ locale: String) {
        #expect(SiteChrome.openGraphLocale(language) == locale)
    }
}
