import NexoKit
import NexoKitTesting
import NexoPluginHost
import Testing

/// Every plugin in `Plugins/`, loaded from its real library by the real loader, passes the SDK's
/// conformance suite (names, versions, kinds, command specs, examples that parse).
@Suite struct InTreePluginConformanceTests {
    @Test(arguments: ["notes", "gang-records", "smuggling-networks", "biometric-lookup", "world-generator"])
    func pluginConforms(name: String) throws {
        let report = PluginLoader.load(
            PluginLoader.Configuration(directories: [BuildProducts.buildDirectory], only: [name]))
        let plugin = try #require(
            report.loaded.first { $0.plugin.name == name }?.plugin,
            "\(name) did not load: \(report.refused.map(\.reason))")
        #expect(PluginConformance.problems(in: plugin) == [])
    }
}
