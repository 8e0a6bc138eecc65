import NexoKit

/// Reading and checking what a command was given, before anything is written.
enum Inputs {
    /// The entities a read is about: the `given` argument (if any), then the piped entities of
    /// `kind` from the first column that holds any, without duplicates, in order.
    ///
    /// Only one piped column is used, so `gang cliques MS-13 | gang members` takes the cliques,
    /// not also the gang and leaders in later columns (which is why this is not
    /// `CommandContext.entities(given:kind:)`, which takes every column).
    static func targets(given: EntityRef?, kind: String, input: ResultTable?) -> [EntityRef] {
        var refs = given.map { [$0] } ?? []
        if let input {
            let columns = input.columns.indices.filter { index in
                if case .entity(let declared) = input.columns[index].type { return declared == nil || declared == kind }
                return false
            }
            // Column by column: a piped table given by columns (a million rows from `link`) builds no rows here.
            let column = columns.first { index in
                let cells = input.cells(ofColumn: index)
                return (0..<cells.count).contains { cells[$0].entityValue?.kind == kind }
            }
            if let column {
                let cells = input.cells(ofColumn: column)
                refs += (0..<cells.count).compactMap { cells[$0].entityValue }.filter { $0.kind == kind }
            }
        }
        var seen = Set<EntityID>()
        return refs.filter { seen.insert($0.id).inserted }
    }

    /// The source a write names (``SourceOptions/source(from:context:)``, which announces a new one).
    static func source(_ arguments: ParsedArguments, _ context: CommandContext) throws(NexoError) -> SourceInfo {
        try SourceOptions.source(from: arguments, context: context)
    }

    /// The person `ref` names, read in full.
    static func person(_ ref: EntityRef, in store: any GraphStoreAccess) throws(NexoError) -> Entity {
        guard let person = try store.entity(ref.id), person.kind == CoreSchema.Kind.person else {
            throw NexoError(.notFound, "no person \(ref.id)", hint: "find people with 'find person NAME'")
        }
        return person
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

    /// The date option `key`, which the command requires, or a usage error saying how to give it.
    static func required(_ key: OptionKey<CivilDate>, in arguments: ParsedArguments, _ what: String)
        throws(NexoError) -> CivilDate
    {
        guard let date = arguments[key] else {
            let name = key.optionSpec.name
            throw NexoError(.usage, "missing --\(name): \(what)", hint: "add --\(name) YYYY-MM-DD")
        }
        return date
    }

    /// Refuses a date, given with `option`, before the person was born.
    static func checkBorn(_ person: Entity, before date: CivilDate, option: OptionKey<CivilDate>) throws(NexoError) {
        if let born = person.properties[CoreSchema.Person.dateOfBirth]?.dateValue, date < born {
            throw NexoError(
                .usage,
                "--\(option.optionSpec.name) \(date) is before \(person.id) (\(person.label)) was born (\(born))",
                hint: "check the date")
        }
    }
}
