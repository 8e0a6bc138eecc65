import NexoKit

/// `note list [<entity>] [--author TEXT] [--during RANGE]`: notes, all or about some entities.
enum NoteList {
    static let command = Command(spec, run: run)

    static let entity = OptionalArgumentKey("entity", .entity(kind: nil), "Only notes about this entity")
    static let author = OptionKey("author", .string, "Only notes by this author (case does not matter)")
    static let during = OptionKey("during", .dateRange, "Only notes written in this period")

    static let spec = CommandSpec(
        ["note", "list"],
        summary: "List notes, all or about an entity (or the entities piped in)",
        discussion:
            "Rows are ordered by date (undated notes first), then note id, then the id of the entity the "
            + "note is about.",
        arguments: [entity],
        options: [author, during],
        examples: [
            "note list", "note list P-1 --during 2026-01..2026-06", "find person ana | note list --author mlopez",
        ],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let targets = context.entities(given: arguments[entity])
        let wanted = arguments[author]?.lowercased()
        let period = arguments[during]
        let rows = try NoteReader.rows(in: context.store, about: targets).filter { row in
            if let wanted, row.author?.lowercased() != wanted { return false }
            if let period {
                guard let date = row.date, period.contains(date) else { return false }
            }
            return true
        }
        return CommandResult(table: NoteRow.table(rows))
    }
}

/// `note search <text>`: notes whose text contains the words, ignoring case.
enum NoteSearch {
    static let command = Command(spec, run: run)

    static let text = ArgumentKey("text", .string, "Text to look for")

    static let spec = CommandSpec(
        ["note", "search"],
        summary: "Find notes whose text contains the given text (case and accents do not matter)",
        discussion: "Rows are ordered like 'note list'.",
        arguments: [text],
        examples: ["note search market", "note search \"white pickup\""])

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let needle = NameFolding.fold(try arguments[text])
        guard !needle.isEmpty else {
            throw NexoError(.usage, "nothing to search for", hint: "give some text: note search market")
        }
        let rows = try NoteReader.rows(in: context.store, about: []).filter {
            NameFolding.fold($0.text).contains(needle)
        }
        return CommandResult(table: NoteRow.table(rows))
    }
}
