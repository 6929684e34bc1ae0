// swift-tools-version: 6.1
// Micro-benchmarks of Masthead's hot functions with ordo-one/benchmark (wall clock
// and allocations). A package of its own, so the main build and CI never compile
// the benchmark tooling. Run: `cd Benchmarks && swift package benchmark`.
import PackageDescription

let package = Package(
    name: "MastheadBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Masthead", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MastheadCore", package: "Masthead"),
                .product(name: "MastheadApp", package: "Masthead"),
                .product(name: "MastheadWeb", package: "Masthead"),
            ],
            path: "Benchmarks/HotPaths",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
