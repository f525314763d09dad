// swift-tools-version:6.1
// The agreement benchmark: a release-built program timing MalmoiAgreement on the data that
// generate.py writes. Run everything (and the peers) with `python3 bench.py`.
// Sources/MalmoiCore and Sources/MalmoiAgreement are symlinks to the main package's sources, so this
// package builds only what it measures and never enters the main build.
import PackageDescription

let package = Package(
    name: "AgreementBenchmark",
    targets: [
        .target(name: "MalmoiCore", path: "Sources/MalmoiCore"),
        .target(name: "MalmoiAgreement", dependencies: ["MalmoiCore"], path: "Sources/MalmoiAgreement"),
        .executableTarget(name: "agreement-bench", dependencies: ["MalmoiAgreement", "MalmoiCore"],
                          path: "Sources/agreement-bench"),
    ],
    swiftLanguageModes: [.v6]
)
