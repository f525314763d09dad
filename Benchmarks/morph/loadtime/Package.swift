// swift-tools-version:6.1
import PackageDescription

// The dictionary load time of MalmoiMorph, isolated from process start-up (run by ../load.py).
let package = Package(
    name: "MorphLoadTime",
    dependencies: [.package(name: "Malmoi", path: "../../..")],
    targets: [
        .executableTarget(name: "MorphLoadTime", dependencies: [.product(name: "MalmoiMorph", package: "Malmoi")]),
    ],
    swiftLanguageModes: [.v6]
)
