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
        .library(name: "MalmoiAgreementInput", targets: ["MalmoiAgreementInput"]),
        .library(name: "MalmoiAbuse", targets: ["MalmoiAbuse"]),
        .library(name: "MalmoiStore", targets: ["MalmoiStore"]),
        .library(name: "MalmoiPostgres", targets: ["MalmoiPostgres"]),
        .library(name: "MalmoiExport", targets: ["MalmoiExport"]),
        .library(name: "MalmoiQA", targets: ["MalmoiQA"]),
        .library(name: "MalmoiSummary", targets: ["MalmoiSummary"]),
        .library(name: "MalmoiLabel", targets: ["MalmoiLabel"]),
        .library(name: "MalmoiMorphTask", targets: ["MalmoiMorphTask"]),
        .library(name: "MalmoiModel", targets: ["MalmoiModel"]),
        .library(name: "MalmoiReport", targets: ["MalmoiReport"]),
        .library(name: "MalmoiServer", targets: ["MalmoiServer"]),
        .library(name: "MalmoiRemote", targets: ["MalmoiRemote"]),
        .library(name: "MalmoiWorkflow", targets: ["MalmoiWorkflow"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
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
        .target(name: "MalmoiAgreementInput", dependencies: ["MalmoiCore", "MalmoiText", "MalmoiAgreement"]),
        .target(name: "MalmoiAbuse", dependencies: ["MalmoiCore", "MalmoiText", "MalmoiMorph"]),
        .target(
            name: "MalmoiStore",
            dependencies: ["MalmoiCore", "MalmoiText", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "MalmoiPostgres",
            dependencies: ["MalmoiCore", "MalmoiStore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .target(name: "MalmoiExport", dependencies: ["MalmoiCore", "MalmoiText", "MalmoiStore", "CLibXML2"]),

        // MARK: Task modules
        .target(name: "MalmoiLabel", dependencies: ["MalmoiCore"]),
        .target(name: "MalmoiMorphTask", dependencies: ["MalmoiCore", "MalmoiMorph"]),
        .target(name: "MalmoiQA", dependencies: ["MalmoiCore", "MalmoiText", "MalmoiMorph"]),
        .target(name: "MalmoiSummary", dependencies: ["MalmoiCore", "MalmoiText", "MalmoiMorph"]),
        .target(name: "MalmoiModel", dependencies: ["MalmoiCore", "MalmoiText", "MalmoiMorph", "MalmoiAbuse"]),
        .target(name: "MalmoiReport", dependencies: ["MalmoiCore", "MalmoiStore", "MalmoiAgreement"]),
        .target(name: "MalmoiTerminal", dependencies: ["MalmoiText"]),
        .target(
            name: "MalmoiWorkflow",
            dependencies: ["MalmoiCore", "MalmoiStore", "MalmoiTerminal", "MalmoiText", "MalmoiModel", "MalmoiAgreement", "MalmoiAgreementInput",
                           "MalmoiMorph", "MalmoiMorphTask", "MalmoiExport", "MalmoiLabel", "MalmoiQA", "MalmoiSummary", "MalmoiAbuse"]
        ),

        // MARK: Team server (issue 11)
        .target(name: "MalmoiRemote", dependencies: ["MalmoiCore", "MalmoiStore"]),
        .target(
            name: "MalmoiServer",
            dependencies: [
                "MalmoiCore", "MalmoiText", "MalmoiStore", "MalmoiRemote",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // MARK: CLI
        .executableTarget(
            name: "malmoi",
            dependencies: [
                "MalmoiCore", "MalmoiText", "MalmoiMorph", "MalmoiAgreement", "MalmoiAgreementInput", "MalmoiAbuse",
                "MalmoiStore", "MalmoiPostgres", "MalmoiExport", "MalmoiQA", "MalmoiSummary", "MalmoiLabel", "MalmoiMorphTask",
                "MalmoiModel", "MalmoiReport", "MalmoiTerminal", "MalmoiServer", "MalmoiRemote", "MalmoiWorkflow",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Benchmarks (no test depends on these)
        .target(
            name: "WorkflowBench",
            path: "Benchmarks/workflow/Sources/WorkflowBench"
        ),
        .executableTarget(
            name: "workflow-load",
            dependencies: ["MalmoiCore", "MalmoiStore", "MalmoiPostgres", "WorkflowBench"],
            path: "Benchmarks/workflow/Sources/workflow-load"
        ),
        .executableTarget(
            name: "workflow-http",
            dependencies: [
                "MalmoiCore", "MalmoiStore", "MalmoiPostgres", "MalmoiServer", "WorkflowBench",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/workflow/Sources/workflow-http"
        ),

        // MARK: Tests
        .testTarget(name: "MalmoiCoreTests", dependencies: ["MalmoiCore"]),
        .testTarget(name: "MalmoiTextTests", dependencies: ["MalmoiText"]),
        .testTarget(name: "MalmoiMorphTests", dependencies: ["MalmoiMorph"]),
        .testTarget(name: "MalmoiMorphTaskTests", dependencies: ["MalmoiMorphTask", "MalmoiAgreement"]),
        .testTarget(name: "MalmoiLabelTests", dependencies: ["MalmoiLabel"]),
        .testTarget(name: "MalmoiAgreementTests", dependencies: ["MalmoiAgreement", "MalmoiAgreementInput"]),
        .testTarget(name: "MalmoiAbuseTests", dependencies: ["MalmoiAbuse"]),
        .testTarget(
            name: "MalmoiStoreTests",
            dependencies: ["MalmoiStore", "MalmoiPostgres", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "MalmoiExportTests", dependencies: ["MalmoiExport", "MalmoiLabel"]),
        .testTarget(name: "MalmoiQATests", dependencies: ["MalmoiQA"]),
        .testTarget(name: "MalmoiSummaryTests", dependencies: ["MalmoiSummary"]),
        .testTarget(name: "MalmoiModelTests", dependencies: ["MalmoiModel"]),
        .testTarget(name: "MalmoiCLITests", dependencies: ["malmoi"]),
        .testTarget(name: "MalmoiReportTests", dependencies: ["MalmoiReport", "MalmoiStore", "MalmoiLabel"]),
        .testTarget(name: "MalmoiTerminalTests", dependencies: ["MalmoiTerminal", "malmoi"]),
        .testTarget(
            name: "MalmoiServerTests",
            dependencies: [
                "MalmoiServer", "MalmoiRemote", "MalmoiStore", "MalmoiPostgres", "MalmoiLabel", "malmoi",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "MalmoiWorkflowTests", dependencies: ["MalmoiWorkflow", "MalmoiStore", "MalmoiLabel", "MalmoiModel", "MalmoiText"]),
    ],
    swiftLanguageModes: [.v6]
)
