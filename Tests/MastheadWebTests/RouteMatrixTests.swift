import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadApp
import MastheadCore
import MastheadTesting
import MastheadWeb
import Testing

/// S-AC: every back-office and API route, asked as every role and as nobody,
/// against an article of one's own and another's, answers exactly as
/// `RoutePolicy.table` and `Policy` say. The table is the route list: a route
/// missing from it stops the router from being built at all.
@Suite("Role × route matrix")
struct RouteMatrixTests {
    enum Caller: String, CaseIterable {
        case admin, editor, author, contributor, nobody
        var role: Role? { Role(rawValue: rawValue) }
        var email: String { "\(rawValue)@courier.example" }
    }

    struct Credentials {
        var session: AdminSession?
        var token: String?
        var account: Account?
    }

    static let seed: @Sendable (Stores) async throws -> Void = { stores in
        try await TestSupport.makeAccount(stores, email: "admin@courier.example", role: .admin)
        try await TestSupport.makeAccount(stores, email: "editor@courier.example", role: .editor)
        try await TestSupport.makeAccount(stores, email: "author@courier.example", role: .author, author: Slug(from: "priya-raman"))
        try await TestSupport.makeAccount(stores, email: "contributor@courier.example", role: .contributor, author: Slug(from: "hannah-weiss"))
        try await TestSupport.makeAccount(stores, email: "spare@courier.example", role: .contributor)
    }

