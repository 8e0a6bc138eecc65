// swift-tools-version: 6.1
import PackageDescription

let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]
// What `nexo` links is loaded at every start, and the biometric plugin's library at the first `bio` command of a
// script (a script's identify is measured from a fresh process): their modules import neither Concurrency nor StringProcessing implicitly, so their libraries (and libdispatch,
// ~1 ms to load) are not linked unless a module imports them.
let startPath: [SwiftSetting] =
    swift6 + [
        .unsafeFlags([
            "-Xfrontend", "-disable-implicit-concurrency-module-import",
            "-Xfrontend", "-disable-implicit-string-processing-module-import",
        ])
    ]
let kit = Target.Dependency.product(name: "NexoKit", package: "NexoKit")
// The command language (NexoLanguage) and its text helpers (NexoText) live in the SDK package, in the same
// dynamic library as NexoKit (libNexoKit.so), so NexoKitTesting binds with the host's binder and nexo carries
// no second copy of the SDK: depending on the `kit` product makes all three modules importable.
let kitTesting = Target.Dependency.product(name: "NexoKitTesting", package: "NexoKit")

let package = Package(
    name: "Nexo",
    products: [
        .executable(name: "nexo", targets: ["nexo"]),
        // Plugins: one dynamic library each, loaded at run time from <exe dir>.
        .library(name: "NexoNotes", type: .dynamic, targets: ["NotesPlugin", "NotesEntryPoints"]),
        .library(name: "NexoGangRecords", type: .dynamic, targets: ["GangRecordsPlugin", "GangRecordsEntryPoints"]),
        .library(
            name: "NexoSmugglingNetworks", type: .dynamic,
            targets: ["SmugglingNetworksPlugin", "SmugglingNetworksEntryPoints"]),
        .library(
            name: "NexoBiometricLookup", type: .dynamic,
            targets: ["BiometricLookupPlugin", "BiometricLookupEntryPoints"]),
        .library(
            name: "NexoWorldGenerator", type: .dynamic, targets: ["WorldGeneratorPlugin", "WorldGeneratorEntryPoints"]),
        .library(
            name: "NexoLinkAnalysis", type: .dynamic, targets: ["LinkAnalysisPlugin", "LinkAnalysisEntryPoints"]),
    ],
    dependencies: [
        .package(path: "Sources/NexoKit")
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        // libedit's C interface, opened at run time (dlopen) by the first line editor: `nexo` does not link it.
        .target(name: "CLibEdit", path: "Sources/CLibEdit"),
        .target(
            name: "NexoStore", dependencies: [kit, "CSQLite", "NexoFiles", "NexoThreads"], exclude: ["README.md"],
            swiftSettings: startPath),
        .target(name: "NexoFiles", dependencies: [kit], swiftSettings: startPath),
        .target(name: "NexoOutput", dependencies: [kit], swiftSettings: startPath),
        .target(name: "NexoPluginHost", dependencies: [kit, "NexoFiles"], swiftSettings: startPath),
        .target(name: "NexoLineEditor", dependencies: ["CLibEdit", "NexoFiles"], swiftSettings: startPath),
        .target(name: "NexoWorld", dependencies: [kit], swiftSettings: swift6),
        // The link-analysis plugin's pure graph algorithms (no SDK dependency).
        .target(
            name: "LinkGraph", dependencies: ["CPrefetch"], path: "Plugins/LinkAnalysis/Graph", swiftSettings: swift6),
        .target(
            name: "LinkAnalysisPlugin", dependencies: [kit, "LinkGraph"], path: "Plugins/LinkAnalysis/Plugin",
            swiftSettings: swift6),
        .target(
            name: "LinkAnalysisEntryPoints", dependencies: ["LinkAnalysisPlugin", kit],
            path: "Plugins/LinkAnalysis/EntryPoints", swiftSettings: swift6),
        .target(name: "NexoThreads", dependencies: [kit], swiftSettings: startPath),
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        // Face vector arithmetic, the iris code layout and seeded random numbers: shared by the match engine and the
        // synthesis of templates.
        .target(name: "NexoTemplateMath", dependencies: [kit], swiftSettings: startPath),
        .target(
            name: "NexoMatch", dependencies: [kit, "NexoTemplateMath", "NexoThreads", "CPrefetch", "NexoFiles"],
            swiftSettings: startPath),
        // Synthetic faces, irises and fingers on the SDK alone: `bio synth` (biometric-lookup plugin), tests and
        // benchmarks; never the engine at run time.
        .target(name: "NexoTemplateSynthesis", dependencies: ["NexoTemplateMath", kit], swiftSettings: swift6),
        // Synthetic encounters and biographic noise: tests and benchmarks only.
        .target(
            name: "NexoSynthesis", dependencies: ["NexoTemplateSynthesis", "NexoTemplateMath", "NexoMatch", kit],
            swiftSettings: swift6),
        .target(
            name: "NexoShell",
            dependencies: [
                kit, "NexoStore", "NexoFiles", "NexoOutput", "NexoPluginHost", "NexoLineEditor",
                "NexoMatch",
                "NexoThreads",
            ],
            swiftSettings: startPath),
        .executableTarget(
            name: "nexo",
            dependencies: ["NexoShell", "NexoLineEditor", "NexoOutput", kit],
            swiftSettings: startPath),
        .target(
            name: "NotesPlugin", dependencies: [kit], path: "Plugins/Notes", exclude: ["EntryPoints"],
            swiftSettings: swift6),
        .target(
            name: "NotesEntryPoints", dependencies: ["NotesPlugin", kit], path: "Plugins/Notes/EntryPoints",
            swiftSettings: swift6),
        .target(
            name: "GangRecordsPlugin", dependencies: [kit], path: "Plugins/GangRecords", exclude: ["EntryPoints"],
            swiftSettings: swift6),
        .target(
            name: "GangRecordsEntryPoints", dependencies: ["GangRecordsPlugin", kit],
            path: "Plugins/GangRecords/EntryPoints", swiftSettings: swift6),
        .target(
            name: "SmugglingNetworksPlugin", dependencies: [kit], path: "Plugins/SmugglingNetworks",
            exclude: ["EntryPoints"], swiftSettings: swift6),
        .target(
            name: "SmugglingNetworksEntryPoints", dependencies: ["SmugglingNetworksPlugin", kit],
            path: "Plugins/SmugglingNetworks/EntryPoints", swiftSettings: swift6),
        .target(
            name: "BiometricLookupPlugin", dependencies: [kit, "NexoTemplateSynthesis", "NexoTemplateMath"],
            path: "Plugins/BiometricLookup",
            exclude: ["EntryPoints"], swiftSettings: startPath),
        .target(
            name: "BiometricLookupEntryPoints", dependencies: ["BiometricLookupPlugin", kit],
            path: "Plugins/BiometricLookup/EntryPoints", swiftSettings: startPath),
        .target(
            name: "WorldGeneratorPlugin", dependencies: [kit, "NexoWorld"], path: "Plugins/WorldGenerator",
            exclude: ["EntryPoints"], swiftSettings: swift6),
        .target(
            name: "WorldGeneratorEntryPoints", dependencies: ["WorldGeneratorPlugin", kit],
            path: "Plugins/WorldGenerator/EntryPoints", swiftSettings: swift6),

        .testTarget(
            name: "NexoKitTests", dependencies: [kit, .product(name: "NexoKitTesting", package: "NexoKit")],
            swiftSettings: swift6),
        .testTarget(
            name: "NexoStoreTests", dependencies: ["NexoStore", "NexoFiles", "NexoThreads", kit], swiftSettings: swift6),
        .testTarget(
            name: "NexoLanguageTests", dependencies: ["NexoFiles", kit], swiftSettings: swift6),
        .testTarget(name: "NexoOutputTests", dependencies: ["NexoOutput", kit], swiftSettings: swift6),
        .testTarget(
            name: "NexoPluginHostTests",
            dependencies: ["NexoPluginHost", "NexoFiles", kit, .product(name: "NexoKitTesting", package: "NexoKit")],
            swiftSettings: swift6),
        // Each in-tree plugin's unit tests, beside it on the SDK's test kit.
        .testTarget(
            name: "GangRecordsTests", dependencies: ["GangRecordsPlugin", kit, kitTesting], swiftSettings: swift6),
        .testTarget(name: "NotesTests", dependencies: ["NotesPlugin", kit, kitTesting], swiftSettings: swift6),
        .testTarget(
            name: "SmugglingNetworksTests", dependencies: ["SmugglingNetworksPlugin", kit, kitTesting],
            swiftSettings: swift6),
        .testTarget(
            name: "BiometricLookupTests", dependencies: ["BiometricLookupPlugin", kit, kitTesting],
            swiftSettings: swift6),
        .testTarget(
            name: "WorldGeneratorTests",
            dependencies: ["WorldGeneratorPlugin", "GangRecordsPlugin", "SmugglingNetworksPlugin", kit, kitTesting],
            swiftSettings: swift6),
        .testTarget(name: "NexoLineEditorTests", dependencies: ["NexoLineEditor", "NexoFiles"], swiftSettings: swift6),
        .testTarget(name: "LinkGraphTests", dependencies: ["LinkGraph"], swiftSettings: swift6),
        .testTarget(
            name: "LinkAnalysisTests", dependencies: ["LinkAnalysisPlugin", kit, kitTesting], swiftSettings: swift6),
        .executableTarget(
            name: "nexo-bench-face",
            dependencies: ["NexoMatch", "NexoSynthesis", "NexoTemplateSynthesis", "NexoTemplateMath", kit],
            path: "Sources/Benchmarks/Face",
            swiftSettings: swift6),
        .executableTarget(
            name: "nexo-bench-finger",
            dependencies: ["NexoMatch", "NexoSynthesis", "NexoTemplateSynthesis", "NexoTemplateMath", kit],
            path: "Sources/Benchmarks/Finger", swiftSettings: swift6),
        .executableTarget(
            name: "nexo-finger-calibration",
            dependencies: ["NexoMatch", "NexoSynthesis", "NexoTemplateSynthesis", "NexoTemplateMath", kit],
            path: "Sources/Benchmarks/FingerCalibration", swiftSettings: swift6),
        .executableTarget(
            name: "nexo-bench-names", dependencies: ["NexoMatch", "NexoTemplateMath", kit],
            path: "Sources/Benchmarks/Names",
            swiftSettings: swift6),
        .executableTarget(
            name: "nexo-bench-accuracy",
            dependencies: [
                "NexoMatch", "NexoSynthesis", "NexoTemplateSynthesis", "NexoTemplateMath", "NexoWorld", kit,
            ],
            path: "Sources/Benchmarks/Accuracy", swiftSettings: swift6),
        .testTarget(name: "NexoThreadsTests", dependencies: ["NexoThreads"], swiftSettings: swift6),
        .testTarget(
            name: "NexoMatchTests",
            dependencies: ["NexoMatch", "NexoSynthesis", "NexoTemplateSynthesis", "NexoTemplateMath", kit],
            swiftSettings: swift6),
        .testTarget(name: "NexoWorldTests", dependencies: ["NexoWorld", kit], swiftSettings: swift6),
        .testTarget(
            name: "NexoShellTests",
            dependencies: [
                "NexoShell", "NexoStore", "NexoTemplateMath", kit,
                .product(name: "NexoKitTesting", package: "NexoKit"),
            ],
            swiftSettings: swift6),
        .testTarget(
            name: "EndToEndTests", dependencies: [kit], exclude: ["Scripts", "Examples"], swiftSettings: swift6),
    ]
)
