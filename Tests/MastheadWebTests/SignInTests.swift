import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import MastheadWeb
import Testing

@Suite("Signing in to the back office")
struct SignInTests {
    static let seedEditor: @Sendable (Stores) async throws -> Void = { stores in
        try await TestSupport.makeAccount(stores, email: "ed@courier.example", role: .editor)
    }

    @Test func backOfficePagesSendSignedOutVisitorsToTheLoginPage() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: "/admin", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/admin/login")
            }
            try await site.client.execute(uri: "/admin/articles/new", method: .get) { response in
                #expect(response.headers[.location] == "/admin/login?next=%2Fadmin%2Farticles%2Fnew")
            }
        }
    }

    @Test func sessionsEndAfterTwoHoursIdleOrTwelveHoursInAll() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock.clock, setup: Self.seedEditor) { site in
            let idle = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            clock.advance(by: 2 * 3600 + 60)
            #expect(try await idle.get("/admin").status == .seeOther, "two idle hours end a session")

            // Busy all day: still cut off twelve hours after signing in.
            let busy = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            for _ in 0..<11 {
                clock.advance(by: 3600)
                #expect(try await busy.get("/admin").status == .ok)
            }
            clock.advance(by: 3600 + 60)
            #expect(try await busy.get("/admin").status == .seeOther, "twelve hours end any session")
        }
    }

    @Test func signingInSetsAHardenedSessionCookieAndANewIdEachTime() async throws {
        try await withTestApp(setup: Self.seedEditor) { site in
            let first = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let second = try await AdminSession.signIn(site.client, email: "ED@courier.example ")
            #expect(first.cookie != second.cookie)
            // The test site's base URL is https, so the cookie is Secure and __Host- prefixed.
            #expect(first.cookie.hasPrefix("__Host-masthead_session="))
            #expect(first.cookie.count > "__Host-masthead_session=".count + 40)  // ≥ 128 bits of randomness
            try await site.client.execute(
                uri: "/admin/login",
                method: .post,
                headers: AdminSession.formHeaders(),
                body: AdminSession.formBody([("email", "ed@courier.example"), ("password", "correct horse battery staple")])
            ) { response in
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Lax"))
                #expect(cookie.contains("Path=/"))
                #expect(cookie.contains("Secure"))
            }
            #expect(try await first.get("/admin").status == .ok)
        }
    }

    @Test func unknownEmailsAndWrongPasswordsGetTheSameAnswer() async throws {
        try await withTestApp(setup: Self.seedEditor) { site in
            var answers: [(HTTPResponse.Status, Bool)] = []
            for email in ["ed@courier.example", "nobody@courier.example"] {
                try await site.client.execute(
                    uri: "/admin/login",
                    method: .post,
                    headers: AdminSession.formHeaders(),
                    body: AdminSession.formBody([("email", email), ("password", "wrong password, sorry")])
                ) { response in
                    #expect(response.headers[.setCookie] == nil)
                    answers.append((response.status, String(buffer: response.body).contains("That email and password do not match an account.")))
                }
            }
            #expect(answers.map(\.0) == [.unauthorized, .unauthorized])
            #expect(answers.map(\.1) == [true, true])
        }
    }

    @Test func repeatedFailuresAreThrottledWithRetryAfter() async throws {
        try await withTestApp(setup: Self.seedEditor) { site in
            for attempt in 1...11 {
                let (status, headers) = try await Self.attempt(site, "ed@courier.example", password: "guess number \(attempt)")
                if attempt <= 10 {
                    #expect(status == .unauthorized)
                } else {
                    #expect(status == .tooManyRequests)
                    #expect(Int(headers[.retryAfter] ?? "") ?? 0 > 0)
                }
            }
            // From the same address and a browser that never signed in, even the right password waits.
            #expect(try await Self.attempt(site, "ed@courier.example").status == .tooManyRequests)
        }
    }

    @Test func concurrentGuessesAreCountedBeforeThePasswordIsChecked() async throws {
        try await withTestApp(setup: Self.seedEditor) { site in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for attempt in 0..<30 {
                    group.addTask {
                        try await Self.attempt(site, "ed@courier.example", password: attempt == 29 ? nil : "wrong \(attempt)").status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            let checked = statuses.filter { $0 != .tooManyRequests }.count
            #expect(checked <= 10, "no more passwords checked than the limit, however many arrive at once")
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 20)
        }
    }

    static let seedEditorAndMallory: @Sendable (Stores) async throws -> Void = { stores in
        try await seedEditor(stores)
        try await TestSupport.makeAccount(stores, email: "mallory@courier.example", role: .contributor)
    }

    @Test func signingInToYourOwnAccountDoesNotBuyMoreGuesses() async throws {
        try await withTestApp(setup: Self.seedEditorAndMallory) { site in
            var throttled = false
            for round in 0..<4 where !throttled {
                for guess in 0..<4 {
                    let status = try await Self.attempt(site, "ed@courier.example", password: "round \(round) guess \(guess)").status
                    throttled = throttled || status == .tooManyRequests
                }
                _ = try await Self.attempt(site, "mallory@courier.example")
            }
            #expect(throttled, "four wrong, one right, repeated, is still throttled")
        }
    }

    @Test func theOwnerIsNotLockedOutByStrangersGuessingFromElsewhere() async throws {
        try await withTestApp(trustedProxies: ["unknown"], setup: Self.seedEditor) { site in
            // The owner signed in before from this browser and kept its device cookie.
            let (status, headers) = try await Self.attempt(site, "ed@courier.example", from: "198.51.100.7")
            #expect(status == .seeOther)
            let device = try #require(headers[values: .setCookie].first { $0.contains("masthead_device=") })
            let deviceCookie = String(device.prefix { $0 != ";" })
            #expect(device.contains("HttpOnly") && device.contains("SameSite=Strict"))

            // Strangers from twenty addresses guess until the account is throttled for them.
            var strangersThrottled = false
            for guess in 0..<20 {
                let status = try await Self.attempt(site, "ed@courier.example", password: "guess \(guess)", from: "203.0.113.\(guess)").status
                strangersThrottled = strangersThrottled || status == .tooManyRequests
            }
            #expect(strangersThrottled)
            // A browser that never signed in waits too; the owner's browser signs in at once.
            #expect(try await Self.attempt(site, "ed@courier.example", from: "192.0.2.99").status == .tooManyRequests)
            #expect(try await Self.attempt(site, "ed@courier.example", from: "192.0.2.99", cookie: deviceCookie).status == .seeOther)
            // A forged or other account's device cookie is worth nothing.
            let forged = deviceCookie.dropLast(3) + "AAA"
            #expect(try await Self.attempt(site, "ed@courier.example", from: "192.0.2.98", cookie: String(forged)).status == .tooManyRequests)
        }
    }

    /// One sign-in attempt; `password` nil means the right one.
    static func attempt(
        _ site: TestSite,
        _ email: String,
        password: String? = nil,
        from address: String? = nil,
        cookie: String? = nil
    ) async throws -> (status: HTTPResponse.Status, headers: HTTPFields) {
        var headers = AdminSession.formHeaders()
        if let address { headers[.xForwardedFor] = address }
        if let cookie { headers[.cookie] = cookie }
        return try await site.client.execute(
            uri: "/admin/login",
            method: .post,
            headers: headers,
            body: AdminSession.formBody([("email", email), ("password", password ?? "correct horse battery staple")])
        ) { ($0.status, $0.headers) }
    }

    @Test(arguments: ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "/admin\r\nSet-Cookie: x=1"])
    func redirectsAfterSignInStayOnTheSite(_ next: String) async throws {
        try await withTestApp(setup: Self.seedEditor) { site in
            try await site.client.execute(
                uri: "/admin/login",
                method: .post,
                headers: AdminSession.formHeaders(),
                body: AdminSession.formBody([("email", "ed@courier.example"), ("password", "correct horse battery staple"), ("next", next)])
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/admin")
            }
        }
    }

    @Test func signingOutEndsTheSessionOnTheServer() async throws {
        try await withTestApp(setup: Self.seedEditor) { site in
            let session = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            #expect(try await session.post("/admin/logout", []).status == .seeOther)
            let after = try await session.get("/admin")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location] == "/admin/login")
        }
    }

    @Test func formsWithoutTheTokenOrFromAnotherSiteAreRefusedAndChangeNothing() async throws {
        try await withTestApp(setup: Self.seedEditor) { site in
            let session = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let before = try await site.stores.articles.count()
            let fields = [("headline", "Forged"), ("section", "1"), ("author", "1"), ("body", "x"), ("action", "publish")]
            #expect(try await session.post("/admin/articles", fields, csrf: "").status == .forbidden)
            #expect(try await session.post("/admin/articles", fields, csrf: "not-the-token").status == .forbidden)
            #expect(try await session.post("/admin/articles", fields, origin: "https://evil.example").status == .forbidden)
            #expect(try await session.post("/admin/logout", [], csrf: "nope").status == .forbidden)
            #expect(try await site.stores.articles.count() == before)
            #expect(try await session.get("/admin").status == .ok)
        }
    }

    /// The class behind a found bypass: a multipart body, without `Origin`, skipped the token on
    /// every route but the two upload handlers. Now only those take multipart at all.
    @Test(arguments: ["/admin/curation", "/admin/logout", "/admin/articles", "/admin/settings", "/admin/webhooks", "/admin/taxonomy/tags"])
    func multipartFormsWithoutOriginCannotSkipTheToken(_ path: String) async throws {
        try await withTestApp(setup: Self.seedEditor) { site in
            let session = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            let boundary = "----MastheadBoundary"
            var body = ByteBuffer()
            for (name, value) in [("headline", "Forged"), ("section", "1"), ("author", "1"), ("body", "x"), ("action", "publish")] {
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
            }
            body.writeString("--\(boundary)--\r\n")
            let before = try await site.stores.articles.count()
            let picks = try await site.stores.site.curatedList(.editorsPicks)
            let status = try await site.client.execute(
                uri: path,
                method: .post,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: session.cookie],
                body: body
            ) { $0.status }
            #expect(status == .unsupportedMediaType, "\(path): \(status)")
            #expect(try await site.stores.articles.count() == before)
            #expect(try await site.stores.site.curatedList(.editorsPicks) == picks)
            #expect(try await session.get("/admin").status == .ok, "still signed in")
        }
    }

    @Test func adminPagesAreNeverCached() async throws {
        try await withTestApp(setup: Self.seedEditor) { site in
            let session = try await AdminSession.signIn(site.client, email: "ed@courier.example")
            #expect(try await session.get("/admin").headers[.cacheControl] == "no-store")
        }
    }

    @Test func forwardedForIsBelievedOnlyFromConfiguredProxies() {
        let policy = ClientAddress(trustedProxies: ["10.0.0.5"])
        func request(_ forwarded: String) -> Request {
            Request(
                head: HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/admin/login", headerFields: [.xForwardedFor: forwarded]),
                body: .init(buffer: ByteBuffer())
            )
        }
        // A stranger cannot choose their address by spraying the header.
        #expect(policy.of(request("1.2.3.4"), peer: "203.0.113.9") == "203.0.113.9")
        // Behind the proxy, the right-most hop that is not a proxy is the client.
        #expect(policy.of(request("6.6.6.6, 198.51.100.7"), peer: "10.0.0.5") == "198.51.100.7")
        #expect(policy.of(request("198.51.100.7, 10.0.0.5"), peer: "10.0.0.5") == "198.51.100.7")
    }
}
