import HelloPlugin
import NexoKit
import NexoKitTesting
import Testing

@Suite struct HelloPluginTests {
    @Test func conformsToTheSDKRules() {
        #expect(PluginConformance.problems(in: HelloPlugin()) == [])
    }

    @Test func declaresTheHelloCommand() {
        #expect(HelloPlugin().commands.map(\.spec.synopsis) == ["hello <name> [--greeting text]"])
    }

    @Test func greetsByNameWithTheDefaultOrAGivenGreeting() throws {
        let kit = try PluginTestKit(plugin: HelloPlugin())
        #expect(try kit.run("hello Ana").table?.rows == [[.string("Hello, Ana!")]])
        #expect(try kit.run("hello 'Ana María' --greeting Hola").table?.rows == [[.string("Hola, Ana María!")]])
    }

    @Test func refusesAMissingOrEmptyName() throws {
        let kit = try PluginTestKit(plugin: HelloPlugin())
        #expect(
            throws: NexoError(
                .usage, "missing argument <name> for 'hello'", hint: "usage: hello <name> [--greeting text]")
        ) {
            try kit.run("hello")
        }
        #expect(throws: NexoError(.usage, "the name is empty", hint: "write a name: hello Ana")) {
            try kit.run("hello ' '")
        }
    }
}
