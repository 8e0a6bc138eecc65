// swift-tools-version: 6.1
// A Nexo plugin built outside the Nexo repository: see Plugins/README.md in the Nexo checkout.
import PackageDescription

let package = Package(
    name: "HelloPlugin",
    products: [
        // The library nexo loads: .build/debug/libNexoHello.so. Name it Nexo<PluginName> (or
        // <PluginName>) so that `nexo --plugin hello` finds it without opening other libraries.
        .library(name: "NexoHello", type: .dynamic, targets: ["HelloPlugin"])
    ],
    dependencies: [
        // The SDK, by path, from a Nexo checkout built with the same Swift toolchain.
        .package(path: "../../../Sources/NexoKit")
    ],
    targets: [
        .target(
            name: "HelloPlugin", dependencies: [.product(name: "NexoKit", package: "NexoKit")],
            swiftSettings: [.swiftLanguageMode(.v6)]),
        .testTarget(
            name: "HelloPluginTests",
            dependencies: ["HelloPlugin", .product(name: "NexoKitTesting", package: "NexoKit")],
            swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
