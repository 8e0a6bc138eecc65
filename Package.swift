// swift-tools-version: 6.1
import PackageDescription

let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]
let kit = Target.Dependency.product(name: "NexoKit", package: "NexoKit")

let package = Package(
    name: "Nexo",
    products: [
        .executable(name: "nexo", targets: ["nexo"]),
        // Plugins: one dynamic library each, loaded at run time from <exe dir>.
        .library(name: "NexoNotes", type: .dynamic, targets: ["NotesPlugin"]),
        .library(name: "NexoGangRecords", type: .dynamic, targets: ["GangRecordsPlugin"]),
        .library(name: "NexoSmugglingNetworks", type: .dynamic, targets: ["SmugglingNetworksPlugin"]),
        .library(name: "NexoBiometricLookup", type: .dynamic, targets: ["BiometricLookupPlugin"]),
    ],
    dependencies: [
        .package(path: "Sources/NexoKit"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibEdit", path: "Sources/CLibEdit", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        .target(name: "NexoStore", dependencies: [kit, "CSQLite", "NexoText", "NexoFiles"], exclude: ["README.md"], swiftSettings: swift6),
        .target(name: "NexoText", swiftSettings: swift6),
        .target(name: "NexoFiles", dependencies: [kit], swiftSettings: swift6),
        .target(name: "NexoLanguage", dependencies: [kit, "NexoText"], swiftSettings: swift6),
        .target(name: "NexoOutput", dependencies: [kit, "NexoText"], swiftSettings: swift6),
        .target(name: "NexoPluginHost", dependencies: [kit], swiftSettings: swift6),
        .target(name: "NexoLineEditor", dependencies: ["CLibEdit", "NexoFiles"], swiftSettings: swift6),
        .target(name: "NexoWorld", dependencies: [kit], swiftSettings: swift6),
        .target(name: "NexoThreads", dependencies: [kit], swiftSettings: swift6),
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        .target(name: "NexoMatch", dependencies: [kit, "NexoThreads", "CPrefetch"], swiftSettings: swift6),
        .target(name: "NexoShell",
                dependencies: [kit, "NexoStore", "NexoFiles", "NexoLanguage", "NexoOutput", "NexoPluginHost", "NexoLineEditor", "NexoWorld", "NexoMatch", "NexoThreads",
                               .product(name: "Histogram", package: "hdrhistogram-swift")],
                swiftSettings: swift6),
        .executableTarget(name: "nexo",
                          dependencies: ["NexoShell", "NexoLineEditor", "NexoOutput", kit],
                          swiftSettings: swift6),
        .target(name: "NotesPlugin", dependencies: [kit], path: "Plugins/Notes", swiftSettings: swift6),
        .target(name: "GangRecordsPlugin", dependencies: [kit], path: "Plugins/GangRecords", swiftSettings: swift6),
        .target(name: "SmugglingNetworksPlugin", dependencies: [kit], path: "Plugins/SmugglingNetworks", swiftSettings: swift6),
        .target(name: "BiometricLookupPlugin", dependencies: [kit], path: "Plugins/BiometricLookup", swiftSettings: swift6),

        .testTarget(name: "NexoKitTests", dependencies: [kit, .product(name: "NexoKitTesting", package: "NexoKit")],
                    swiftSettings: swift6),
        .testTarget(name: "NexoStoreTests", dependencies: ["NexoStore", "NexoFiles", "NexoThreads", kit], swiftSettings: swift6),
        .testTarget(name: "NexoLanguageTests", dependencies: ["NexoLanguage", kit], swiftSettings: swift6),
        .testTarget(name: "NexoOutputTests", dependencies: ["NexoOutput", "NexoText", kit], swiftSettings: swift6),
        .testTarget(name: "NexoPluginHostTests", dependencies: ["NexoPluginHost", kit, .product(name: "NexoKitTesting", package: "NexoKit")], swiftSettings: swift6),
        .testTarget(name: "NexoLineEditorTests", dependencies: ["NexoLineEditor", "NexoFiles"], swiftSettings: swift6),
        .executableTarget(name: "nexo-bench-face", dependencies: ["NexoMatch", kit], path: "Sources/Benchmarks/Face", swiftSettings: swift6),
        .executableTarget(name: "nexo-bench-finger", dependencies: ["NexoMatch", kit], path: "Sources/Benchmarks/Finger", swiftSettings: swift6),
        .executableTarget(name: "nexo-bench-names", dependencies: ["NexoMatch", kit], path: "Sources/Benchmarks/Names", swiftSettings: swift6),
        .executableTarget(name: "nexo-bench-accuracy", dependencies: ["NexoMatch", "NexoWorld", kit], path: "Sources/Benchmarks/Accuracy", swiftSettings: swift6),
        .testTarget(name: "NexoThreadsTests", dependencies: ["NexoThreads"], swiftSettings: swift6),
        .testTarget(name: "NexoMatchTests", dependencies: ["NexoMatch", kit], swiftSettings: swift6),
        .testTarget(name: "NexoWorldTests", dependencies: ["NexoWorld", kit], swiftSettings: swift6),
        .testTarget(name: "NexoShellTests", dependencies: ["NexoShell", "NexoStore", kit, .product(name: "NexoKitTesting", package: "NexoKit")], swiftSettings: swift6),
        .testTarget(name: "EndToEndTests", dependencies: [kit], exclude: ["Scripts", "Examples"], swiftSettings: swift6),
    ]
)
