// swift-tools-version: 6.1
// NexoKit: the plugin SDK. It is its own package so that SwiftPM links it as a
// shared library (`libNexoKit.so`) that the host, every plugin and the tests share:
// a package cannot depend on its own products, and only a product is linked dynamically.
import PackageDescription

let package = Package(
    name: "NexoKit",
    products: [
        .library(name: "NexoKit", type: .dynamic, targets: ["NexoKit"]),
        .library(name: "NexoKitTesting", targets: ["NexoKitTesting"]),
    ],
    targets: [
        .target(name: "NexoKit", swiftSettings: [.swiftLanguageMode(.v6)]),
        .target(name: "NexoKitTesting", dependencies: ["NexoKit"], swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
