// swift-tools-version: 6.1
// libFuzzer targets for Masthead's input parsers. A package of its own so the main
// build and CI never compile with the fuzzer runtime. Run with `scripts/fuzz NAME SECONDS`.
import PackageDescription

let package = Package(
    name: "MastheadFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Masthead", path: "..")],
    targets: [
        .executableTarget(
            name: "MarkdownFuzz",
            dependencies: [.product(name: "MastheadCore", package: "Masthead")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "WXRFuzz",
            dependencies: [.product(name: "MastheadCore", package: "Masthead"), .product(name: "MastheadImport", package: "Masthead")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "LegacyPageFuzz",
            dependencies: [.product(name: "MastheadCore", package: "Masthead"), .product(name: "MastheadImport", package: "Masthead")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "UploadFuzz",
            dependencies: [.product(name: "MastheadCore", package: "Masthead"), .product(name: "MastheadWeb", package: "Masthead")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "SearchQueryFuzz",
            dependencies: [.product(name: "MastheadCore", package: "Masthead")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