    @Test func everyGuardedRouteAnswersEveryCallerAsThePolicySays() async throws {
        try await withTestApp(setup: Self.seed) { site in
            var callers: [Caller: Credentials] = [:]
            for caller in Caller.allCases {
                guard caller != .nobody else {
                    callers[caller] = Credentials()
                    continue
                }
                callers[caller] = Credentials(
                    session: try await AdminSession.signIn(site.client, email: caller.email),
                    token: try await Accounts.createToken(site.configuration, email: caller.email, label: "matrix").token,
                    account: try await site.stores.accounts.credentials(email: caller.email)?.account
                )
            }
            let spare = try #require(try await site.stores.accounts.credentials(email: "spare@courier.example")?.account)
            var mismatches: [String] = []
            var asked = 0
            for (route, access) in RoutePolicy.table.sorted(by: { $0.key < $1.key }) where route != "POST /admin/logout" {
                for caller in Caller.allCases {
                    // Article routes are asked about the author's draft and the contributor's.
                    let owners: [Caller?] = if case .article = access { [.author, .contributor] } else { [nil] }
                    for owner in owners {
                        var path = String(route.split(separator: " ")[1])
                        var ownership: ArticleOwnership?
                        if let owner {
                            // A fresh draft each time: a request that publishes must not change the next answer.
                            let article = try await draft(by: owner, in: site)
                            let revision = try #require(try await site.stores.articles.revisions(of: article.id).first)
                            path = path.replacingOccurrences(of: "{id}", with: "\(article.id)").replacingOccurrences(
                                of: "{revision}",
                                with: "\(revision.id)"
                            )
                            ownership = callers[caller]?.account.map { ArticleOwnership.of(article, createdBy: article.createdBy, for: $0) }
                        }
                        path = path.replacingOccurrences(of: "{id}", with: "\(spare.id)")
                        let expected = Self.allows(access, caller: callers[caller]?.account, ownership: ownership)
                        let status = try await ask(route, path: path, as: callers[caller]!, in: site)
                        asked += 1
                        if status.code >= 500 { mismatches.append("\(route) as \(caller) answered \(status.code)") }
                        let denied = Self.isDenial(status, route: route, access: access)
                        if denied == expected {
                            mismatches.append(
                                "\(route) (\(path)) as \(caller)\(owner.map { " on \($0)'s draft" } ?? ""): expected \(expected ? "allowed" : "denied"), got \(status.code)"
                            )
                        }
                    }
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
            #expect(asked > 200)

            // Signing out: allowed to anyone signed in, and it ends the session.
            let editor = try #require(callers[.editor]?.session)
            #expect(try await editor.post("/admin/logout", []).status == .seeOther)
            #expect(try await editor.get("/admin").status != .ok)
        }
    }

    /// What `Policy` says the caller may do on this route.
    static func allows(_ access: RouteAccess, caller account: Account?, ownership: ArticleOwnership?) -> Bool {
        switch access {
        case .anyone: return true
        case .signedIn: return account != nil
        case .action(let action): return account.map { Policy.allows($0, action) } ?? false
        case .article(let use):
            guard let account, let ownership, Policy.allows(account, .viewArticle(ownership)) else { return false }
            switch use {
            case .view: return true
            case .edit: return Policy.allows(account, .editArticle(ownership))
            case .setStatus(let status):
                return Policy.allows(account, .editArticle(ownership)) && Policy.allows(account, .setStatus(status, ownership))
            }
        }
    }

    /// A refusal: 401/403, the sign-in page for a browser without a session, or a 404
    /// that hides an article the caller may not see.
    static func isDenial(_ status: HTTPResponse.Status, route: String, access: RouteAccess) -> Bool {
        // An open route may still turn bad credentials away (the login form's 401).
        if access == .anyone { return status == .forbidden }
        if status == .unauthorized || status == .forbidden { return true }
        if status == .notFound, case .article = access { return true }
        return false
    }

    func ask(_ route: String, path: String, as caller: Credentials, in site: TestSite) async throws -> HTTPResponse.Status {
        let method = HTTPRequest.Method(String(route.split(separator: " ")[0]))!
        var headers: HTTPFields = [:]
        var body = ByteBuffer()
        if path.hasPrefix("/api/") {
            if let token = caller.token { headers[.authorization] = "Bearer \(token)" }
            if method == .post || method == .put {
                headers[.contentType] = "application/json"
                body = ByteBuffer(string: "{}")
            }
        } else {
            if let session = caller.session { headers[.cookie] = session.cookie }
            if method == .post {
                headers = headers.merging(AdminSession.formHeaders())
                body = AdminSession.formBody([("csrf", caller.session?.csrf ?? "")])
            }
        }
        let status = try await site.client.execute(uri: path, method: method, headers: headers, body: body) { response in
            // A browser without a session is sent to sign in.
            response.status == .seeOther && (response.headers[.location] ?? "").hasPrefix("/admin/login") && caller.session == nil
                ? HTTPResponse.Status.unauthorized : response.status
        }
        return status
    }

    func draft(by owner: Caller, in site: TestSite) async throws -> Article {
        let account = try #require(try await site.stores.accounts.credentials(email: owner.email)?.account)
        let section = try #require(try await site.stores.taxonomy.sections().first)
        let publishing = Publishing(stores: site.stores, clock: TestSupport.clock)
        var input = ArticleInput(
            headline: "Matrix draft \(UUID().uuidString.prefix(8))",
            sectionID: section.id,
            authorIDs: [try #require(account.authorID)],
            bodyMarkdown: "Draft text.",
            status: .draft
        )
        // Two saves, so the newest revision has one before it to be compared with.
        input.id = try await publishing.save(input, by: account)
        input.bodyMarkdown = "Draft text, revised."
        let id = try await publishing.save(input, by: account)
        return try #require(try await site.stores.articles.article(id: id))
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        for field in other { merged.append(field) }
        return merged
    }
}

@Suite("Route policy table")
struct RoutePolicyTableTests {
    @Test func aGuardedRouteWithoutAnEntryIsNamed() {
        let router = Router()
        router.get("/admin/secret-new-page") { _, _ in "hello" }
        router.get("/admin/login") { _, _ in "form" }
        router.get("/section/news") { _, _ in "public" }
        #expect(RoutePolicy.guardedRoutes(of: router).sorted() == ["GET /admin/login", "GET /admin/secret-new-page"])
        #expect(RoutePolicy.guardedRoutes(of: router).filter { RoutePolicy.table[$0] == nil } == ["GET /admin/secret-new-page"])
    }
}
