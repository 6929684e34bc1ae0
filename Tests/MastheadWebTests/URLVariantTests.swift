import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

/// One canonical address per page, and redirects that never leave the site.
@Suite("URL variants and redirect targets")
struct URLVariantTests {
    static let article = "/2026/11/30/council-approves-harbor-seawall-plan"

    func answer(_ site: TestSite, _ uri: String) async throws -> (HTTPResponse.Status, String?) {
        try await site.client.execute(uri: uri, method: .get) { ($0.status, $0.headers[.location]) }
    }

    @Test(arguments: [
        (article + "/", article), ("/2026/11/30//council-approves-harbor-seawall-plan", article),
        ("/2026/11/30/council-approves-harbor-%73eawall-plan", article), ("/section//politics/?page=1", "/section/politics?page=1"),
        ("/tag/harbor//", "/tag/harbor"), ("/search/?q=seawall", "/search?q=seawall"),
    ])
    func variantsAnswer301ToTheCanonicalAddress(_ variant: String, _ canonical: String) async throws {
        try await withTestApp { site in
            let got = try await answer(site, variant)
            #expect(got.0 == .movedPermanently && got.1 == canonical, "\(got)")
        }
    }

    @Test func variantsDoNotFillThePageCache() async throws {
        try await withTestApp(overHTTP: true) { site in
            _ = try await answer(site, Self.article)
            let pages = { @Sendable () async throws -> String in
                let metrics = try await site.client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
                return metrics.split(separator: "\n").first { $0.hasPrefix("masthead_page_cache_pages ") }.map(String.init) ?? ""
            }
            let before = try await pages()
            for count in 2...41 {
                let variant = Self.article.replacingOccurrences(of: "/council", with: String(repeating: "/", count: count) + "council")
                let got = try await answer(site, variant)
                #expect(got.0 == .movedPermanently)
            }
            #expect(try await pages() == before)
        }
    }

    @Test(arguments: ["/media//library", "/media/%2Flibrary", "/media/%2F%2Fevil.example", "/media/demo", "/assets//x", "/media/%5Cevil.example"])
    func fileFoldersNeverRedirectOffSite(_ uri: String) async throws {
        try await withTestApp { site in
            let (status, location) = try await answer(site, uri)
            if let location { #expect(SameSitePath.check(location) != nil, "\(uri) → \(location)") }
            #expect(status == .notFound || status == .movedPermanently, "\(uri): \(status)")
        }
    }

    @Test func aStoredTargetThatLeavesTheSiteIsNeverAnswered() async throws {
        let setup: @Sendable (Stores) async throws -> Void = { stores in
            try await stores.archive.saveRedirects([
                PathRedirect(from: "/old-a", to: .path("/\\evil.example/")), PathRedirect(from: "/old-b", to: .path("/\t/evil.example")),
                PathRedirect(from: "/old-c", to: .path("//evil.example")), PathRedirect(from: "/old-d", to: .path("https://evil.example/x")),
                PathRedirect(from: "/old-e/", to: .path("/section/politics")),
            ])
        }
        try await withTestApp(setup: setup) { site in
            for old in ["/old-a", "/old-b", "/old-c", "/old-d"] {
                let got = try await answer(site, old)
                #expect(got.0 == .notFound, "\(old)")
                // With a trailing slash: sent to the canonical address, still on the site.
                let variant = try await answer(site, old + "/")
                #expect(variant.0 == .movedPermanently && variant.1 == old, "\(variant)")
            }
            let kept = try await answer(site, "/old-e/")
            #expect(kept.0 == .movedPermanently && kept.1 == "/section/politics")
        }
    }
}
