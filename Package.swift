// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "aap",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "aap", targets: ["aap"]),
        .executable(name: "aap-bench", targets: ["aap-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // The .xlsx exports: a ZIP container for the few XML parts Workbook.swift writes.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Test-only: whole-value diffs of the domain projections.
        .package(url: "https://github.com/pointfreeco/swift-custom-dump", from: "1.7.3"),
        .package(url: "https://github.com/pointfreeco/xctest-dynamic-overlay", from: "1.13.1"),
    ],
    targets: [
        // Pure rules: values, workflow definitions, events, decide/evolve. Depends on nothing.
        .target(name: "AAPDomain"),
        // The system SQLite, for the embedded engine's read cache (nothing to build).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // The file event log: bytes, ordering, durability, integrity; the read cache in SQLite.
        .target(
            name: "AAPStorage",
            dependencies: [
                "AAPDomain",
                "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The PostgreSQL log engine: the same line bytes as the file log, in rows read by seq.
        .target(
            name: "AAPPostgres",
            dependencies: [
                "AAPStorage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // The command line as a library: paths, clock, output, exit codes.
        .target(
            name: "AAPCLI",
            dependencies: [
                "AAPDomain",
                "AAPStorage",
                "AAPPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The executable only calls the root command.
        .executableTarget(name: "aap", dependencies: ["AAPCLI"]),
        // In-process measurements for Benchmarks/run (decide + durable append per event, without a process per event).
        .executableTarget(name: "aap-bench", dependencies: ["AAPStorage", "AAPDomain"], path: "Benchmarks/InProcess"),
        // Throughput of decoding log lines, run by hand in release (see its main.swift).
        .executableTarget(
            name: "aap-decode-bench",
            dependencies: ["AAPDomain", "AAPStorage"],
            path: "Benchmarks/DecodeThroughput"
        ),
        .testTarget(
            name: "AAPDomainTests",
            dependencies: [
                "AAPDomain",
                .product(name: "CustomDump", package: "swift-custom-dump"),
                // Routes CustomDump's failures to Swift Testing.
                .product(name: "IssueReportingTestSupport", package: "xctest-dynamic-overlay"),
            ],
            // SIRETs with python-stdnum's verdict (scripts/generate-siret-vectors), read by path.
            exclude: ["Vectors"]
        ),
        .testTarget(name: "AAPStorageTests", dependencies: ["AAPStorage", "AAPDomain"]),
        .testTarget(name: "AAPPostgresTests", dependencies: ["AAPPostgres", "AAPStorage"]),
        .testTarget(name: "AAPCLITests", dependencies: ["AAPCLI", "AAPStorage", "AAPDomain", "AAPPostgres", .product(name: "PostgresNIO", package: "postgres-nio"), "aap"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
