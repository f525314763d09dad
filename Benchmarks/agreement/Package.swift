// swift-tools-version:6.1
// The agreement benchmark: a release-built program timing MalmoiAgreement on the data that
// generate.py writes. Run everything (and the peers) with `python3 bench.py`.
// Sources/{CICU,MalmoiCore,MalmoiText,MalmoiAgreement,MalmoiAgreementInput} are symlinks to the main
// package's sources, so this package builds only what it measures (and the JSONL reader it times) and
// never enters the main build.
import PackageDescription

let package = Package(
    name: "AgreementBenchmark",
    targets: [
        .target(name: "CICU", path: "Sources/CICU",
                linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]),
        .target(name: "MalmoiCore", path: "Sources/MalmoiCore"),
        .target(name: "MalmoiText", dependencies: ["CICU", "MalmoiCore"], path: "Sources/MalmoiText"),
        .target(name: "MalmoiAgreement", dependencies: ["MalmoiCore"], path: "Sources/MalmoiAgreement"),
        .target(name: "MalmoiAgreementInput", dependencies: ["MalmoiCore", "MalmoiText", "MalmoiAgreement"],
                path: "Sources/MalmoiAgreementInput"),
        .executableTarget(name: "agreement-bench", dependencies: ["MalmoiAgreement", "MalmoiAgreementInput", "MalmoiCore"],
                          path: "Sources/agreement-bench"),
    ],
    swiftLanguageModes: [.v6]
)
