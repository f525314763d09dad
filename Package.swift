// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Malmoi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "malmoi", targets: ["malmoi"]),
        .library(name: "MalmoiCore", targets: ["MalmoiCore"]),
        .library(name: "MalmoiText", targets: ["MalmoiText"]),
        .library(name: "MalmoiMorph", targets: ["MalmoiMorph"]),
        .library(name: "MalmoiAgreement", targets: ["MalmoiAgreement"]),
        .library(name: "MalmoiAbuse", targets: ["MalmoiAbuse"]),
        .library(name: "MalmoiStore", targets: ["MalmoiStore"]),
        .library(name: "MalmoiPostgres", targets: ["MalmoiPostgres"]),
        .library(name: "MalmoiExport", targets: ["MalmoiExport"]),
        .library(name: "MalmoiQA", targets: ["MalmoiQA"]),
        .library(name: "MalmoiSummary", targets: ["MalmoiSummary"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // MARK: C shims
        .target(
            name: "CICU",
            linkerSettings: [
                .linkedLibrary("icuuc"),
                .linkedLibrary("icui18n"),
                .linkedLibrary("icudata"),
            ]
        ),
        .target(
            name: "CLibXML2",
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2")]
        ),

        // MARK: Libraries
        .target(name: "MalmoiCore"),
        .target(name: "MalmoiText", dependencies: ["CICU", "MalmoiCore"]),
        .target(name: "MalmoiMorph", dependencies: ["MalmoiCore"]),
        .target(name: "MalmoiAgreement", dependencies: ["MalmoiCore"]),
        .target(name: "MalmoiAbuse", dependencies: ["MalmoiCore", "MalmoiText", "MalmoiMorph"]),
        .target(
            name: "MalmoiStore",
            dependencies: ["MalmoiCore", "MalmoiText", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "MalmoiPostgres",
            dependencies: ["MalmoiCore", "MalmoiStore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .target(name: "MalmoiExport", dependencies: ["MalmoiCore", "MalmoiStore", "CLibXML2"]),
        .target(name: "MalmoiQA", dependencies: ["MalmoiCore", "MalmoiText", "MalmoiMorph"]),
        .target(name: "MalmoiSummary", dependencies: ["MalmoiCore", "MalmoiText", "MalmoiMorph"]),

        // MARK: CLI
        .executableTarget(
            name: "malmoi",
            dependencies: [
                "MalmoiCore", "MalmoiText", "MalmoiMorph", "MalmoiAgreement", "MalmoiAbuse",
                "MalmoiStore", "MalmoiPostgres", "MalmoiExport", "MalmoiQA", "MalmoiSummary",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .testTarget(name: "MalmoiCoreTests", dependencies: ["MalmoiCore"]),
        .testTarget(name: "MalmoiTextTests", dependencies: ["MalmoiText"]),
        .testTarget(name: "MalmoiMorphTests", dependencies: ["MalmoiMorph", "MalmoiAgreement"]),
        .testTarget(name: "MalmoiAgreementTests", dependencies: ["MalmoiAgreement"]),
        .testTarget(name: "MalmoiAbuseTests", dependencies: ["MalmoiAbuse"]),
        .testTarget(
            name: "MalmoiStoreTests",
            dependencies: ["MalmoiStore", "MalmoiPostgres", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "MalmoiExportTests", dependencies: ["MalmoiExport"]),
        .testTarget(name: "MalmoiQATests", dependencies: ["MalmoiQA"]),
        .testTarget(name: "MalmoiSummaryTests", dependencies: ["MalmoiSummary"]),
        .testTarget(name: "MalmoiCLITests", dependencies: ["malmoi"]),
    ],
    swiftLanguageModes: [.v6]
)
