import NexoKit

/// Binds command calls to command specs: finds the command, assigns words to positional
/// arguments and options, converts every value to its declared type, substitutes `$variables`,
/// resolves entity references through the caller, applies defaults.
///
/// Rules: positional arguments in order (optional ones may be left out, the last may be
/// variadic); `--name value`, `--name=value`; flags take no value; a repeatable option collects
/// its values in order, any other option may be given once; `--` ends the options. A word that
/// is exactly `$name` keeps its variable's typed value (converted to the declared type when it
/// differs); a table variable is accepted only for a variadic argument or repeatable option of
/// entity type, and stands for the table's entity references. When a `--help` flag is declared
/// (by the spec or as a global option) and given, missing arguments are not an error.
///
/// Every error is one line with the column of the offending word (see ``LocatedError``).
public struct Binder: Sendable {
    /// Resolves an entity reference (an id or a unique label) of an optional kind, or throws a
    /// ``NexoError`` saying why not. Supplied by the caller, so this module needs no store.
    public typealias EntityResolver = (_ text: String, _ kind: String?) throws(NexoError) -> EntityRef

    /// Every known command.
    public var specs: [CommandSpec]
    /// Options every command accepts in addition to its own (`--format`, `--dry-run`, `--help`).
    public var globalOptions: [OptionSpec]
    /// Directory that a leading `~/` of a file path stands for (the host passes the user's home);
    /// `nil` leaves `~` alone.
    public var homeDirectory: String?

    /// Creates a binder.
    public init(specs: [CommandSpec], globalOptions: [OptionSpec] = [], homeDirectory: String? = nil) {
        self.specs = specs
        self.globalOptions = globalOptions
        self.homeDirectory = homeDirectory
    }

    /// Binds `call`: see the type's documentation for the rules.
    public func bind(
        _ call: CommandCall, variables: [String: Variable] = [:],
        resolveEntity: EntityResolver
    ) throws(LocatedError) -> BoundCommand {
        try withoutActuallyEscaping(resolveEntity) { (resolver) throws(LocatedError) -> BoundCommand in
            let converter = ValueConverter(
                call: call, variables: variables, homeDirectory: homeDirectory, resolveEntity: resolver)
            return try bind(call, converter: converter)
        }
    }

