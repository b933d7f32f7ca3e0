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
        // Already in the graph through Hummingbird; its HTTP part types for the connection guard.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // The web pages: logic-less templates from the Hummingbird project (no dependencies of its own).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The roster upload (multipart/form-data); it needs only swift-nio and swift-collections, already here.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        // ICU stays behind a C target with a plain-C public header: a Swift module that imports
        // Foundation cannot also see ICU's headers, and Debian's ICU exports only versioned symbols.
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        // Debian's Hunspell with the OpenTaal Dutch dictionary (hunspell-nl): the spelling check.
        .systemLibrary(name: "CHunspell", pkgConfig: "hunspell", providers: [.apt(["libhunspell-dev", "hunspell-nl", "wdutch"])]),
        // Debian's libqrencode draws the QR code of the authenticator app's enrolment link.
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(
            name: "PolicyEngine",
            dependencies: ["CICUShim", "CHunspell", .product(name: "Yams", package: "Yams")],
            // The rule pack lives at the top level (rules/) for its authors; a symlink bundles it so the
            // binary finds its default pack wherever it runs.
            resources: [
                .embedInCode("BundledRules/behaviour.yaml"),
                .embedInCode("BundledRules/confidential.yaml"),
                .embedInCode("BundledRules/content.yaml"),
                .embedInCode("BundledRules/context.yaml"),
                .embedInCode("BundledRules/lexicon-achievement.yaml"),
                .embedInCode("BundledRules/lexicon-animal.yaml"),
                .embedInCode("BundledRules/lexicon-appearance.yaml"),
                .embedInCode("BundledRules/lexicon-confidential-topic.yaml"),
                .embedInCode("BundledRules/lexicon-congratulate.yaml"),
                .embedInCode("BundledRules/lexicon-contact-me.yaml"),
                .embedInCode("BundledRules/lexicon-counter-speech.yaml"),
                .embedInCode("BundledRules/lexicon-faith-figure.yaml"),
                .embedInCode("BundledRules/lexicon-first-name.yaml"),
                .embedInCode("BundledRules/lexicon-group.yaml"),
                .embedInCode("BundledRules/lexicon-hatred.yaml"),
                .embedInCode("BundledRules/lexicon-hostile-predicate.yaml"),
                .embedInCode("BundledRules/lexicon-income-scheme.yaml"),
                .embedInCode("BundledRules/lexicon-innuendo.yaml"),
                .embedInCode("BundledRules/lexicon-low-result.yaml"),
                .embedInCode("BundledRules/lexicon-nativist.yaml"),
                .embedInCode("BundledRules/lexicon-negation.yaml"),
                .embedInCode("BundledRules/lexicon-negative-behaviour.yaml"),
                .embedInCode("BundledRules/lexicon-offer.yaml"),
                .embedInCode("BundledRules/lexicon-other-faith-invite.yaml"),
                .embedInCode("BundledRules/lexicon-party.yaml"),
                .embedInCode("BundledRules/lexicon-person-target.yaml"),
                .embedInCode("BundledRules/lexicon-protest.yaml"),
                .embedInCode("BundledRules/lexicon-pupil-description.yaml"),
                .embedInCode("BundledRules/lexicon-rude-emoji.yaml"),
                .embedInCode("BundledRules/lexicon-school-activity.yaml"),
                .embedInCode("BundledRules/lexicon-second-person.yaml"),
                .embedInCode("BundledRules/lexicon-segregation.yaml"),
                .embedInCode("BundledRules/lexicon-sexual.yaml"),
                .embedInCode("BundledRules/lexicon-social-promo.yaml"),
                .embedInCode("BundledRules/lexicon-trade.yaml"),
                .embedInCode("BundledRules/lexicon-spelling-accept.yaml"),
                .embedInCode("BundledRules/lexicon-staff.yaml"),
                .embedInCode("BundledRules/lexicon-story.yaml"),
                .embedInCode("BundledRules/lexicon-suggestive-emoji.yaml"),
                .embedInCode("BundledRules/lexicon-threat-idiom.yaml"),
                .embedInCode("BundledRules/lexicon-violence-verb.yaml"),
                .embedInCode("BundledRules/lexicon-vote-call.yaml"),
                .embedInCode("BundledRules/lexicon-weapon.yaml"),
                .embedInCode("BundledRules/lexicon-mishap.yaml"),
                .embedInCode("BundledRules/lexicon-wish-opener.yaml"),
                .embedInCode("BundledRules/lexicon-innuendo-marker.yaml"),
                .embedInCode("BundledRules/lexicon-flirt-emoji.yaml"),
                .embedInCode("BundledRules/lexicon-game.yaml"),
                .embedInCode("BundledRules/lexicon-harm-participle.yaml"),
                .embedInCode("BundledRules/lexicon-positive-quality.yaml"),
                .embedInCode("BundledRules/lexicon-group-complaint.yaml"),
                .embedInCode("BundledRules/lexicon-belongings-warning.yaml"),
                .embedInCode("BundledRules/lexicon-burden.yaml"),
                .embedInCode("BundledRules/lexicon-menace.yaml"),
                .embedInCode("BundledRules/lexicon-intimacy.yaml"),
                .embedInCode("BundledRules/lexicon-support.yaml"),
                .embedInCode("BundledRules/lexicon-gender-noun.yaml"),
                .embedInCode("BundledRules/lexicon-doubt-emoji.yaml"),
                .embedInCode("BundledRules/lexicon-victim-report.yaml"),
                .embedInCode("BundledRules/lexicon-removal-participle.yaml"),
                .embedInCode("BundledRules/lexicon-contempt-adjective.yaml"),
                .embedInCode("BundledRules/lexicon-wink-emoji.yaml"),
                .embedInCode("BundledRules/lexicon-finite-verb-first-person.yaml"),
                .embedInCode("BundledRules/lexicon-imperative.yaml"),
                .embedInCode("BundledRules/lexicon-give-away.yaml"),
                .embedInCode("BundledRules/lexicon-civil-step.yaml"),
                .embedInCode("BundledRules/lexicon-euphemism.yaml"),
                .embedInCode("BundledRules/lexicon-friendly-request.yaml"),
                .embedInCode("BundledRules/lexicon-vermin.yaml"),
                .embedInCode("BundledRules/lexicon-joke-marker.yaml"),
                .embedInCode("BundledRules/lexicon-own-child.yaml"),
                .embedInCode("BundledRules/lexicon-child-insult.yaml"),
                .embedInCode("BundledRules/lexicon-statement-rejected.yaml"),
                .embedInCode("BundledRules/lexicon-takeover-fear.yaml"),
                .embedInCode("BundledRules/lexicon-kitchen.yaml"),
                .embedInCode("BundledRules/lexicon-relative-of.yaml"),
                .embedInCode("BundledRules/lexicon-closure-notice.yaml"),
                .embedInCode("BundledRules/lexicon-lesson-anecdote.yaml"),
                .embedInCode("BundledRules/lexicon-occasion.yaml"),
                .embedInCode("BundledRules/lexicon-wish-harm.yaml"),
                .embedInCode("BundledRules/pack.yaml"),
                .embedInCode("BundledRules/sentences.yaml"),
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
                // bcrypt for staff passwords (hummingbird-auth's, over the OpenBSD C code).
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
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
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                "CQRencode",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [
                .embedInCode("openapi.yaml"),
                .embedInCode("Web/Templates/layout.mustache"),
                .embedInCode("Web/Templates/login.mustache"),
                .embedInCode("Web/Templates/code.mustache"),
                .embedInCode("Web/Templates/enrol.mustache"),
                .embedInCode("Web/Templates/recovery.mustache"),
                .embedInCode("Web/Templates/teacher.mustache"),
                .embedInCode("Web/Templates/teacher-post.mustache"),
                .embedInCode("Web/Templates/queue.mustache"),
                .embedInCode("Web/Templates/review.mustache"),
                .embedInCode("Web/Templates/author.mustache"),
                .embedInCode("Web/Templates/audit.mustache"),
                .embedInCode("Web/Templates/consent.mustache"),
                .embedInCode("Web/Templates/roster.mustache"),
                .embedInCode("Web/Templates/rollover.mustache"),
                .embedInCode("Web/Templates/staff.mustache"),
                .embedInCode("Web/Templates/error.mustache"),
                .embedInCode("Web/Static/moderate.css"),
            ]
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
        // The check path under libFuzzer (see Sources/fuzz-check/main.swift); libFuzzer's driver is
        // reached through a weak C symbol, so a plain build links too.
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "fuzz-check", dependencies: ["CFuzzerDriver", "PolicyEngine"]),
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
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Runs the built `moderate` binary: exit codes, output formats, errors as a user sees them.
        .testTarget(
            name: "ModerateCLITests",
            dependencies: ["moderate", "SchoolStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
