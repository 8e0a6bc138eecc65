import NexoKit
import NexoStore

/// Who provides a command: the core or a plugin, with its version (recorded with every write).
public struct CommandOwner: Sendable, Hashable {
    /// `core` or the plugin's name.
    public var name: String
    /// Version string.
    public var version: String
}

/// How a registered command runs.
enum CommandAction {
    /// A plugin command: sees only NexoKit.
    case plugin(@Sendable (ParsedArguments, CommandContext) throws -> CommandResult)
    /// A built-in: may change the session and use store administration.
    case builtin((ParsedArguments, BuiltinContext) throws -> CommandResult)
    /// A built-in that runs outside any store transaction (session state, `undo`, `run`, filters).
    case session((ParsedArguments, SessionContext) throws -> CommandResult)
}

/// One command known to the shell.
struct RegisteredCommand {
    var spec: CommandSpec
    var owner: CommandOwner
    var action: CommandAction
    /// Whether the command sends data out of the system (checked by the egress gate).
    var egress: Bool = false
}

/// All commands by path.
struct CommandRegistry {
    private(set) var commands: [[String]: RegisteredCommand] = [:]

    /// Adds a command; refuses a path that is taken, naming who has it.
    mutating func register(_ command: RegisteredCommand) throws(NexoError) {
        if let existing = commands[command.spec.path] {
            throw NexoError(
                .conflict,
                "command '\(command.spec.name)' of \(command.owner.name) is already provided by \(existing.owner.name)",
                hint: "load only one of them with --plugin NAME")
        }
        commands[command.spec.path] = command
    }

    /// Specs, sorted by name (each name joined once, not at every comparison of the sort).
    var specs: [CommandSpec] {
        commands.values.map { (name: $0.spec.name, spec: $0.spec) }.sorted { $0.name < $1.name }.map(\.spec)
    }

    subscript(path: [String]) -> RegisteredCommand? { commands[path] }
}
