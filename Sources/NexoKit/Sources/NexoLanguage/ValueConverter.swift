import NexoKit

/// Converts the words of one call to typed values: variables, then the declared type.
struct ValueConverter {
    let call: CommandCall
    let variables: [String: Variable]
    let homeDirectory: String?
    let resolveEntity: Binder.EntityResolver

    /// The values `word` stands for, as `type`. One value, except for a table variable given
    /// where `allowTable` is true and the type is an entity: then one per entity reference.
    func convert(_ word: Word, to type: ValueType, label: String, allowTable: Bool) throws(LocatedError) -> [Value] {
        if let name = word.variableName {
            switch try variable(name, at: word) {
            case .value(let value):
                return [try convert(value, to: type, label: label, variable: name, at: word)]
            case .table(let table):
                guard allowTable, case .entity(let kind) = type else {
                    throw LocatedError(
                        NexoError(
                            .usage, "variable '$\(name)' holds a table, not a value",
                            hint: "pipe it into the command: $\(name) | \(call.words.first?.raw ?? "COMMAND") …"),
                        in: call, at: word.range.start)
                }
                var values: [Value] = []
                for ref in table.entityRefs {
                    values.append(try entity(ref.id.rawValue, kind: kind, at: word))
                }
                return values
            }
        }
        var text = ""
        for part in word.parts {
            switch part.content {
            case .text(let t): text += t
            case .variable(let name):
                switch try variable(name, at: word) {
                case .value(let value): text += value.description
                case .table:
                    throw LocatedError(
                        NexoError(
                            .usage, "variable '$\(name)' holds a table, not a value",
                            hint: "only single values can be part of a word"), in: call, at: part.start)
                }
            }
        }
        return [try convert(text, to: type, label: label, variable: nil, at: word)]
    }

    func variable(_ name: String, at word: Word) throws(LocatedError) -> Variable {
        if let variable = variables[name] { return variable }
        let hint =
            Suggestions.closest(to: name, in: variables.keys.sorted()).map { "Did you mean '$\($0)'?" }
            ?? "set it first (set \(name) VALUE), or give it to the script: nexo run FILE --param \(name)=VALUE"
        // A usage error (exit status 2): the script was started without a value it needs.
        throw LocatedError(
            NexoError(.usage, "unknown variable '$\(name)'", hint: hint), in: call, at: word.range.start)
    }

    /// A variable's typed value as `type`: kept when it already has the type, otherwise read from its text.
    func convert(_ value: Value, to type: ValueType, label: String, variable: String, at word: Word)
        throws(LocatedError) -> Value
    {
        switch (type, value) {
        case (.int, .int), (.double, .double), (.bool, .bool), (.date, .date), (.dateRange, .dateRange):
            return value
        case (.double, .int(let i)):
            return .double(Double(i))
        case (.dateRange, .date(let d)):
            if let range = DateRange(lower: d, upper: d) { return .dateRange(range) }
        case (.entity(let kind), .entity(let ref)):
            return try entity(ref.id.rawValue, kind: kind, at: word)
        default:
            break
        }
        return try convert(value.description, to: type, label: label, variable: variable, at: word)
    }

    /// Text as `type`, with the error messages users see.
    func convert(_ text: String, to type: ValueType, label: String, variable: String?, at word: Word)
        throws(LocatedError) -> Value
    {
        let shown = "'\(text)'" + (variable.map { " from $\($0)" } ?? "")
        func invalid(_ what: String, _ expected: String, hint: String? = nil) -> LocatedError {
            LocatedError(
                NexoError(.usage, "invalid \(what) \(shown) for \(label); expected \(expected)", hint: hint),
                in: call, at: word.range.start)
        }
        switch type {
        case .string:
            return .string(text)
        case .int:
            guard NumberSyntax.isInteger(Array(text.utf8)), let i = Int64(text) else {
                throw invalid("integer", "a whole number")
            }
            return .int(i)
        case .double:
            guard NumberSyntax.isDecimal(Array(text.utf8)), let d = Double(text), d.isFinite else {
                throw invalid("number", "a number such as 0.75")
            }
            return .double(d)
        case .bool:
            switch text.lowercased() {
            case "true", "yes": return .bool(true)
            case "false", "no": return .bool(false)
            default: throw invalid("boolean", "true or false")
            }
        case .date:
            guard let date = CivilDate(iso: text) else { throw invalid("date", "YYYY-MM-DD") }
            return .date(date)
        case .partialDate:
            guard let date = PartialDate(iso: text) else { throw invalid("date", "YYYY-MM-DD, YYYY-MM or YYYY") }
            return date.value
        case .dateRange:
            guard let range = DateRange(parsing: text) ?? DateRange(period: text) else {
                throw invalid(
                    "date range", "FROM..TO such as 2026-01..2026-06, 2025.. or ..2024-03, or a period such as 2026-03")
            }
            return .dateRange(range)
        case .oneOf(let choices):
            if choices.contains(text) { return .string(text) }
            let folded = choices.filter { $0.lowercased() == text.lowercased() }
            if folded.count == 1 { return .string(folded[0]) }
            throw invalid(
                "value", "one of: \(choices.joined(separator: ", "))", hint: Suggestions.didYouMean(text, in: choices))
        case .filePath:
            return .string(expandHome(text))
        case .entity(let kind):
            return try entity(text, kind: kind, at: word)
        case .record:
            // An entity first; an edge, source or run id the command looks up itself.
            if Self.isRecordID(text), (try? resolveEntity(text, nil)) == nil { return .string(text) }
            return try entity(text, kind: nil, at: word)
        }
    }

    func entity(_ text: String, kind: String?, at word: Word) throws(LocatedError) -> Value {
        do {
            return .entity(try resolveEntity(text, kind))
        } catch {
            throw LocatedError(error, in: call, at: word.range.start)
        }
    }

    /// `E-12`, `S-3`, `R-8`: the id of an edge, a source or a run; `feed-2`: a background job's.
    static func isRecordID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return false
        }
        return ["E", "S", "R"].contains(parts[0]) || parts[0].allSatisfy { $0.isASCII && $0.isLowercase }
    }

    func expandHome(_ path: String) -> String {
        guard let homeDirectory, path == "~" || path.hasPrefix("~/") else { return path }
        let home = homeDirectory.hasSuffix("/") && path.count > 1 ? String(homeDirectory.dropLast()) : homeDirectory
        return home + path.dropFirst()
    }
}
