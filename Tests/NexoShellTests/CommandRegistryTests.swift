import NexoKit
import Testing

@testable import NexoShell

/// A plugin's commands are registered all or none: a path another owner has, or one the plugin gives twice,
/// refuses the whole group and leaves the registry as it was.
@Suite struct CommandRegistryTests {
    private func command(_ path: [String], of owner: String) -> RegisteredCommand {
        RegisteredCommand(
            spec: CommandSpec(path, summary: "test"), owner: CommandOwner(name: owner, version: "1"),
            action: .plugin { _, _ in .empty })
    }

    @Test func aGroupIsRegisteredWholeOrNotAtAll() throws {
        var registry = CommandRegistry()
        try registry.register(command(["find"], of: "core"))
        try registry.register(all: [command(["gang", "list"], of: "gangs"), command(["gang", "show"], of: "gangs")])
        #expect(registry.commands.count == 3)
        #expect(registry.command(calledWith: ["gang", "show", "MS-13"])?.owner.name == "gangs")

        let clash = [command(["other", "one"], of: "other"), command(["find"], of: "other")]
        #expect(throws: NexoError.self) { try registry.register(all: clash) }
        #expect(registry.commands.count == 3)
        #expect(registry[["other", "one"]] == nil)

        let twice = [command(["twice"], of: "dup"), command(["twice"], of: "dup")]
        #expect(throws: NexoError.self) { try registry.register(all: twice) }
        #expect(registry[["twice"]] == nil)
        do {
            try registry.register(all: clash)
        } catch {
            #expect(error.message == "command 'find' of other is already provided by core")
        }
    }
}
