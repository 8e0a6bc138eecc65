/// Typed argument and option keys: each is declared once, goes into the ``CommandSpec`` and
/// reads the value back, so the name is written once and the read has the declared type.
///
/// ```swift
/// enum GangMembers {
///     static let group = ArgumentKey("group", .entity(kind: "group"), "The gang or clique")
///     static let role = OptionKey("role", .string, "Only members with this role")
///     static let limit = DefaultedOptionKey("limit", .int, "At most this many rows", default: 50)
///     static let active = FlagKey("active", "Only current members")
///
///     static let spec = CommandSpec(["gang", "members"], summary: "…",
///                                   arguments: [group], options: [role, limit, active])
///
///     static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
///         let group = try arguments[group]      // EntityRef: required, no unwrap
///         let role = arguments[role]             // String?
///         let limit = arguments[limit]           // Int64: the default when not given
///         let onlyActive = arguments[active]     // Bool
///         …
///     }
/// }
/// ```
///
/// A required argument is read with `try`: the host binds every required argument before the
/// command runs, so the read throws only when the key is not part of the command's spec.

/// Something that declares a positional argument of a ``CommandSpec``: a typed key or an
/// ``ArgumentSpec``.
public protocol ArgumentDeclaration: Sendable {
    /// The argument as the spec holds it.
    var argumentSpec: ArgumentSpec { get }
}

/// Something that declares an option or flag of a ``CommandSpec``: a typed key or an
/// ``OptionSpec``.
public protocol OptionDeclaration: Sendable {
    /// The option as the spec holds it.
    var optionSpec: OptionSpec { get }
}

/// A required positional argument, read as `T` (with `try`, no unwrap).
public struct ArgumentKey<T: Sendable>: ArgumentDeclaration {
    /// The argument as the spec holds it.
    public let argumentSpec: ArgumentSpec
    let type: ArgumentType<T>

    /// Declares a required argument: its name (in help, `<name>`), type and one line for help.
    public init(_ name: String, _ type: ArgumentType<T>, _ summary: String) {
        self.argumentSpec = ArgumentSpec(name, type.valueType, summary, completion: type.completion)
        self.type = type
    }
}

/// A positional argument that may be left out, read as `T?`.
public struct OptionalArgumentKey<T: Sendable>: ArgumentDeclaration {
    /// The argument as the spec holds it.
    public let argumentSpec: ArgumentSpec
    let type: ArgumentType<T>

    /// Declares an optional argument: its name (in help, `[<name>]`), type and one line for help.
    public init(_ name: String, _ type: ArgumentType<T>, _ summary: String) {
        self.argumentSpec = ArgumentSpec(name, type.valueType, summary, optional: true, completion: type.completion)
        self.type = type
    }
}

/// The last positional argument, taking all remaining words, read as `[T]` in order.
public struct VariadicArgumentKey<T: Sendable>: ArgumentDeclaration {
    /// The argument as the spec holds it.
    public let argumentSpec: ArgumentSpec
    let type: ArgumentType<T>

    /// Declares a variadic argument; with `optional`, it may take no words at all.
    public init(_ name: String, _ type: ArgumentType<T>, _ summary: String, optional: Bool = false) {
        self.argumentSpec = ArgumentSpec(
            name, type.valueType, summary, optional: optional, variadic: true, completion: type.completion)
        self.type = type
    }
}

/// An option that takes a value (`--role palabrero`), read as `T?` (`nil` when not given).
public struct OptionKey<T: Sendable>: OptionDeclaration {
    /// The option as the spec holds it.
    public let optionSpec: OptionSpec
    let type: ArgumentType<T>

    /// Declares an option: its long name without dashes, type and one line for help.
    public init(_ name: String, _ type: ArgumentType<T>, _ summary: String) {
        self.optionSpec = OptionSpec(name, type.valueType, summary, completion: type.completion)
        self.type = type
    }
}

