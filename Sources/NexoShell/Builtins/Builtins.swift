import NexoKit

/// The commands the core provides. Each file adds one group of them.
enum Builtins {
    static let owner = CommandOwner(name: CoreSchema.owner, version: CoreSchema.version)

    /// A built-in that runs inside the store transaction of its command.
    static func builtin(
        _ spec: CommandSpec, egress: Bool = false,
        run: @escaping (ParsedArguments, BuiltinContext) throws -> CommandResult
    ) -> RegisteredCommand {
        RegisteredCommand(spec: spec, owner: owner, action: .builtin(run), egress: egress)
    }

    /// A built-in that manages the session (and its own store access, if any) itself.
    static func session(
        _ spec: CommandSpec, run: @escaping (ParsedArguments, SessionContext) throws -> CommandResult
    ) -> RegisteredCommand {
        RegisteredCommand(spec: spec, owner: owner, action: .session(run))
    }

    /// Every built-in, with specs built from the current schema (kind names complete and validate).
    static func all(schema: Schema) -> [RegisteredCommand] {
        graphCommands(schema: schema) + sourceCommands() + [saveCommand()] + caseCommands()
            + dataCommands(schema: schema)
            + sessionCommands()
            + scriptCommands() + filterCommands()
    }
}
