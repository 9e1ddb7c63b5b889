// swift-tools-version:6.2
import PackageDescription

// Every target of ours treats warnings as errors: a silently chosen
// future-returning overload in sqlite-nio/SQLKit only shows up as a warning.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "dxtrack",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dxtrack", targets: ["dxtrack"]),
        .library(name: "DXDomain", targets: ["DXDomain"]),
        // For the fuzzers in fuzz/, which build these parsers with libFuzzer's instrumentation.
        .library(name: "DXSpreadsheet", targets: ["DXSpreadsheet"]),
        .library(name: "DXCatalog", targets: ["DXCatalog"]),
        .library(name: "DXForms", targets: ["DXForms"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Pure domain: periods, org units, indicators, targets, values. Foundation only, no I/O.
        .target(name: "DXDomain", swiftSettings: strict),
        // Digital signatures: what is signed, the deployment's certificate authority, signed exports and their verification.
        .target(
            name: "DXSignature",
            dependencies: [
                "DXDomain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        // Storage: migrations and repositories over SQLKit, on SQLite and PostgreSQL.
        .target(
            name: "DXStorage",
            dependencies: [
                "DXDomain", "DXSignature",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // XLSX workbooks: the templates reporters fill in, and reading them back.
        .target(
            name: "DXSpreadsheet",
            dependencies: ["DXDomain", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        // Documents: the quarterly report as DOCX (Nghị định 30/2020 layout) and HTML.
        .target(
            name: "DXDocuments",
            dependencies: ["DXDomain", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        // The catalog: plans, targets, indicators and units as YAML files, checked and imported.
        .target(
            name: "DXCatalog",
            dependencies: ["DXDomain", "DXStorage", "DXSpreadsheet", .product(name: "Yams", package: "Yams")],
            resources: [.copy("StarterCatalog"), .copy("Frameworks")],
            swiftSettings: strict
        ),
        // Request bodies that are not JSON: multipart uploads (a total parser) and the pages' typed forms (fuzzed).
        .target(name: "DXForms", dependencies: ["DXDomain", .product(name: "Hummingbird", package: "hummingbird")], swiftSettings: strict),
        // HTTP: JSON API, problem+json errors, server-rendered HTML.
        .target(
            name: "DXServer",
            dependencies: [
                "DXDomain", "DXStorage", "DXSpreadsheet", "DXSignature", "DXDocuments", "DXCatalog", "DXForms",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/openapi.json")],
            swiftSettings: strict
        ),
        // E-mail: messages in MIME, sent over SMTP (STARTTLS, AUTH) or through the machine's sendmail.
        .target(
            name: "DXMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // The subcommands of `dxtrack`, a library so tests can run them.
        .target(
            name: "DXCommands",
            dependencies: [
                "DXDomain", "DXStorage", "DXServer", "DXCatalog", "DXSpreadsheet", "DXSignature", "DXDocuments", "DXMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "dxtrack", dependencies: ["DXCommands"], swiftSettings: strict),
        // Test helpers shared by the test targets: fresh SQLite and PostgreSQL databases, fixtures.
        .target(name: "DXTestSupport",
                dependencies: ["DXDomain", "DXStorage", "DXSignature", "DXServer",
                               .product(name: "HummingbirdTesting", package: "hummingbird")],
                path: "Tests/Support", swiftSettings: strict),
        .testTarget(name: "DXDomainTests", dependencies: ["DXDomain", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        .testTarget(name: "DXSpreadsheetTests", dependencies: ["DXSpreadsheet", "DXTestSupport"], exclude: ["Findings"], swiftSettings: strict),
        .testTarget(name: "DXSignatureTests", dependencies: ["DXSignature", "DXTestSupport", .product(name: "Crypto", package: "swift-crypto"),
                                                            .product(name: "X509", package: "swift-certificates")], swiftSettings: strict),
        .testTarget(name: "DXMailTests", dependencies: ["DXMail"], swiftSettings: strict),
        .testTarget(name: "DXFormsTests", dependencies: ["DXForms"], exclude: ["Findings"], swiftSettings: strict),
        .testTarget(name: "DXStorageTests", dependencies: ["DXStorage", "DXSignature", "DXTestSupport"], swiftSettings: strict),
        .testTarget(name: "DXCatalogTests", dependencies: ["DXCatalog", "DXTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "DXCommandsTests",
            dependencies: ["DXCommands", "DXTestSupport", "DXSignature", "DXSpreadsheet", "DXCatalog",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DXDocumentsTests",
            dependencies: ["DXDocuments", "DXCommands", "DXCatalog", "DXTestSupport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DXServerTests",
            dependencies: [
                "DXServer", "DXCommands", "DXTestSupport", "DXSpreadsheet", "DXSignature",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
    ]
)