    private func bind(_ call: CommandCall, converter: ValueConverter) throws(LocatedError) -> BoundCommand {
        let (spec, commandWords) = try resolve(call)
        var own = ParsedArguments(), global = ParsedArguments()
        var given = Set<String>()
        var argumentIndex = 0
        var optionsEnded = false
        let words = call.words
        let helpRequested =
            optionSpec("help", in: spec)?.spec.isFlag == true
            && words.dropFirst(commandWords).contains { $0.option?.name == "help" && $0.option?.value == nil }

        // The last positional entity argument given as one bare word, with its kind: the start of a name of several
        // words typed without quotes, when too many arguments follow it.
        var lastEntityWord: Int?
        var lastEntityKind: String??
        var i = commandWords
        while i < words.count {
            let word = words[i]
            i += 1
            if !optionsEnded && word.isEndOfOptions {
                optionsEnded = true
                continue
            }
            if !optionsEnded, let option = word.option {
                guard let (optionSpec, isGlobal) = optionSpec(option.name, in: spec) else {
                    throw unknownOption(option.name, word: word, spec: spec, call: call)
                }
                let dashed = "--\(optionSpec.name)"
                guard let type = optionSpec.type else {
                    if option.value != nil {
                        throw LocatedError(
                            NexoError(.usage, "flag '\(dashed)' takes no value", hint: "write \(dashed) alone"),
                            in: call, at: word.range.start)
                    }
                    if isGlobal { global.flags.insert(optionSpec.name) } else { own.flags.insert(optionSpec.name) }
                    continue
                }
                if given.contains(optionSpec.name) && !optionSpec.isRepeatable {
                    throw LocatedError(
                        NexoError(.usage, "option '\(dashed)' given more than once", hint: "\(dashed) takes one value"),
                        in: call, at: word.range.start)
                }
                given.insert(optionSpec.name)
                let valueWord: Word
                if let attached = option.value {
                    valueWord = attached
                } else if i < words.count, words[i].option == nil, !words[i].isEndOfOptions {
                    valueWord = words[i]
                    i += 1
                } else {
                    throw LocatedError(
                        NexoError(.usage, "option '\(dashed)' needs a value", hint: "write \(dashed) <\(type)>"),
                        in: call, at: word.range.start)
                }
                let values = try converter.convert(
                    valueWord, to: type, label: dashed, allowTable: optionSpec.isRepeatable)
                if isGlobal {
                    global.values[optionSpec.name, default: []] += values
                } else {
                    own.values[optionSpec.name, default: []] += values
                }
                continue
            }
            guard argumentIndex < spec.arguments.count else {
                let tooMany = NexoError(
                    .usage, "too many arguments for '\(spec.name)': '\(word.raw)'", hint: "usage: \(spec.synopsis)")
                if let entityWord = lastEntityWord, let kind = lastEntityKind,
                    words[(entityWord + 1)..<i].allSatisfy(\.isBare),
                    let named = severalWordName(words, at: entityWord, kind: kind, spec: spec, converter: converter)
                {
                    throw LocatedError(
                        NexoError(
                            .usage,
                            "too many arguments for '\(spec.name)': '\(word.raw)' looks like the rest of a name",
                            hint: named), in: call, at: words[entityWord].range.start)
                }
                throw LocatedError(tooMany, in: call, at: word.range.start)
            }
            let argument = spec.arguments[argumentIndex]
            do {
                own.values[argument.name, default: []] += try converter.convert(
                    word, to: argument.type, label: "<\(argument.name)>",
                    allowTable: argument.isVariadic)
            } catch {
                // `gang members Usulután Little Psycho 18`: the first word alone names something else, or nothing.
                if let kind = Self.namedKind(argument.type), !argument.isVariadic,
                    let named = severalWordName(words, at: i - 1, kind: kind, spec: spec, converter: converter)
                {
                    throw LocatedError(
                        NexoError(
                            .usage, "\(error.error.message); the words after it look like the rest of a name",
                            hint: named), in: call, at: word.range.start)
                }
                throw error
            }
            if let kind = Self.namedKind(argument.type), word.isBare {
                (lastEntityWord, lastEntityKind) = (i - 1, kind)
            } else {
                (lastEntityWord, lastEntityKind) = (nil, nil)
            }
            if !argument.isVariadic { argumentIndex += 1 }
        }

        if !helpRequested {
            for argument in spec.arguments where !argument.isOptional && (own.values[argument.name]?.isEmpty ?? true) {
                throw LocatedError(
                    NexoError(
                        .usage, "missing argument <\(argument.name)> for '\(spec.name)'",
                        hint: "usage: \(spec.synopsis)"), in: call, at: call.range.end)
            }
        }
        for option in spec.options where own.values[option.name] == nil && !option.isFlag {
            if let value = option.defaultValue { own.values[option.name] = [value] }
        }
        for option in globalOptions where global.values[option.name] == nil && !option.isFlag {
            if spec.options.contains(where: { $0.name == option.name }) { continue }
            if let value = option.defaultValue { global.values[option.name] = [value] }
        }
        return BoundCommand(spec: spec, arguments: own, globalArguments: global, call: call)
    }

    /// For a type an entity's name may stand for, the kind asked for (`.some(nil)`: any kind); `nil` otherwise.
    static func namedKind(_ type: ValueType) -> String?? {
        switch type {
        case .entity(let kind): kind
        case .record: .some(nil)
        default: nil
        }
    }

    /// Most words a name typed without quotes is looked up with.
    static let longestUnquotedName = 8

    /// When the bare word at `index` and bare words after it name one entity of `kind` together (the longest such
    /// run first), the advice to quote that name: `quote the name: gang members "Usulután Little Psycho 18" (G-12)`.
    func severalWordName(
        _ words: [Word], at index: Int, kind: String?, spec: CommandSpec, converter: ValueConverter
    ) -> String? {
        guard words[index].isBare else { return nil }
        var end = index + 1
        while end < words.count, end - index < Self.longestUnquotedName, words[end].isBare { end += 1 }
        guard end > index + 1 else { return nil }
        for last in stride(from: end - 1, to: index, by: -1) {
            let name = words[index...last].compactMap(\.literal).joined(separator: " ")
            if let ref = try? converter.resolveEntity(name, kind) {
                return "quote the name: \(spec.name) \"\(name)\" (\(ref.id))"
            }
        }
        return nil
    }

    /// The spec of option `name`: the command's own first, then the global ones.
    func optionSpec(_ name: String, in spec: CommandSpec) -> (spec: OptionSpec, isGlobal: Bool)? {
        if let own = spec.options.first(where: { $0.name == name }) { return (own, false) }
        if let global = globalOptions.first(where: { $0.name == name }) { return (global, true) }
        return nil
    }

    func unknownOption(_ name: String, word: Word, spec: CommandSpec, call: CommandCall) -> LocatedError {
        let names = spec.options.map(\.name) + globalOptions.map(\.name)
        let hint =
            Suggestions.closest(to: name, in: names).map { "Did you mean '--\($0)'?" } ?? "see 'help \(spec.name)'"
        let shown = word.option?.value == nil ? word.raw : "--\(name)"
        return LocatedError(
            NexoError(.usage, "unknown option '\(shown)' for '\(spec.name)'", hint: hint),
            in: call, at: word.range.start)
    }
}
