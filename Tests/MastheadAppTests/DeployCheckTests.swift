import Foundation
import Logging
import MastheadCore
import MastheadTesting
import MastheadWeb
import Testing

@testable import MastheadApp

@Suite("masthead check --deploy")
struct DeployCheckTests {
    func folder() throws -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.dataDirectory = TemporaryFolders.path("check")
        // Only whether each is found matters to the check.
        configuration.imageTools = ImageTools(vips: "/usr/bin/vips", exiftool: "/usr/bin/exiftool")
        return configuration
    }

    var options: DeployCheck.Options {
        var options = DeployCheck.Options()
        options.hasher = PasswordHasher(cost: 4)
        return options
    }

    @Test func aCarelessDeploymentGetsOneSentencePerProblem() async throws {
        var configuration = try folder()
        defer { try? FileManager.default.removeItem(atPath: configuration.dataDirectory) }
        configuration.logLevel = .debug
        configuration.imageTools = ImageTools(vips: nil, exiftool: nil)
        _ = try await Maintenance.fillDemo(configuration)
        let stores = try Maintenance.openStores(configuration)
        // An image stored before renditions: its public file is the upload.
        _ = try await stores.media.add(
            MediaFile(
                path: "library/ab/ab.jpg",
                kind: .jpeg,
                width: 10,
                height: 10,
                bytes: 10,
                alt: "A",
                credit: "B",
                caption: "",
                rightsHolder: nil,
                licenceExpires: nil,
                uploadedBy: nil,
                uploadedAt: Date()
            )
        )
        _ = try await DemoNewsroom.ensureDemoAdmin(stores: stores, hasher: PasswordHasher(cost: 4))
        _ = try await stores.accounts.createAccount(
            email: "chief@tribune.example",
            name: "Chief",
            role: .admin,
            passwordHash: try await PasswordHasher(cost: 4).hash("changeme"),
            authorID: nil
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: configuration.dataDirectory)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: configuration.databasePath)

        let problems = try await DeployCheck.problems(configuration, options: options)
        let expected = [
            "is not HTTPS: set --base-url", "Logging is at debug level", "can be read by every user", "is world-readable",
            "The site settings' address", "chief@tribune.example has a default or easily guessed password", "demo newsroom's admin account",
            "No backup of this site", "libvips is not installed", "exiftool is not installed", "run `masthead media rebuild`",
        ]
        for fragment in expected { #expect(problems.contains { $0.contains(fragment) }, "\(fragment)") }
        #expect(problems.count == expected.count, "\(problems)")
        #expect(problems.allSatisfy { $0.hasSuffix(".") && !$0.contains("\n") })
    }

    @Test func aCarefulDeploymentPasses() async throws {
        var configuration = try folder()
        defer { try? FileManager.default.removeItem(atPath: configuration.dataDirectory) }
        configuration.baseURL = "https://tribune.example"
        _ = try await Maintenance.migrate(configuration)
        let stores = try Maintenance.openStores(configuration)
        _ = try await stores.accounts.createAccount(
            email: "chief@tribune.example",
            name: "Chief",
            role: .admin,
            passwordHash: try await PasswordHasher(cost: 4).hash("a long and quite unguessable sentence"),
            authorID: nil
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: configuration.dataDirectory)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: configuration.databasePath)
        let backup = TemporaryFolders.path("check-backup")
        defer { try? FileManager.default.removeItem(atPath: backup) }
        _ = try await Maintenance.backup(configuration, to: backup)
        #expect(try await DeployCheck.problems(configuration, options: options) == [])

        // A week later the backup is stale.
        var later = options
        later.now = Date().addingTimeInterval(8 * 86_400)
        #expect(try await DeployCheck.problems(configuration, options: later).map { $0.prefix(30) } == ["The newest `masthead backup` i"])
        later.backupsElsewhere = true
        #expect(try await DeployCheck.problems(configuration, options: later) == [])
    }

    @Test func aRemotePostgreSQLServerMustRequireTLS() {
        #expect(DeployCheck.postgresProblem("postgres://u:p@db.internal.example:5432/site")?.contains("sslmode=require") == true)
        #expect(DeployCheck.postgresProblem("postgres://u:p@db.internal.example/site?sslmode=verify-full") == nil)
        #expect(DeployCheck.postgresProblem("postgres://u:p@127.0.0.1/site") == nil)
    }
}
