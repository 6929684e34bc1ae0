import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import MastheadWeb
import Testing

@Suite("Bad requests and missing pages")
struct ErrorPageTests {
    @Test(arguments: [
        "/no-such-page", "/section/no-such-section", "/tag/nope", "/author/nobody", "/2026/11/26/no-such-article",
        "/2026/13/01/courthouse-renovation-delays", "/2026/02/30", "/26/11/26/courthouse-renovation-delays", "/2026/1x/26",
        "/section/UPPER", "/1999/01/01", "/section/news?page=99", "/media/nothing.png", "/a/b/c/d/e/f",
    ])
    func unknownAddressesGetTheThemed404Page(_ uri: String) async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                let html = String(buffer: response.body)
                #expect(html.contains("Page not found"))
                #expect(html.contains("The Kestrel Bay Courier"))
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
        }
    }

    @Test(arguments: ["/?page=0", "/?page=-1", "/?page=abc", "/?page=1e9", "/section/news?page=99999999999"])
    func malformedPageNumbersAre400(_ uri: String) async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("That request did not make sense"))
            }
        }
    }

    @Test func traversalOutOfTheMediaFolderFinds_nothing() async throws {
        try await withTestApp { site in
            for uri in ["/media/../masthead.sqlite", "/media/%2e%2e/masthead.sqlite", "/assets/../layout.mustache"] {
                try await site.client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound || response.status == .badRequest, "\(uri)")
                    #expect(!String(buffer: response.body).contains("SQLite format"))
                }
            }
        }
    }

    @Test func methodsTheSiteNeverServesAre405() async throws {
        try await withTestApp { site in
            for method in [HTTPRequest.Method.trace, HTTPRequest.Method(rawValue: "PROPFIND")!] {
                try await site.client.execute(uri: "/", method: method) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.allow] == "GET, HEAD")
                }
            }
        }
    }
}

@Suite("Methods an address does not serve")
struct MethodNotAllowedTests {
    @Test(arguments: [
        ("/api/v1/articles", HTTPRequest.Method.delete, "GET, HEAD, POST"),
        ("/api/v1/articles", .patch, "GET, HEAD, POST"),
        ("/api/v1/articles/7", .delete, "GET, HEAD, PUT"),
        ("/api/v1/sections", .post, "GET, HEAD"),
        ("/admin/articles", .get, "POST"),
        ("/sitemap.xml", .post, "GET, HEAD"),
        ("/media/photo.jpg", .delete, "GET, HEAD"),
        ("/", .trace, "GET, HEAD"),
    ])
    func answers405WithTheMethodsItServes(_ path: String, _ method: HTTPRequest.Method, _ allow: String) async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: path, method: method) { response in
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allow, "\(method) \(path)")
            }
        }
    }

    @Test func anAddressNoRouteKnowsIsStill404() async throws {
        try await withTestApp { site in
            for (path, method) in [("/no/such/address/here", HTTPRequest.Method.get), ("/api/v1/nothing/here/at/all", .delete)] {
                try await site.client.execute(uri: path, method: method) { response in
                    #expect(response.status == .notFound, "\(method) \(path)")
                }
            }
        }
    }
}

@Suite("Storage full")
struct StorageFullTests {
    @Test func aFullDiskIsAnsweredWith507() {
        #expect(MastheadError(.storageFull, "full").status.code == 507)
    }
}
