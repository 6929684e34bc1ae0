// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Masthead",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "masthead", targets: ["masthead"]),
        .library(name: "MastheadCore", targets: ["MastheadCore"]),
        .library(name: "MastheadApp", targets: ["MastheadApp"]),
        // For Fuzz/ (its parser targets).
        .library(name: "MastheadImport", targets: ["MastheadImport"]),
        // For Benchmarks/ (its hot-path internals are `@_spi(Benchmarks)`).
        .library(name: "MastheadWeb", targets: ["MastheadWeb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // glibc's allocator controls (Sources/MastheadApp/Allocator.swift).
        .target(name: "CMalloc"),
        .target(
            name: "MastheadCore",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The SQL both engines share; with the engine targets, the only place SQL may be
        // written (`SQLBoundaryTests` holds the rest of the sources to it).
        .target(
            name: "MastheadSQL",
            dependencies: ["MastheadCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MastheadSQLite",
            dependencies: [
                "MastheadCore",
                "MastheadSQL",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MastheadPostgres",
            dependencies: [
                "MastheadCore",
                "MastheadSQL",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MastheadImport",
            dependencies: ["MastheadCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MastheadWeb",
            dependencies: [
                "MastheadCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/Themes"), .copy("Resources/Admin"), .copy("Resources/API")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MastheadApp",
            dependencies: [
                "CMalloc",
                "MastheadCore",
                "MastheadSQL",
                "MastheadSQLite",
                "MastheadPostgres",
                "MastheadImport",
                "MastheadWeb",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/Demo")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "masthead",
            dependencies: [
                "MastheadApp",
                "MastheadCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MastheadTesting",
            dependencies: [
                "MastheadPostgres",
                "MastheadApp",
                "MastheadCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MastheadCoreTests",
            dependencies: ["MastheadCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MastheadImportTests",
            dependencies: ["MastheadCore", "MastheadImport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MastheadStoreTests",
            dependencies: [
                "MastheadCore", "MastheadSQLite", "MastheadPostgres", "MastheadTesting", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MastheadWebTests",
            dependencies: [
                "MastheadCore",
                "MastheadApp",
                "MastheadTesting",
                "MastheadWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MastheadAppTests",
            dependencies: [
                "MastheadCore",
                "MastheadApp",
                "MastheadTesting",
                "MastheadSQLite",
                "MastheadWeb",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
