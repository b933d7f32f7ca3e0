// swift-tools-version:6.1
import PackageDescription

// Dependencies are kept to what each target needs: the engine needs Yams (rule pack) and the system ICU;
// the store adds GRDB (on the system SQLite) and CSV.swift (roster exports: quoting, BOM, delimiters);
// the command-line tool adds swift-argument-parser.
let package = Package(
    name: "moderate",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PolicyEngine", targets: ["PolicyEngine"]),
        .executable(name: "moderate", targets: ["moderate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already in the graph through Hummingbird; named for the server's event loop group.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // ICU stays behind a C target with a plain-C public header: a Swift module that imports
        // Foundation cannot also see ICU's headers, and Debian's ICU exports only versioned symbols.
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .target(
            name: "PolicyEngine",
            dependencies: ["CICUShim", .product(name: "Yams", package: "Yams")],
            // The rule pack lives at the top level (rules/) for its authors; a symlink bundles it so the
            // binary finds its default pack wherever it runs.
            resources: [
                .embedInCode("BundledRules/behaviour.yaml"),
                .embedInCode("BundledRules/confidential.yaml"),
                .embedInCode("BundledRules/content.yaml"),
                .embedInCode("BundledRules/context.yaml"),
                .embedInCode("BundledRules/pack.yaml"),
                .embedInCode("BundledRules/test-school.json"),
            ]
        ),
        // The school's facts (roster, consent, groups, posts, audit log) in SQLite. It supplies the engine's
        // context and records outcomes; the engine never imports it.
        .target(
            name: "SchoolStore",
            dependencies: [
                "PolicyEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                // SHA-256 for API tokens (stored hashed); already in the graph through hummingbird-auth.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The HTTP service: Hummingbird 2 over the engine and the store, bearer tokens per role.
        .target(
            name: "ModerationAPI",
            dependencies: [
                "PolicyEngine",
                "SchoolStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.embedInCode("openapi.yaml")]
        ),
        .executableTarget(
            name: "moderate",
            dependencies: [
                "PolicyEngine",
                "SchoolStore",
                "ModerationAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PolicyEngineTests",
            dependencies: ["PolicyEngine"]
        ),
        .testTarget(
            name: "SchoolStoreTests",
            dependencies: ["SchoolStore"]
        ),
        .testTarget(
            name: "ModerationAPITests",
            dependencies: [
                "ModerationAPI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Runs the built `moderate` binary: exit codes, output formats, errors as a user sees them.
        .testTarget(
            name: "ModerateCLITests",
            dependencies: ["moderate", "SchoolStore"]
        ),
    ]
)
