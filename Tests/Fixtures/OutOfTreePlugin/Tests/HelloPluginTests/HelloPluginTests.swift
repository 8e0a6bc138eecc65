import HelloPlugin
import NexoKit
import NexoKitTesting
import Testing

@Suite struct HelloPluginTests {
    @Test func conformsToTheSDKRules() {
        #expect(PluginConformance.problems(in: HelloPlugin()) == [])
    }

    @Test func declaresTheHelloCommand() {
        #expect(HelloPlugin().commands.map(\.spec.synopsis) == ["hello <name>"])
    }
}
