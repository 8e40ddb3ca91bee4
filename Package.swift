// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Convene",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "convene", targets: ["ConveneCLI"]),
        .library(name: "Convene", targets: ["Convene"]),
        .executable(name: "convene-bench", targets: ["ConveneBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // Registration lists (CSV exports of Indico, Google Forms, Excel) for `convene import people`.
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        // The live day's server (`convene live`): HTTP, the views and their WebSocket pushes.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        // What Hummingbird is built on, named for the live server's TLS and socket addresses.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // The C module over libical. Only ICal, the Swift wrapper, imports it.
        .systemLibrary(
            name: "CLibical",
            path: "Sources/CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"])]
        ),
        .target(
            name: "ICal",
            dependencies: ["CLibical"]
        ),
        // The C module over GMime (MIME parsing of the replies people send). Only MIME, its
        // Swift wrapper, imports it.
        .systemLibrary(
            name: "CGMime",
            path: "Sources/CGMime",
            pkgConfig: "gmime-3.0",
            providers: [.apt(["libgmime-3.0-dev"])]
        ),
        .target(
            name: "MIME",
            dependencies: ["CGMime"]
        ),
        .target(
            name: "Convene",
            dependencies: [
                "ICal",
                "MIME",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // The event store: one SQLite database per event, through GRDB. Only this module
        // imports GRDB; the model knows nothing of it.
        .target(
            name: "ConveneStore",
            dependencies: [
                "Convene",
                "ICal",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The live day's server: the moderator's console, the stage timer, the public board
        // and each online speaker's page, over the event store. Only this module imports
        // Hummingbird.
        .target(
            name: "ConveneLive",
            dependencies: [
                "Convene",
                "ConveneStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                // TLS of its own (`--tls-cert`, `--tls-key`), for online speakers beyond the
                // venue: swift-nio-ssl, which HummingbirdTesting builds already.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ]
        ),
        .executableTarget(
            name: "ConveneCLI",
            dependencies: [
                "Convene",
                "ConveneStore",
                "ConveneLive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ConveneBenchmarks",
            dependencies: ["Convene", "ICal", "ConveneStore"]
        ),
        // What the test targets share: the zone database, agendas and sheets made in-process,
        // and the built binary run as a user would.
        .target(
            name: "ConveneTestSupport",
            dependencies: ["Convene"],
            path: "Tests/ConveneTestSupport"
        ),
        // The library's own tests: fast, in-process, nothing installed beyond libical and tzdata.
        .testTarget(
            name: "ConveneTests",
            dependencies: ["Convene", "ConveneTestSupport", "ICal", "ConveneStore"],
            exclude: ["Fixtures"]
        ),
        // The live server, driven through its router and on loopback (HummingbirdTesting).
        .testTarget(
            name: "LiveServerTests",
            dependencies: [
                "Convene", "ConveneStore", "ConveneLive", "ConveneTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The libical wrapper, tested through its own API.
        .testTarget(
            name: "ICalTests",
            dependencies: ["ICal", "Convene", "ConveneTestSupport"]
        ),
        // The convene binary, driven as a user would drive it (tag: endToEnd).
        .testTarget(
            name: "EndToEndTests",
            // ConveneCLI: so that `swift test` alone builds the binary these tests run.
            dependencies: ["Convene", "ConveneTestSupport", "ICal", "ConveneCLI"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