/// An option with a default, read as `T`: the given value, or the default (shown in help).
public struct DefaultedOptionKey<T: Sendable>: OptionDeclaration {
    /// The option as the spec holds it.
    public let optionSpec: OptionSpec
    /// The value read when the option is not given.
    public let defaultValue: T
    let type: ArgumentType<T>

    /// Declares an option with a default value.
    public init(_ name: String, _ type: ArgumentType<T>, _ summary: String, default defaultValue: T) {
        self.optionSpec = OptionSpec(
            name, type.valueType, summary, default: type.write(defaultValue), completion: type.completion)
        self.defaultValue = defaultValue
        self.type = type
    }
}

/// An option that may be given more than once, read as `[T]` in the order given.
public struct RepeatableOptionKey<T: Sendable>: OptionDeclaration {
    /// The option as the spec holds it.
    public let optionSpec: OptionSpec
    let type: ArgumentType<T>

    /// Declares a repeatable option.
    public init(_ name: String, _ type: ArgumentType<T>, _ summary: String) {
        self.optionSpec = OptionSpec(
            name, type.valueType, summary, repeatable: true, completion: type.completion)
        self.type = type
    }
}

/// A flag (`--active`), read as `true` when given.
public struct FlagKey: OptionDeclaration {
    /// The flag as the spec holds it.
    public let optionSpec: OptionSpec

    /// Declares a flag: its long name without dashes and one line for help.
    public init(_ name: String, _ summary: String) {
        self.optionSpec = OptionSpec.flag(name, summary)
    }
}

extension ArgumentSpec: ArgumentDeclaration {
    /// The spec itself.
    public var argumentSpec: ArgumentSpec { self }
}

extension OptionSpec: OptionDeclaration {
    /// The spec itself.
    public var optionSpec: OptionSpec { self }
}

extension OptionDeclaration where Self == OptionSpec {
    /// Declares a flag (`.flag("all", "Include removed watches")` in a list of options).
    public static func flag(_ name: String, _ summary: String) -> OptionSpec {
        var spec = OptionSpec(name, .bool, summary)
        spec.type = nil
        return spec
    }
}

extension ParsedArguments {
    /// The value of a required argument. Throws only when the key is not in the command's spec
    /// (the host binds every required argument before the command runs).
    public subscript<T>(_ key: ArgumentKey<T>) -> T {
        get throws(NexoError) {
            let name = key.argumentSpec.name
            guard let value = values[name]?.first, let typed = key.type.read(value) else {
                throw NexoError(
                    .failed, "argument '\(name)' was not bound",
                    hint: "declare the key in the command's spec (arguments: [...])")
            }
            return typed
        }
    }

    /// The value of an optional argument, `nil` when left out.
    public subscript<T>(_ key: OptionalArgumentKey<T>) -> T? {
        values[key.argumentSpec.name]?.first.flatMap(key.type.read)
    }

    /// The values of a variadic argument, in order.
    public subscript<T>(_ key: VariadicArgumentKey<T>) -> [T] {
        (values[key.argumentSpec.name] ?? []).compactMap(key.type.read)
    }

    /// The value of an option, `nil` when not given.
    public subscript<T>(_ key: OptionKey<T>) -> T? {
        values[key.optionSpec.name]?.first.flatMap(key.type.read)
    }

    /// The value of an option, or its default when not given.
    public subscript<T>(_ key: DefaultedOptionKey<T>) -> T {
        values[key.optionSpec.name]?.first.flatMap(key.type.read) ?? key.defaultValue
    }

    /// The values of a repeatable option, in the order given.
    public subscript<T>(_ key: RepeatableOptionKey<T>) -> [T] {
        (values[key.optionSpec.name] ?? []).compactMap(key.type.read)
    }

    /// Whether a flag was given.
    public subscript(_ key: FlagKey) -> Bool {
        flags.contains(key.optionSpec.name)
    }
}
