/// The validated, typed arguments and options of one command invocation.
///
/// The host fills it from the command line according to the ``CommandSpec``: values already have
/// the declared type, entity references are resolved, defaults are applied. Accessors return
/// `nil` for what was not given; the `required` forms throw a usage error instead.
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

    /// The first value of `name`.
    @available(*, deprecated, message: "read through a typed key (ArgumentKey, OptionKey, FlagKey …)")
    public func value(_ name: String) -> Value? { values[name]?.first }
    /// All values of `name` (variadic arguments, repeatable options).
    @available(*, deprecated, message: "read through a typed key (ArgumentKey, OptionKey, FlagKey …)")
    public func all(_ name: String) -> [Value] { values[name] ?? [] }
    /// Whether the flag `name` was given.
    @available(*, deprecated, message: "read through a typed key (ArgumentKey, OptionKey, FlagKey …)")
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The text of `name`.
    @available(*, deprecated, message: "read through a typed key (ArgumentKey, OptionKey, FlagKey …)")
    public func string(_ name: String) -> String? { value(name)?.stringValue }
    /// The integer of `name`.
    @available(*, deprecated, message: "read through a typed key (ArgumentKey, OptionKey, FlagKey …)")
    public func int(_ name: String) -> Int64? { value(name)?.intValue }
    /// The number of `name`.
    @available(*, deprecated, message: "read through a typed key (ArgumentKey, OptionKey, FlagKey …)")
    public func double(_ name: String) -> Double? { value(name)?.doubleValue }
    /// The date of `name`.
    @available(*, deprecated, message: "read through a typed key (ArgumentKey, OptionKey, FlagKey …)")
    public func date(_ name: String) -> CivilDate? { value(name)?.dateValue }
    /// The date range of `name`.
    @available(*, deprecated, message: "read through a typed key (ArgumentKey, OptionKey, FlagKey …)")
    public func dateRange(_ name: String) -> DateRange? { value(name)?.dateRangeValue }
    /// The resolved entity of `name`.
    @available(*, deprecated, message: "read through a typed key (ArgumentKey, OptionKey, FlagKey …)")
    public func entity(_ name: String) -> EntityRef? { value(name)?.entityValue }
    /// All resolved entities of `name`.
    @available(*, deprecated, message: "read through a typed key (ArgumentKey, OptionKey, FlagKey …)")
    public func entities(_ name: String) -> [EntityRef] { all(name).compactMap(\.entityValue) }

    /// The value of `name`, or a usage error naming it.
    @available(*, deprecated, message: "read through a typed key (ArgumentKey, OptionKey, FlagKey …)")
    public func required(_ name: String) throws(NexoError) -> Value {
        guard let v = value(name), !v.isNull else {
            throw NexoError(.usage, "missing value for '\(name)'", hint: "see 'help' for the command's synopsis")
        }
        return v
    }
}
