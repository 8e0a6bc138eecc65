import NexoKit

/// Conformance checks of one command spec.
struct CommandChecks {
    let spec: CommandSpec
    let label: String
    let hostReserved: Set<String>
    let knownKinds: Set<String>

    func problems() -> [String] {
        var problems: [String] = []
        func add(_ text: String) { problems.append("\(label): \(text)") }

        if let bad = spec.path.first(where: { !PluginConformance.isWord($0) }) {
            add("path word '\(bad)' must be lower-case letters, digits and dashes")
        }
        if let first = spec.path.first, hostReserved.contains(first) {
            add("first word '\(first)' is reserved by the host; choose another word")
        } else if PluginConformance.hostReservedPaths.contains(spec.path) {
            add("'\(spec.path.joined(separator: " "))' is a host command; choose another path")
        }
        if PluginConformance.isBlank(spec.summary) { add("summary is empty") }

        var argumentNames = Set<String>()
        var sawOptional = false
        for (index, argument) in spec.arguments.enumerated() {
            if !PluginConformance.isWord(argument.name) && !PluginConformance.isSnakeCase(argument.name) {
                add("argument name '\(argument.name)' must be lower-case words")
            }
            if !argumentNames.insert(argument.name).inserted { add("argument '\(argument.name)' is declared twice") }
            if argument.isVariadic && index != spec.arguments.count - 1 {
                add("argument '\(argument.name)' is variadic but not the last argument")
            }
            if argument.isOptional || argument.isVariadic {
                sawOptional = true
            } else if sawOptional {
                add("argument '\(argument.name)' is required but follows an optional or variadic argument")
            }
            if let problem = PluginConformance.choiceProblem(argument.type) {
                add("argument '\(argument.name)' \(problem)")
            }
            if let kind = entityKind(argument.type) { add("argument '\(argument.name)' refers to \(kind)") }
        }

        var optionNames = Set<String>()
        for option in spec.options {
            if !PluginConformance.isWord(option.name) {
                add("option '\(option.name)' must be lower-case words joined by dashes")
            }
            if PluginConformance.hostOptions.contains(option.name) && !isFileFormatChoice(option) {
                add("option '--\(option.name)' is given by the host to every command")
            }
            if !optionNames.insert(option.name).inserted { add("option '\(option.name)' is declared twice") }
            if argumentNames.contains(option.name) { add("'\(option.name)' is both an argument and an option") }
            if let problem = PluginConformance.choiceProblem(option.type) { add("option '\(option.name)' \(problem)") }
            if let kind = entityKind(option.type) { add("option '\(option.name)' refers to \(kind)") }
        }
        if spec.input == nil {
            // Completion reads the columns piped in: a command that reads no pipe has none.
            if spec.columns == .input { add("returns its input's columns (columns: .input) but reads no pipe") }
            let pipedColumns: [CompletionSource?] = [.inputColumns, .sortKeys]
            for argument in spec.arguments where pipedColumns.contains(argument.completion) {
                add("argument '\(argument.name)' completes the columns piped in, but the command reads no pipe")
            }
            for option in spec.options where pipedColumns.contains(option.completion) {
                add("option '\(option.name)' completes the columns piped in, but the command reads no pipe")
            }
        }
        if case .entities(let kind?) = spec.input, !knownKinds.contains(kind) {
            add("input refers to entity kind '\(kind)', which is neither declared by the plugin nor a core kind")
        }

        for example in spec.examples where !exampleRuns(example) {
            let start = spec.input == nil ? "begin with '\(spec.name)'" : "begin with '\(spec.name)' or pipe into it"
            add("example '\(example)' does not \(start)")
        }
        return problems
    }

    /// Whether `option` is a `--format` choosing among file formats that are not the host's output
    /// formats (see ``PluginConformance/hostOutputFormats``).
    private func isFileFormatChoice(_ option: OptionSpec) -> Bool {
        guard option.name == "format", case .oneOf(let choices)? = option.type else { return false }
        return PluginConformance.hostOutputFormats.isDisjoint(with: choices)
    }

    /// "entity kind 'x', which is …" for an undeclared entity kind, else `nil`.
    private func entityKind(_ type: ValueType?) -> String? {
        guard case .entity(let kind?) = type, !knownKinds.contains(kind) else { return nil }
        return "entity kind '\(kind)', which is neither declared by the plugin nor a core kind"
    }

    /// Whether the example runs this command: it begins with the path, or (when the command takes
    /// input) a segment after a `|` does.
    private func exampleRuns(_ example: String) -> Bool {
        let segments = example.split(separator: "|", omittingEmptySubsequences: false)
        func begins(_ segment: Substring) -> Bool {
            let words = segment.split(whereSeparator: \.isWhitespace)
            return words.count >= spec.path.count && zip(words, spec.path).allSatisfy { $0 == $1 }
        }
        guard let first = segments.first else { return false }
        if begins(first) { return true }
        return spec.input != nil && segments.dropFirst().contains(where: begins)
    }
}
