import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import Testing

@Suite("Operations: health, readiness, metrics")
struct OperationsTests {
    @Test func metricsCountRequestsByRouteAndTheCacheAndAreForTheMachineOnly() async throws {
        try await withTestApp(overHTTP: true) { site in
            for uri in ["/", "/", "/section/news", "/no-such-page", ArticlePageTests.courthouse] {
                try await site.client.execute(uri: uri, method: .get) { _ in }
            }
            for uri in ["/healthz", "/readyz"] {
                let status = try await site.client.execute(uri: uri, method: .get) { $0.status }
                #expect(status == .ok)
            }
            let text = try await site.client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                return String(buffer: response.body)
            }
            // Route patterns, not raw paths, label the counts.
            #expect(text.contains(#"masthead_http_requests_total{method="GET",route="/",status="200"} 2"#))
            #expect(text.contains(#"masthead_http_requests_total{method="GET",route="/section/{slug}",status="200"} 1"#))
            #expect(text.contains(#"route="/{year}/{month}/{day}/{slug}""#))
            #expect(text.contains(#"status="404""#))
            #expect(text.contains("masthead_http_request_duration_seconds_bucket"))
            #expect(text.contains("masthead_page_cache_hits_total 1"), "the second home page came from the cache")
            #expect(text.contains("masthead_page_cache_renders_total 4"), "home, section, article and the 404 page, each rendered once")
            #expect(text.contains("masthead_database_up 1"))
            #expect(text.contains("masthead_views_counted_total 0"))
            // Totals since start are counters, as Prometheus's conventions want; a second scrape moves them on, not twice.
            for name in [
                "page_cache_hits", "page_cache_misses", "page_cache_renders", "views_counted", "views_deduplicated", "views_from_bots", "views_shed",
            ] {
                #expect(text.contains("# TYPE masthead_\(name)_total counter"), "\(name)")
            }
            #expect(!text.contains("# TYPE masthead_page_cache_hits gauge"))
            _ = try await site.client.execute(uri: "/", method: .get) { _ in }
            let again = try await site.client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            #expect(again.contains("masthead_page_cache_hits_total 2"))
            // Through a proxy, whichever header it adds, the metrics do not exist.
            for (name, value) in [
                ("X-Forwarded-For", "198.51.100.7"), ("Forwarded", "for=198.51.100.7"), ("X-Real-IP", "198.51.100.7"), ("Via", "1.1 proxy"),
                ("True-Client-IP", "198.51.100.7"),
            ] {
                try await site.client.execute(uri: "/metrics", method: .get, headers: [HTTPField.Name(name)!: value]) {
                    #expect($0.status == .notFound, "\(name)")
                }
            }
        }
    }

    @Test func metricsAreNotServedToAnUnknownPeer() async throws {
        // The in-process router test has no TCP peer: like a stranger, it gets a 404.
        try await withTestApp { site in
            let status = try await site.client.execute(uri: "/metrics", method: .get) { $0.status }
            #expect(status == .notFound)
        }
    }
}
