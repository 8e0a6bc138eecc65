import NexoKit

/// Reading and checking what a command was given, before anything is written.
enum Inputs {
    /// The entities a read is about: the argument `name` (if given), then the piped entities of
    /// `kind` from the first column that holds any, without duplicates, in order.
    ///
    /// Only one piped column is used, so `gang cliques MS-13 | gang members` takes the cliques,
    /// not also the gang and leaders in later columns.
    static func targets(
        _ arguments: ParsedArguments, _ name: String, kind: String,
        input: ResultTable?
    ) -> [EntityRef] {
        var refs = arguments.entity(name).map { [$0] } ?? []
        if let input {
            let columns = input.columns.indices.filter { index in
                if case .entity(let declared) = input.columns[index].type { return declared == nil || declared == kind }
                return false
            }
            let column = columns.first { index in input.rows.contains { $0[index].entityValue?.kind == kind } }
            if let column {
                refs += input.rows.compactMap { $0[column].entityValue }.filter { $0.kind == kind }
            }
        }
        var seen = Set<EntityID>()
        return refs.filter { seen.insert($0.id).inserted }
    }

    /// The source a write names (``SourceOptions/source(from:context:)``, which announces a new one).
    static func source(_ arguments: ParsedArguments, _ context: CommandContext) throws(NexoError) -> SourceInfo {
        try SourceOptions.source(from: arguments, context: context)
    }

    /// The required entity argument `name`.
    static func entity(_ arguments: ParsedArguments, _ name: String) throws(NexoError) -> EntityRef {
        guard let ref = try arguments.required(name).entityValue else {
            throw NexoError(.usage, "<\(name)> is not an entity", hint: "give an id such as P-12 or a unique name")
        }
        return ref
    }

    /// `targets` or, when there are none, a usage error showing both ways to name them.
    static func requireTargets(_ refs: [EntityRef], command: String, what: String, example: String) throws(NexoError)
        -> [EntityRef]
    {
        guard refs.isEmpty else { return refs }
        throw NexoError(
            .usage, "'\(command)' needs \(what)",
            hint: "name one ('\(command) \(example)') or pipe them in ('… | \(command)')")
    }

    /// A name trimmed of surrounding blanks; blank, multi-line or control characters are refused.
    static func name(_ text: String, of what: String, example: String) throws(NexoError) -> String {
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !trimmed.isEmpty else {
            throw NexoError(.usage, "the \(what) is empty", hint: "give the \(what) in quotes, e.g. \"\(example)\"")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw NexoError(
                .usage, "the \(what) contains a line break or control character", hint: "write it on one line")
        }
        return trimmed
    }

    /// The date option `name`, or a usage error saying how to give it.
    static func requiredDate(_ arguments: ParsedArguments, _ name: String, _ what: String) throws(NexoError)
        -> CivilDate
    {
        guard let date = arguments.date(name) else {
            throw NexoError(.usage, "missing --\(name): \(what)", hint: "add --\(name) YYYY-MM-DD")
        }
        return date
    }

    /// Refuses a date before the person was born.
    static func checkBorn(_ person: Entity, before date: CivilDate, option: String) throws(NexoError) {
        if let born = person.properties["date_of_birth"]?.dateValue, date < born {
            throw NexoError(
                .usage, "--\(option) \(date) is before \(person.id) (\(person.label)) was born (\(born))",
                hint: "check the date")
        }
    }
}
