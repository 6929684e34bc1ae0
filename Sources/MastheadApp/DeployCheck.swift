import Foundation
import Logging
import MastheadCore
import MastheadWeb

/// `masthead check --deploy`: the production mistakes that are easy to make and
/// cheap to find, each reported as one sentence that says what to do.
public enum DeployCheck {
    /// Passwords an admin account must not have: defaults, the top of every leaked list,
    /// and the one the project's own tests use.
    static let weakPasswords = [
        "admin", "password", "masthead", "changeme", "123456", "12345678", "123456789", "qwerty", "letmein", "welcome",
        "correct horse battery staple", "administrator", "newsroom", "editor",
    ]
    /// How old the newest `masthead backup` may be.
    static let backupAge: TimeInterval = 7 * 86_400
    static let backupMarker = ".last-backup"

    public struct Options: Sendable {
        /// The operator backs up some other way (snapshots, a provider); skip that check.
        public var backupsElsewhere = false
        public var hasher = PasswordHasher()
        public var now = Date()
        public init() {}
    }

    /// How many library images have no kept original (their public file is the upload).
    static func imagesWithPublicOriginals(_ stores: Stores) async throws -> Int? {
        try await stores.media.everyAsset().filter { $0.originalPath == nil }.count
    }

    public static func problems(_ configuration: AppConfiguration, options: Options = .init()) async throws -> [String] {
        var problems: [String] = []
        let base = configuration.publicBaseURL
        if !base.hasPrefix("https://") {
            problems.append("The public base URL \(base) is not HTTPS: set --base-url or MASTHEAD_BASE_URL to the https:// address readers use.")
        }
        if configuration.logLevel <= .debug {
            problems.append(
                "Logging is at \(configuration.logLevel) level, which writes request details to the log: use info or higher in production."
            )
        }
        if let url = configuration.postgresURL, let problem = postgresProblem(url) { problems.append(problem) }
        problems += fileProblems(configuration)

        problems += (configuration.imageTools ?? ImageTools.locate()).missing

        try DataFolder.prepare(configuration, create: false)
        let stores = try Maintenance.openStores(configuration)
        if let count = try await imagesWithPublicOriginals(stores), count > 0 {
            problems.append(
                "\(count) image(s) in the media library were stored before renditions and keep their upload, camera metadata and all, in the public media folder: run `masthead media rebuild`."
            )
        }
        if let settings = try await stores.site.settings(), !settings.baseURL.hasPrefix("https://") {
            problems.append(
                "The site settings' address \(settings.baseURL) is not HTTPS: feeds and canonical links use it; change it under Settings."
            )
        }
        for account in try await stores.accounts.accounts() where account.role == .admin && !account.disabled {
            guard let hash = try await stores.accounts.credentials(email: account.email)?.passwordHash else { continue }
            let local = String(account.email.prefix { $0 != "@" })
            for candidate in weakPasswords + [local, account.email] where try await options.hasher.verify(candidate, against: hash) {
                problems.append(
                    "The admin account \(account.email) has a default or easily guessed password: set a new one with `masthead user passwd`."
                )
                break
            }
            if account.email == "editor@courier.example" {
                problems.append(
                    "The demo newsroom's admin account \(account.email) still exists: disable it in the back office or start from an empty data folder."
                )
            }
        }
        if !options.backupsElsewhere, configuration.postgresURL == nil, let problem = backupProblem(configuration, now: options.now) {
            problems.append(problem)
        }
        return problems
    }

    /// A server elsewhere reached without TLS sends the database password in the clear.
    static func postgresProblem(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host else { return nil }
        let local = ["localhost", "127.0.0.1", "::1", ""].contains(host) || host.hasPrefix("/")
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard !local, !["require", "verify-ca", "verify-full"].contains(mode) else { return nil }
        return "The PostgreSQL server \(host) is reached without requiring TLS: add ?sslmode=require (or verify-full) to the database URL."
    }

    /// The data folder holds password hashes and drafts: nobody but the server's user should read it.
    static func fileProblems(_ configuration: AppConfiguration) -> [String] {
        var problems: [String] = []
        let files = FileManager.default
        func mode(_ path: String) -> Int? {
            (try? files.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
        }
        if let folder = mode(configuration.dataDirectory), folder & 0o007 != 0 {
            problems.append(
                "The data folder \(configuration.dataDirectory) can be read by every user on this machine (mode \(String(folder, radix: 8))): run chmod o-rwx on it."
            )
        }
        if configuration.postgresURL == nil, let database = mode(configuration.databasePath), database & 0o004 != 0 {
            problems.append(
                "The database file \(configuration.databasePath) is world-readable (mode \(String(database, radix: 8))): run chmod o-r on it."
            )
        }
        return problems
    }

    static func backupProblem(_ configuration: AppConfiguration, now: Date) -> String? {
        let marker = (configuration.dataDirectory as NSString).appendingPathComponent(backupMarker)
        guard let text = try? String(contentsOfFile: marker, encoding: .utf8),
            let date = ISO8601DateFormatter().date(from: String(text.prefix { !$0.isWhitespace }))
        else {
            return
                "No backup of this site has been taken with `masthead backup`: schedule one (daily), or pass --backups-elsewhere if you back up another way."
        }
        guard now.timeIntervalSince(date) <= backupAge else {
            let days = Int(now.timeIntervalSince(date) / 86_400)
            return "The newest `masthead backup` is \(days) days old: schedule one daily, or pass --backups-elsewhere if you back up another way."
        }
        return nil
    }

    /// Written by `masthead backup` after a backup succeeds: when and where.
    static func recordBackup(_ configuration: AppConfiguration, to destination: String, at date: Date) {
        let marker = (configuration.dataDirectory as NSString).appendingPathComponent(backupMarker)
        try? (ISO8601DateFormatter().string(from: date) + " " + destination + "\n").write(toFile: marker, atomically: true, encoding: .utf8)
    }
}
