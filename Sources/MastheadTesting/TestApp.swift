import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MastheadApp
import MastheadCore
import MastheadPostgres
import MastheadWeb
import Synchronization

/// Test support: the real application on a fresh data folder.
public enum TestSupport {
    /// A file under `Tests/Fixtures/` (written for these tests).
    public static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Fixtures/\(name)").path
    }

    /// The fixed "now" of web tests: Monday 30 November 2026, 12:00 UTC (07:00 EST).
    public static let now = Date(timeIntervalSince1970: 1_796_040_000)
    public static let clock = WallClock.fixed(now)

    /// A new, empty data folder under the system's temporary directory.
    /// The PostgreSQL server the tests may use (`MASTHEAD_TEST_POSTGRES_URL`), if any.
    public static var postgresServer: String? {
        ProcessInfo.processInfo.environment["MASTHEAD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A new, empty database on that server.
    public static func scratchPostgresDatabase() async throws -> String {
        guard let server = postgresServer else { throw MastheadError(.configuration, "MASTHEAD_TEST_POSTGRES_URL is not set.") }
        return try await PostgresEngine.createScratchDatabase(on: server, logger: Logger(label: "masthead-test"))
    }

    /// Drops a scratch database once its test is over: its connections end with it.
    public static func dropScratchPostgresDatabase(_ scratch: String) async {
        guard let server = postgresServer else { return }
        try? await PostgresEngine.dropScratchDatabase(scratch, on: server, logger: Logger(label: "masthead-test"))
    }
}

/// A clock tests can move forward, for scheduling and expiry.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date = TestSupport.now) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }
    public var clock: WallClock { WallClock { self.now } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

extension TestSupport {
    /// bcrypt at its lowest cost: tests sign in often, and cost is not what they test.
    public static let passwordHasher = PasswordHasher(cost: 4)

    /// Creates an account with a known password, credited as `author` when given.
    @discardableResult
    public static func makeAccount(
        _ stores: Stores,
        email: String,
        role: Role,
        password: String = "correct horse battery staple",
        author: Slug? = nil
    ) async throws -> Account {
        let authorID = try await author.asyncFlatMap { try await stores.taxonomy.author(slug: $0)?.id }
        return try await stores.accounts.createAccount(
            email: email,
            name: email.components(separatedBy: "@")[0].capitalized,
            role: role,
            passwordHash: try await passwordHasher.hash(password),
            authorID: authorID
        )
    }
}

extension Optional {
    fileprivate func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

/// Everything a web test can reach: the HTTP client of the real app, and the
/// stores of the same database (as a `masthead` command would open them).
public struct TestSite: Sendable {
    public let client: any TestClientProtocol
    public let stores: Stores
    public let configuration: AppConfiguration
}

/// Builds the real application with `buildApplication` on a fresh data folder
/// (SQLite, or a fresh PostgreSQL database under `TestEngine.current`) and a fixed clock, optionally filled with the demo newsroom, runs
/// `setup` on its stores, then hands `body` a test client.
public func withTestApp<Value: Sendable>(
    demo: Bool = true,
    clock: WallClock = TestSupport.clock,
    allowPrivateWebhooks: Bool = false,
    dataDirectory: String? = nil,
    viewFlushInterval: Duration = .milliseconds(50),
    overHTTP: Bool = false,
    databaseURL: String? = nil,
    revisionPollInterval: Duration = .milliseconds(20),
    trustedProxies: Set<String> = [],
    connectionsPerAddress: Int = 256,
    imageTools: ImageTools? = nil,
    setup: @Sendable (Stores) async throws -> Void = { _ in },
    _ body: @Sendable (TestSite) async throws -> Value
) async throws -> Value {
    if databaseURL == nil, dataDirectory == nil, TestEngine.current == .postgres {
        // A suite on every engine: a scratch database of its own, a few at a time (each
        // app opens pools of its own), dropped afterwards so its connections end.
        return try await PostgresTestApps.slots.run {
            let scratch = try await TestSupport.scratchPostgresDatabase()
            do {
                let value = try await withTestApp(
                    demo: demo,
                    clock: clock,
                    allowPrivateWebhooks: allowPrivateWebhooks,
                    dataDirectory: dataDirectory,
                    viewFlushInterval: viewFlushInterval,
                    overHTTP: overHTTP,
                    databaseURL: scratch,
                    revisionPollInterval: revisionPollInterval,
                    trustedProxies: trustedProxies,
                    connectionsPerAddress: connectionsPerAddress,
                    imageTools: imageTools,
                    setup: setup,
                    body
                )
                await TestSupport.dropScratchPostgresDatabase(scratch)
                return value
            } catch {
                await TestSupport.dropScratchPostgresDatabase(scratch)
                throw error
            }
        }
    }
    var configuration = AppConfiguration()
    configuration.dataDirectory = try dataDirectory ?? TemporaryFolders.folder("data")
    configuration.baseURL = "https://courier.example"
    configuration.webhooksAllowPrivate = allowPrivateWebhooks
    configuration.databaseURL = databaseURL
    // Router tests have no TCP peer ("unknown"): trusting it lets a test speak from many addresses.
    configuration.trustedProxies = trustedProxies
    configuration.connectionsPerAddress = connectionsPerAddress
    configuration.imageTools = imageTools
    let ownsFolder = dataDirectory == nil
    defer { if ownsFolder { try? FileManager.default.removeItem(atPath: configuration.dataDirectory) } }
    if demo {
        // The demo's photos are filed without libvips here (their metadata cut out, no
        // renditions): the image suites upload their own, and every other test stays fast.
        _ = try await Maintenance.fillDemo(configuration, clock: clock, imageTools: ImageTools(vips: nil, exiftool: nil))
    } else {
        _ = try await Maintenance.migrate(configuration)
    }
    let stores = try Maintenance.openStores(configuration)
    try await setup(stores)
    var logger = Logger(label: "masthead-test")
    logger.logLevel = .warning
    var options = ReaderSite.Options()
    // Tests that change content wait for the refresher; keep that wait short.
    options.revisionPollInterval = revisionPollInterval
    options.sidebarRefreshInterval = .milliseconds(100)
    options.licenceCheckInterval = .milliseconds(100)
    var adminOptions = AdminSite.Options()
    adminOptions.passwordHasher = TestSupport.passwordHasher
    // The sign-in slow-down's shape is tested on its own; web tests should not wait seconds for it.
    var throttleLimits = LoginThrottle.Limits()
    throttleLimits.pauseUnit = .milliseconds(1)
    adminOptions.loginThrottle = LoginThrottle(limits: throttleLimits)
    var webhookOptions = WebhookDispatcher.Options()
    webhookOptions.interval = .milliseconds(50)
    var viewOptions = ViewFlusher.Options()
    viewOptions.interval = viewFlushInterval
    let app = try await buildApplication(
        configuration,
        clock: clock,
        logger: logger,
        readerOptions: options,
        adminOptions: adminOptions,
        webhookOptions: webhookOptions,
        viewOptions: viewOptions
    )
    let finalConfiguration = configuration
    // `.live` runs a real server on a loopback port: for what depends on the TCP peer.
    return try await app.test(overHTTP ? .live : .router) { client in
        try await body(TestSite(client: client, stores: stores, configuration: finalConfiguration))
    }
}

/// The engines a web test can run on: SQLite always, PostgreSQL when the tests have a server.
public enum TestEngine: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public static var available: [TestEngine] { TestSupport.postgresServer == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// The engine `withTestApp` builds on when not given a `databaseURL`: SQLite, unless a
    /// suite runs its tests on every engine (MastheadWebTests' `.onEveryEngine` trait).
    @TaskLocal public static var current: TestEngine = .sqlite

    public var description: String { rawValue }

    /// The `databaseURL` for `withTestApp`: nil for SQLite, a fresh database for PostgreSQL.
    public func databaseURL() async throws -> String? {
        self == .postgres ? try await TestSupport.scratchPostgresDatabase() : nil
    }
}

/// How many web test apps run on PostgreSQL at once: each opens a few pools, and the
/// test server allows 400 connections.
enum PostgresTestApps {
    static let slots = Slots(6)

    actor Slots {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []

        init(_ count: Int) { free = count }

        func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
            await acquire()
            defer { release() }
            return try await body()
        }

        private func acquire() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        private func release() {
            if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
        }
    }
}
