import Foundation
import Logging
import MastheadCore
import MastheadWeb

/// The whole configuration of a Masthead process.
///
/// Precedence, for every key: command-line flag, then `MASTHEAD_*` environment
/// variable, then the default. Only this type reads the environment.
/// `docs/configuration.md` lists every key.
public struct AppConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The data folder: the SQLite database and uploaded media live here.
    public var dataDirectory = "./masthead-data"
    /// `nil` means SQLite in the data folder; a `postgres://` URL selects PostgreSQL.
    public var databaseURL: String?
    /// A theme folder; `nil` means the default theme that ships with Masthead.
    public var themeDirectory: String?
    /// Fill an empty site with the demo newsroom before serving.
    public var demo = false
    public var logLevel: Logger.Level = .info
    /// Seconds before an idle keep-alive connection is closed. Hummingbird keeps
    /// idle connections forever by default, which lets slow clients pin sockets.
    public var idleTimeoutSeconds = 30
    /// The public address used in canonical links; defaults to http://host:port.
    public var baseURL: String?
    /// Allow webhooks to loopback, link-local and private addresses (closed networks, tests).
    public var webhooksAllowPrivate = false
    /// Addresses of reverse proxies whose `X-Forwarded-For` header is believed.
    public var trustedProxies: Set<String> = []
    /// Count article views from the beacon (on by default). Off, the beacon answers and forgets.
    public var countViews = true
    /// Open connections one client address may hold (`MASTHEAD_CONNECTIONS_PER_ADDRESS`).
    public var connectionsPerAddress = 256
    /// Per-address limits on search and the view beacon (`MASTHEAD_RATE_LIMITS=off` for load tests only).
    public var rateLimits = true
    /// The image programs to use; nil finds them on `PATH` (tests pass their own to
    /// see the site without libvips or exiftool).
    public var imageTools: ImageTools?

    public init() {}

    /// Values given on the command line; `nil` means "not given".
    public struct Overrides: Sendable {
        public var host: String?
        public var port: Int?
        public var dataDirectory: String?
        public var databaseURL: String?
        public var themeDirectory: String?
        public var demo: Bool?
        public var logLevel: String?
        public var baseURL: String?

        public init(
            host: String? = nil,
            port: Int? = nil,
            dataDirectory: String? = nil,
            databaseURL: String? = nil,
            themeDirectory: String? = nil,
            demo: Bool? = nil,
            logLevel: String? = nil,
            baseURL: String? = nil
        ) {
            self.host = host
            self.port = port
            self.dataDirectory = dataDirectory
            self.databaseURL = databaseURL
            self.themeDirectory = themeDirectory
            self.demo = demo
            self.logLevel = logLevel
            self.baseURL = baseURL
        }
    }

    /// Resolves flags over environment over defaults, and validates the result.
    /// Throws `MastheadError(.configuration)` naming the bad key.
    public static func resolve(_ flags: Overrides, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        var configuration = AppConfiguration()
        func value(_ flag: String?, _ key: String) -> String? {
            flag ?? environment[key].flatMap { $0.isEmpty ? nil : $0 }
        }
        configuration.host = value(flags.host, "MASTHEAD_HOST") ?? configuration.host
        if let port = value(flags.port.map(String.init), "MASTHEAD_PORT") {
            guard let number = Int(port), (0...65535).contains(number) else {
                throw MastheadError(.configuration, "MASTHEAD_PORT / --port must be a number from 0 to 65535, not \"\(port)\".")
            }
            configuration.port = number
        }
        configuration.dataDirectory = value(flags.dataDirectory, "MASTHEAD_DATA") ?? configuration.dataDirectory
        configuration.databaseURL = value(flags.databaseURL, "MASTHEAD_DATABASE_URL") ?? value(nil, "MASTHEAD_DATABASE")
        configuration.themeDirectory = value(flags.themeDirectory, "MASTHEAD_THEME")
        configuration.baseURL = value(flags.baseURL, "MASTHEAD_BASE_URL")
        if let demo = flags.demo, demo {
            configuration.demo = true
        } else if let demo = environment["MASTHEAD_DEMO"] {
            configuration.demo = ["1", "true", "yes"].contains(demo.lowercased())
        }
        if let level = value(flags.logLevel, "MASTHEAD_LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw MastheadError(
                    .configuration,
                    "MASTHEAD_LOG_LEVEL / --log-level must be one of trace, debug, info, notice, warning, error, critical."
                )
            }
            configuration.logLevel = parsed
        }
        if let counting = environment["MASTHEAD_VIEW_COUNTING"] {
            configuration.countViews = !isSwitchedOff(counting)
        }
        if let limits = environment["MASTHEAD_RATE_LIMITS"] {
            configuration.rateLimits = !isSwitchedOff(limits)
        }
        if let cap = environment["MASTHEAD_CONNECTIONS_PER_ADDRESS"] {
            guard let count = Int(cap), (1...1_000_000).contains(count) else {
                throw MastheadError(.configuration, "MASTHEAD_CONNECTIONS_PER_ADDRESS must be a number from 1 to 1000000.")
            }
            configuration.connectionsPerAddress = count
        }
        if let proxies = environment["MASTHEAD_TRUSTED_PROXIES"] {
            configuration.trustedProxies = Set(proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        if let allow = environment["MASTHEAD_WEBHOOKS_ALLOW_PRIVATE"] {
            configuration.webhooksAllowPrivate = ["1", "true", "yes"].contains(allow.lowercased())
        }
        if let idle = environment["MASTHEAD_IDLE_TIMEOUT"] {
            guard let seconds = Int(idle), (1...3600).contains(seconds) else {
                throw MastheadError(.configuration, "MASTHEAD_IDLE_TIMEOUT must be a number of seconds from 1 to 3600.")
            }
            configuration.idleTimeoutSeconds = seconds
        }
        try configuration.validate()
        return configuration
    }

    /// How a switch that is on by default is turned off: `0`, `false`, `no` or `off`.
    static func isSwitchedOff(_ value: String) -> Bool {
        ["0", "false", "no", "off"].contains(value.lowercased())
    }

    func validate() throws {
        if let url = databaseURL, !url.hasPrefix("sqlite:"), postgresURL == nil {
            throw MastheadError(.configuration, "MASTHEAD_DATABASE_URL / --database must be a postgres:// URL or sqlite:PATH.")
        }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw MastheadError(.configuration, "MASTHEAD_BASE_URL / --base-url must start with http:// or https://.")
        }
    }

    /// The PostgreSQL URL when the site runs on PostgreSQL.
    public var postgresURL: String? {
        guard let url = databaseURL, url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else { return nil }
        return url
    }

    /// The SQLite database file.
    public var databasePath: String {
        if let url = databaseURL, url.hasPrefix("sqlite:") { return String(url.dropFirst("sqlite:".count)) }
        return dataDirectory + "/masthead.sqlite"
    }

    public var mediaDirectory: String { dataDirectory + "/media" }
    /// Uploaded images as they arrived (with their camera metadata): outside `media/`, never served to readers.
    public var originalsDirectory: String { dataDirectory + "/originals" }

    /// The image pipeline over this data folder.
    public func imagePipeline(_ tools: ImageTools) -> ImagePipeline {
        ImagePipeline(tools: tools, mediaDirectory: mediaDirectory, originalsDirectory: originalsDirectory, workDirectory: dataDirectory + "/tmp")
    }

    public var publicBaseURL: String {
        if let baseURL { return baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL }
        let shownHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        return "http://\(shownHost):\(port)"
    }
}
