import NexoKit

/// A command call resolved to its spec, with every argument and option checked and typed.
public struct BoundCommand: Sendable, Hashable {
    /// The command's spec.
    public var spec: CommandSpec
    /// The command's own positional arguments, options and flags, typed, with defaults applied.
    /// This is what the command's `run` receives.
    public var arguments: ParsedArguments
    /// The global options (those the caller passed as `globalOptions`, e.g. `--format`,
    /// `--dry-run`) that were given, with their defaults applied. An option the spec declares
    /// itself is the command's, never global.
    public var globalArguments: ParsedArguments
    /// Where the call is.
    public var sourceRange: SourceRange
    /// The call it was bound from (for locating errors the command raises later).
    public var call: CommandCall

    /// Creates a bound command.
    public init(spec: CommandSpec, arguments: ParsedArguments, globalArguments: ParsedArguments, call: CommandCall) {
        self.spec = spec
        self.arguments = arguments
        self.globalArguments = globalArguments
        self.sourceRange = call.range
        self.call = call
    }

    /// File, line and column of the call.
    public var location: SourceLocation { call.location }
}
