import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import Testing

@testable import MastheadWeb

@Suite("JSON API", .onEveryEngine)
struct APITests {
    static let seed: @Sendable (Stores) async throws -> Void = { stores in
        try await TestSupport.makeAccount(stores, email: "ed@courier.example", role: .editor)
        try await TestSupport.makeAccount(stores, email: "hannah@courier.example", role: .contributor, author: Slug(from: "hannah-weiss"))
    }

    static func token(_ site: TestSite, _ email: String) async throws -> String {
        try await Accounts.createToken(site.configuration, email: email, label: "test").token
    }

    static func call(
        _ site: TestSite,
        _ method: HTTPRequest.Method,
        _ uri: String,
        token: String?,
        json: String? = nil
    ) async throws -> (status: HTTPResponse.Status, body: [String: Any], headers: HTTPFields) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await site.client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
            let object = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
            return (response.status, object, response.headers)
        }
    }

    @Test func withoutAValidTokenEverythingIs401ProblemDetails() async throws {
        try await withTestApp(setup: Self.seed) { site in
            for token in [nil, "mh_not-a-real-token"] {
                let answer = try await Self.call(site, .get, "/api/v1/articles", token: token)
                #expect(answer.status == .unauthorized)
                #expect(answer.headers[.contentType] == "application/problem+json")
                #expect(answer.body["status"] as? Int == 401)
                #expect((answer.body["detail"] as? String)?.contains("Bearer") == true)
            }
        }
    }

    @Test func anEmptyDatelineZoneMeansTheSitesZone() async throws {
        // Found by Schemathesis's stateful phase: "" is valid by the document, and was refused.
        try await withTestApp(setup: Self.seed) { site in
            let token = try await Self.token(site, "ed@courier.example")
            let author = try #require(try await site.stores.taxonomy.author(slug: Slug(from: "marisol-vega")!)).id
            let body = #"{"headline": "Zone-less", "sectionId": 1, "authorIds": [\#(author)], "body": "x", "datelineZone": ""}"#
            let created = try await Self.call(site, .post, "/api/v1/articles", token: token, json: body)
            #expect(created.status == .created, "\(created.body)")
            let id = try #require(created.body["id"] as? Int)
            #expect(try await site.stores.articles.article(id: ArticleID(Int64(id)))?.datelineZone == nil)
        }
    }

    @Test func anEditorCreatesPublishesAndUnpublishesThroughTheAPI() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let token = try await Self.token(site, "ed@courier.example")
            let author = try #require(try await site.stores.taxonomy.author(slug: Slug(from: "marisol-vega")!)).id
            let body = """
                {"headline": "Wire: Bridge Inspection Passes", "sectionId": 1, "authorIds": [\(author)], "tags": ["Infrastructure"],
                 "body": "The bridge passed.", "id": 999, "createdBy": 1, "role": "admin"}
                """
            let created = try await Self.call(site, .post, "/api/v1/articles", token: token, json: body)
            #expect(created.status == .created)
            #expect(created.body["status"] as? String == "draft")
            let id = try #require(created.body["id"] as? Int)
            #expect(id != 999)  // server-owned fields in the body are ignored
            let published = try await Self.call(site, .post, "/api/v1/articles/\(id)/publish", token: token)
            #expect(published.status == .ok)
            let url = try #require(published.body["url"] as? String)
            #expect(url == "https://courier.example/2026/11/30/wire-bridge-inspection-passes")
            try await site.client.execute(uri: "/2026/11/30/wire-bridge-inspection-passes", method: .get) { #expect($0.status == .ok) }
            #expect(try await Self.call(site, .post, "/api/v1/articles/\(id)/unpublish", token: token).status == .ok)
            try await site.client.execute(uri: "/2026/11/30/wire-bridge-inspection-passes", method: .get) { #expect($0.status == .gone) }
            let listed = try await Self.call(site, .get, "/api/v1/articles?status=unpublished&limit=5", token: token)
            #expect((listed.body["items"] as? [[String: Any]])?.first?["id"] as? Int == id)
        }
    }

    @Test func aContributorTokenCannotPublishOrSeeOthersDrafts() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let token = try await Self.token(site, "hannah@courier.example")
            let hannah = try #require(try await site.stores.taxonomy.author(slug: Slug(from: "hannah-weiss")!)).id
            let attempt = try await Self.call(
                site,
                .post,
                "/api/v1/articles",
                token: token,
                json: #"{"headline": "Straight to Print", "sectionId": 1, "authorIds": [\#(hannah)], "body": "x", "status": "published"}"#
            )
            #expect(attempt.status == .forbidden)
            #expect(attempt.headers[.contentType] == "application/problem+json")
            // Someone else's article is invisible to a contributor.
            let other = try #require(try await site.stores.articles.article(slug: Slug(from: "council-approves-harbor-seawall-plan")!)).id
            #expect(try await Self.call(site, .get, "/api/v1/articles/\(other)", token: token).status == .notFound)
            #expect(try await Self.call(site, .post, "/api/v1/articles/\(other)/unpublish", token: token).status == .notFound)
        }
    }

    @Test(arguments: [
        "not json", "{", "[]", #"{"headline": 7}"#, #"{"headline": "x", "sectionId": 1, "authorIds": [], "body": "x"}"#,
        String(repeating: "[", count: 10_000),
        #"{"headline": "x", "sectionId": 1, "authorIds": [1], "body": "x", "status": "live"}"#,
    ])
    func malformedBodiesAre400AndChangeNothing(_ json: String) async throws {
        try await withTestApp(setup: Self.seed) { site in
            let token = try await Self.token(site, "ed@courier.example")
            let before = try await site.stores.articles.count()
            let answer = try await Self.call(site, .post, "/api/v1/articles", token: token, json: json)
            #expect(answer.status == .badRequest, "\(answer.body)")
            #expect(answer.body["title"] as? String == "Bad Request")
            #expect(try await site.stores.articles.count() == before)
        }
    }

    @Test(arguments: [
        #"{"headline": "x", "sectionId": 99, "authorIds": [1], "body": "x"}"#, #"{"headline": "x", "sectionId": 1, "authorIds": [999], "body": "x"}"#,
    ])
    func aBodyNamingWhatTheSiteDoesNotHaveIs409AndChangesNothing(_ json: String) async throws {
        // Well-formed, valid by the OpenAPI document, but in conflict with the site's state.
        try await withTestApp(setup: Self.seed) { site in
            let token = try await Self.token(site, "ed@courier.example")
            let before = try await site.stores.articles.count()
            let answer = try await Self.call(site, .post, "/api/v1/articles", token: token, json: json)
            #expect(answer.status == .conflict, "\(answer.body)")
            #expect(try await site.stores.articles.count() == before)
        }
    }

    @Test func aRefusedSaveLeavesNoTagBehind() async throws {
        // Tags used to be created one by one before the save, so a save refused afterwards
        // (a taken slug, a missing author) left a public-looking tag named by anyone.
        try await withTestApp(setup: Self.seed) { site in
            let editor = try await Self.token(site, "ed@courier.example")
            let contributor = try await Self.token(site, "hannah@courier.example")
            let hannah = try #require(try await site.stores.taxonomy.author(slug: Slug(from: "hannah-weiss")!)).id
            let before = try await site.stores.taxonomy.tags().count
            let refusals: [(String, String, HTTPResponse.Status)] = [
                (
                    editor,
                    #"{"headline": "x", "slug": "council-approves-harbor-seawall-plan", "sectionId": 1, "authorIds": [1], "body": "x", "tags": ["Merger with X"]}"#,
                    .conflict
                ),
                (editor, #"{"headline": "x", "sectionId": 1, "authorIds": [999], "body": "x", "tags": ["Merger with X"]}"#, .conflict),
                (
                    contributor,
                    #"{"headline": "x", "sectionId": 1, "authorIds": [\#(hannah)], "body": "x", "status": "published", "tags": ["Merger with X"]}"#,
                    .forbidden
                ),
            ]
            for (token, json, status) in refusals {
                #expect(try await Self.call(site, .post, "/api/v1/articles", token: token, json: json).status == status, "\(json)")
            }
            #expect(try await site.stores.taxonomy.tag(slug: Slug(from: "merger-with-x")!) == nil)
            #expect(try await site.stores.taxonomy.tags().count == before)
            // The same body with a free slug saves, and its tag comes with it.
            let saved = try await Self.call(
                site,
                .post,
                "/api/v1/articles",
                token: editor,
                json: refusals[0].1.replacingOccurrences(of: "council-approves-harbor-seawall-plan", with: "merger-talks")
            )
            #expect(saved.status == .created, "\(saved.body)")
            #expect(saved.body["tags"] as? [String] == ["Merger with X"])
        }
    }

    @Test(arguments: ["limit=-1", "limit=0", "limit=1e9", "limit=abc", "page=0", "status=live"])
    func badListParametersAre400(_ query: String) async throws {
        try await withTestApp(setup: Self.seed) { site in
            let token = try await Self.token(site, "ed@courier.example")
            #expect(try await Self.call(site, .get, "/api/v1/articles?\(query)", token: token).status == .badRequest)
        }
    }

    /// The OpenAPI document and the server agree: every operation it lists is served,
    /// and every API route is in it.
    @Test func theOpenAPIDocumentDescribesExactlyTheRoutes() async throws {
        try await withTestApp(setup: Self.seed) { site in
            let token = try await Self.token(site, "ed@courier.example")
            let document = try await site.client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            }
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var operations: Set<String> = []
            for (path, item) in paths {
                for method in item.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                    operations.insert("\(method.uppercased()) \(path)")
                    // Public operations (the view beacon) have their own tests and take no JSON.
                    if let operation = item[method] as? [String: Any], let security = operation["security"] as? [Any], security.isEmpty { continue }
                    let uri = "/api/v1" + path.replacingOccurrences(of: "{id}", with: "2")
                    let json = method == "get" ? nil : #"{"headline": "Spec", "sectionId": 1, "authorIds": [1], "body": "x"}"#
                    let answer = try await Self.call(site, HTTPRequest.Method(rawValue: method.uppercased())!, uri, token: token, json: json)
                    #expect(answer.status.code < 400, "\(method.uppercased()) \(uri) answered \(answer.status)")
                }
            }
            let served: Set<String> = [
                "GET /articles", "POST /articles", "GET /articles/{id}", "PUT /articles/{id}", "POST /articles/{id}/publish",
                "POST /articles/{id}/unpublish", "GET /sections", "GET /tags", "GET /authors", "GET /media", "POST /views", "GET /views.gif",
            ]
            #expect(operations == served)
        }
    }
}

/// Found by the battery's J1 row: a body naming a field twice was accepted, with
/// whichever copy the decoder preferred.
@Suite("JSON with a key written twice")
struct DuplicateKeyTests {
    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, "a"), (#"{"a": {"b": 1, "b": 2}}"#, "b"), (#"{"x": [{"k": 1}, {"k": 2}], "x": 3}"#, "x"),
        (#"{"a": "\"a\"", "b": 1}"#, nil), (#"[{"a": 1}, {"a": 1}]"#, nil), (#"{"a": 1, "b": {"a": 2}}"#, nil),
    ])
    func findsTheFirstKeyWrittenTwiceInOneObject(_ json: String, _ key: String?) {
        #expect(DuplicateKeys.first(in: Array(json.utf8)) == key)
    }
}
