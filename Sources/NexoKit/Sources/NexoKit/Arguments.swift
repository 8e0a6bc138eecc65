/// The validated, typed arguments and options of one command invocation.
///
/// The host fills it from the command line according to the ``CommandSpec``: values already have
/// the declared type, entity references are resolved, defaults are applied. Commands read it
/// through the typed keys their spec is declared from (``ArgumentKey``, ``OptionKey``,
/// ``FlagKey`` …: `try arguments[group]`, `arguments[role]`), never by name.
public struct ParsedArguments: Sendable, Hashable {
    /// Values by argument or option name. Variadic arguments and repeatable options hold all
    /// their values in order.
    public var values: [String: [Value]]
    /// Flags that were given.
    public var flags: Set<String>

    /// Creates a set of arguments.
    public init(values: [String: [Value]] = [:], flags: Set<String> = []) {
        self.values = values
        self.flags = flags
    }
}
