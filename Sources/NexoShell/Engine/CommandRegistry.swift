import NexoKit
import NexoPluginHost
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
    /// The command's words (`["gang", "members"]`).
    let path: [String]
    private let source: SpecSource
    var owner: CommandOwner
    var action: CommandAction
    /// Whether the command sends data out of the system (checked by the egress gate).
    var egress: Bool = false

    /// Where the spec comes from: built in memory, or a plugin's spec cache entry (decoded on first use).
    private enum SpecSource {
        case ready(CommandSpec)
        case cached(CachedDescription, index: Int)
    }

    init(spec: CommandSpec, owner: CommandOwner, action: CommandAction, egress: Bool = false) {
        path = spec.path
        source = .ready(spec)
        self.owner = owner
        self.action = action
        self.egress = egress
    }

    /// Command `index` of a cached plugin: its spec stays encoded until ``spec`` is first read.
    init(cached description: CachedDescription, index: Int, owner: CommandOwner, action: CommandAction) {
        path = description.commandPaths[index]
        source = .cached(description, index: index)
        self.owner = owner
        self.action = action
    }

    /// The command's spec. A cache entry that passed its checksum but does not decode (not written by
    /// Nexo) yields a spec without arguments whose summary says to start again; running the command
    /// opens the library, which then rewrites the entry.
    var spec: CommandSpec {
        switch source {
        case .ready(let spec): return spec
        case .cached(let description, let index):
            return description.spec(at: index)
                ?? CommandSpec(path, summary: "(the plugin's cache entry is damaged: start nexo again)")
        }
    }

    /// `path` joined by spaces, without decoding the spec.
    var name: String { path.joined(separator: " ") }
}

/// All commands by path.
struct CommandRegistry {
    private(set) var commands: [[String]: RegisteredCommand] = [:]
    /// The most words of any command path.
    private var longestPath = 0

    /// Adds a command; refuses a path that is taken, naming who has it.
    mutating func register(_ command: RegisteredCommand) throws(NexoError) {
        if let existing = commands[command.path] { throw Self.taken(command, by: existing) }
        commands[command.path] = command
        longestPath = max(longestPath, command.path.count)
    }

    /// Adds all of `group` (one plugin's commands) or, when one's path is taken or repeats within the group, none
    /// of them: checked first, so the registry is never copied to be tried.
    mutating func register(all group: [RegisteredCommand]) throws(NexoError) {
        var paths = Set<[String]>(minimumCapacity: group.count)
        for command in group {
            if let existing = commands[command.path] { throw Self.taken(command, by: existing) }
            if !paths.insert(command.path).inserted { throw Self.taken(command, by: command) }
        }
        commands.reserveCapacity(commands.count + group.count)
        for command in group {
            commands[command.path] = command
            longestPath = max(longestPath, command.path.count)
        }
    }

    /// Makes room for `count` more commands at once.
    mutating func reserve(_ count: Int) { commands.reserveCapacity(commands.count + count) }

    private static func taken(_ command: RegisteredCommand, by existing: RegisteredCommand) -> NexoError {
        NexoError(
            .conflict,
            "command '\(command.name)' of \(command.owner.name) is already provided by \(existing.owner.name)",
            hint: "load only one of them with --plugin NAME")
    }

    /// Specs, sorted by name (each name joined once, not at every comparison of the sort). Decodes
    /// every cached spec: for help and completion, not for running one command.
    var specs: [CommandSpec] {
        commands.values.map { (name: $0.name, command: $0) }.sorted { $0.name < $1.name }.map(\.command.spec)
    }

    /// The command whose path is the longest prefix of `words` (`nil` words, such as `$variables`,
    /// match nothing), as ``Binder`` resolves it, by at most ``longestPath`` lookups.
    func command(calledWith words: [String?]) -> RegisteredCommand? {
        var count = min(words.count, longestPath)
        while count > 0 {
            let literal = words.prefix(count).compactMap { $0 }
            if literal.count == count, let found = commands[literal] { return found }
            count -= 1
        }
        return nil
    }

    subscript(path: [String]) -> RegisteredCommand? { commands[path] }
}
