import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import Testing

@Suite("HTTP caching: validators, CDN headers, gzip")
struct HTTPCachingTests {
    static let courthouse = ArticlePageTests.courthouse
    static let surrogateKey = HTTPField.Name("Surrogate-Key")!
    static let cacheTag = HTTPField.Name("Cache-Tag")!

    @Test func readerPagesTellBrowsersAndCDNsHowLongToKeepThemAndWhatTheyShow() async throws {
        try await withTestApp { site in
            let id = try #require(try await site.stores.articles.article(slug: Slug(from: "courthouse-renovation-delays")!)).id
            try await site.client.execute(uri: Self.courthouse, method: .get) { response in
                #expect(response.headers[.cacheControl] == "public, max-age=60, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400")
                #expect(response.headers[.vary] == "Accept-Encoding")
                let keys = Set((response.headers[Self.surrogateKey] ?? "").split(separator: " ").map(String.init))
                // The stories it shows: its own and the related ones beside it (not its lists: see SurrogateKeys).
                let related = try await site.stores.articles.related(to: id, now: TestSupport.now).map { "related-\($0.id)" }
                #expect(!related.isEmpty)
                #expect(keys == Set(["site", "article-\(id)"] + related))
                #expect(Set((response.headers[Self.cacheTag] ?? "").split(separator: ",").map(String.init)) == keys)
                #expect(response.headers[.lastModified] != nil)
            }
            for (uri, key) in [("/", "home"), ("/section/politics", "section-politics"), ("/feed.xml", "feeds"), ("/sitemap.xml", "sitemaps")] {
                try await site.client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[Self.surrogateKey]?.split(separator: " ").contains(Substring(key)) == true, "\(uri)")
                }
            }
            // Search results and the newsroom are never cached by anyone.
            try await site.client.execute(uri: "/search?q=harbor", method: .get) { response in
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test func conditionalRequestsGet304WhenNothingChanged() async throws {
        try await withTestApp { site in
            let (etag, lastModified) = try await site.client.execute(uri: Self.courthouse, method: .get) { response in
                (try #require(response.headers[.eTag]), try #require(response.headers[.lastModified]))
            }
            let later = "Sun, 06 Nov 2044 08:49:37 GMT"
            let earlier = "Sun, 06 Nov 1994 08:49:37 GMT"
            let cases: [(HTTPFields, HTTPResponse.Status)] = [
                ([.ifNoneMatch: etag], .notModified),
                ([.ifNoneMatch: "W/" + etag], .notModified),
                ([.ifNoneMatch: "\"other\", " + etag], .notModified),
                ([.ifNoneMatch: "*"], .notModified),
                ([.ifNoneMatch: "\"other\""], .ok),
                ([.ifModifiedSince: lastModified], .notModified),
                ([.ifModifiedSince: later], .notModified),
                ([.ifModifiedSince: earlier], .ok),
                ([.ifModifiedSince: "yesterday"], .ok),
                // If-None-Match decides when both are sent.
                ([.ifNoneMatch: "\"other\"", .ifModifiedSince: later], .ok),
            ]
            for (headers, status) in cases {
                try await site.client.execute(uri: Self.courthouse, method: .get, headers: headers) { response in
                    #expect(response.status == status, "\(headers)")
                    if status == .notModified {
                        #expect(response.body.readableBytes == 0)
                        #expect(response.headers[.eTag] == etag)
                    }
                }
            }
            // Feeds answer conditional requests the same way.
            let feedTag = try await site.client.execute(uri: "/feed.xml", method: .get) { try #require($0.headers[.eTag]) }
            try await site.client.execute(uri: "/feed.xml", method: .get, headers: [.ifNoneMatch: feedTag]) { response in
                #expect(response.status == .notModified)
            }
        }
    }

    @Test func clientsThatAcceptGzipGetTheSamePageSmaller() async throws {
        try await withTestApp { site in
            let (plain, plainTag) = try await site.client.execute(uri: Self.courthouse, method: .get) { response in
                #expect(response.headers[.contentEncoding] == nil)
                return (response.body, try #require(response.headers[.eTag]))
            }
            try await site.client.execute(uri: Self.courthouse, method: .get, headers: [.acceptEncoding: "br, gzip;q=0.8"]) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                let gzipTag = try #require(response.headers[.eTag])
                #expect(gzipTag != plainTag, "each representation has its own strong validator")
                #expect(response.body.readableBytes < plain.readableBytes / 2)
                var body = response.body
                let inflated = try body.decompress(with: .gzip())
                #expect(inflated == plain)
                try await site.client.execute(uri: Self.courthouse, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: gzipTag]) {
                    #expect($0.status == .notModified)
                }
            }
            for refusal in ["gzip;q=0", "identity", "deflate", "GZIP; q=0.000"] {
                try await site.client.execute(uri: Self.courthouse, method: .get, headers: [.acceptEncoding: refusal]) { response in
                    #expect(response.headers[.contentEncoding] == nil, "\(refusal)")
                    #expect(response.body == plain)
                }
            }
        }
    }
}
