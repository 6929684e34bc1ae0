import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MastheadApp
import MastheadCore
import MastheadWeb

/// Test support: the real application on a fresh data folder.
public enum TestSupport {
    /// The fixed "now" of web tests: Monday 30 November 2026, 12:00 UTC (07:00 EST).
    public static let now = Date(timeIntervalSince1970: 1_796_040_000)
    public static let clock = WallClock.fixed(now)

    /// A new, empty data folder under the system's temporary directory.
    public static func temporaryDataFolder() throws -> String {
        let path = NSTemporaryDirectory() + "masthead-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Everything a web test can reach: the HTTP client of the real app, and the
/// stores of the same database (as a `masthead` command would open them).
public struct TestSite: Sendable {
    public let client: any TestClientProtocol
    public let stores: Stores
    public let configuration: AppConfiguration
}

/// Builds the real application with `buildApplication` on a fresh SQLite data
/// folder and a fixed clock, optionally filled with the demo newsroom, runs
/// `setup` on its stores, then hands `body` a test client.
public func withTestApp<Value: Sendable>(
    demo: Bool = true,
    clock: WallClock = TestSupport.clock,
    setup: @Sendable (Stores) async throws -> Void = { _ in },
    _ body: @Sendable (TestSite) async throws -> Value
) async throws -> Value {
    var configuration = AppConfiguration()
    configuration.dataDirectory = try TestSupport.temporaryDataFolder()
    configuration.baseURL = "https://courier.example"
    defer { try? FileManager.default.removeItem(atPath: configuration.dataDirectory) }
    if demo {
        _ = try await Maintenance.fillDemo(configuration, clock: clock)
    } else {
        _ = try await Maintenance.migrate(configuration)
    }
    let stores = try Maintenance.openStores(configuration)
    try await setup(stores)
    var logger = Logger(label: "masthead-test")
    logger.logLevel = .warning
    var options = ReaderSite.Options()
    // Tests that change content wait for the refresher; keep that wait short.
    options.revisionPollInterval = .milliseconds(20)
    let app = try await buildApplication(configuration, clock: clock, logger: logger, readerOptions: options)
    let finalConfiguration = configuration
    return try await app.test(.router) { client in
        try await body(TestSite(client: client, stores: stores, configuration: finalConfiguration))
    }
}
