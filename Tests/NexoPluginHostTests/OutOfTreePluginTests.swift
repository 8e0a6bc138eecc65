import NexoKit
import NexoKitTesting
import NexoPluginHost
import Testing

/// A plugin built outside this repository, exactly as Plugins/README.md tells an author to,
/// loads into this process. Slow (it runs `swift build`); skip with NEXO_SKIP_SLOW_TESTS=1.
@Suite(.disabled(if: Environment.value("NEXO_SKIP_SLOW_TESTS") == "1", "NEXO_SKIP_SLOW_TESTS=1"))
struct OutOfTreePluginTests {
    @Test(.timeLimit(.minutes(10)))
    func buildsAndLoadsTheExamplePackage() throws {
        let temp = try TestDirectory("outoftree")
        let package = temp.file("HelloPlugin")
        let scratch = temp.file("build")
        try Subprocess.check(["cp", "-R", BuildProducts.packageRoot + "/Tests/Fixtures/OutOfTreePlugin", package])
        // Point the copy at this checkout's SDK by absolute path, so the repository stays clean.
        let manifest = package + "/Package.swift"
        let text = try Files.readText(manifest)
        #expect(text.contains(#".package(path: "../../../Sources/NexoKit")"#))
        try Files.write(text.replacing("../../../Sources/NexoKit", with: BuildProducts.sdkPackage), to: manifest)

        try Subprocess.check(["swift", "build", "--package-path", package, "--scratch-path", scratch])

        let products = scratch + "/debug"
        #expect(
            Files.exists(products + "/libNexoKit.so"),
            "the author's build has its own libNexoKit.so, which the loader skips")
        let report = PluginLoader.load(PluginLoader.Configuration(directories: [products], only: ["hello"]))
        #expect(report.refused == [])
        let loaded = try #require(report.loaded.first)
        #expect(report.loaded.count == 1)
        #expect(loaded.path == products + "/libNexoHello.so")
        #expect(loaded.plugin.name == "hello")
        #expect(loaded.plugin.version == "0.1.0")
        let hello = try #require(loaded.plugin.commands.first)
        #expect(hello.spec.synopsis == "hello <name> [--greeting text]")

        // The plugin as nexo loaded it runs on the test kit too.
        let kit = try PluginTestKit(plugins: [loaded.plugin])
        #expect(try kit.run("hello Ana").table?.rows == [[.string("Hello, Ana!")]])

        // The author's own tests, which use the test kit, pass.
        try Subprocess.check(["swift", "test", "--package-path", package, "--scratch-path", scratch])
    }
}
