// swift-tools-version: 6.1
// NexoKit: the plugin SDK. It is its own package so that SwiftPM links it as a
// shared library (`libNexoKit.so`) that the host, every plugin and the tests share:
// a package cannot depend on its own products, and only a product is linked dynamically.
//
// The package also holds the command language (`NexoLanguage`: lexer, parser, binder, completer)
// and the text helpers it renders errors with (`NexoText`), in the same library. Plugins do not
// import them; they live here so that the host (the root package) and `NexoKitTesting` bind command
// lines with the same binder: the root package depends on this one, never the other way.
import PackageDescription

let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]
// The host loads these at every start: they import neither Concurrency nor StringProcessing implicitly,
// so their libraries are not linked unless a module imports them (NexoKitTesting, for tests, does).
let startPath: [SwiftSetting] =
    swift6 + [
        .unsafeFlags([
            "-Xfrontend", "-disable-implicit-concurrency-module-import",
            "-Xfrontend", "-disable-implicit-string-processing-module-import",
        ])
    ]

let package = Package(
    name: "NexoKit",
    products: [
        // One shared library for the SDK and the command language: a static NexoLanguage product would
        // carry the NexoKit target it depends on into nexo, a second copy of the SDK beside libNexoKit.so.
        .library(name: "NexoKit", type: .dynamic, targets: ["NexoKit", "NexoText", "NexoLanguage"]),
        .library(name: "NexoKitTesting", targets: ["NexoKitTesting"]),
    ],
    targets: [
        .target(name: "NexoKit", swiftSettings: startPath),
        .target(name: "NexoText", swiftSettings: startPath),
        .target(name: "NexoLanguage", dependencies: ["NexoKit", "NexoText"], swiftSettings: startPath),
        .target(name: "NexoKitTesting", dependencies: ["NexoKit", "NexoLanguage"], swiftSettings: swift6),
    ]
)
