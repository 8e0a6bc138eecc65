import NexoKit

/// `note add [<entity>] [<body>] [--text TEXT] [--date DATE] [--author TEXT]`
///
/// Writes one note about the named entity, or about every entity piped in (or both), and links
/// it to each with a `note_on` edge. The text is the second argument or, when entities come from
/// a pipe and there is no entity argument, the `--text` option.
enum NoteAdd {
    static let command = Command(spec, run: run)

    static let entity = OptionalArgumentKey(
        "entity", .entity(kind: nil), "The entity the note is about (leave out when piping)")
    static let body = OptionalArgumentKey("body", .string, "The note's text")
    static let text = OptionKey("text", .string, "The note's text (for piped input)")
    static let date = OptionKey("date", .date, "When the note was written")
    static let author = OptionKey("author", .string, "Who wrote it (default: you)")

    static let spec = CommandSpec(
        ["note", "add"],
        summary: "Write a note about an entity, or about every entity piped in",
        discussion: """
            The note is linked to each entity it is about with a note_on edge. Give the text as the \
            second argument, or with --text when the entities come from a pipe. The author defaults to \
            the user running the command; the date to today (the host's clock) unless --date gives another.
            """,
        arguments: [entity, body],
        options: [text, date, author],
        examples: [
            "note add P-1 \"Seen at the Metrocentro market with two others\" --date 2026-03-14",
            "find person ana | note add --text \"Check the phone she used in March\"",
        ],
        input: .entities(kind: nil),
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let argument = arguments[body], option = arguments[text]
        if argument != nil && option != nil {
            throw NexoError(
                .usage, "the note's text is given twice",
                hint: "give it as the second argument or with --text, not both")
        }
        guard let noteText = argument ?? option, noteText.contains(where: { !$0.isWhitespace }) else {
            throw NexoError(
                .usage, "missing the note's text",
                hint: "write 'note add <entity> <text>' or '… | note add --text <text>'")
        }
        let targets = context.entities(given: arguments[entity])
        guard !targets.isEmpty else {
            throw NexoError(
                .usage, "nothing to write the note about",
                hint:
                    "name an entity ('note add P-1 <text>') or pipe entities in ('find person ana | note add "
                    + "--text <text>')"
            )
        }

        var properties: [String: Value] = [
            "text": .string(noteText), "author": .string(arguments[author] ?? context.user),
        ]
        if let written = arguments[date] ?? context.today { properties["written"] = .date(written) }
        // A note is its author's own writing: it cites the user's own entry (every fact has a source).
        let source = try SourceOptions.ownEntry(context).id
        let note = try context.store.addEntity(
            EntityDraft(kind: NoteKinds.note, label: label(for: noteText), properties: properties),
            source: source)
        for target in targets {
            try context.store.addEdge(EdgeDraft(kind: NoteKinds.noteOn, from: note.id, to: target.id), source: source)
        }
        let about = targets.count == 1 ? targets[0].id.rawValue : "\(targets.count) entities"
        return CommandResult(
            table: NoteRow.table(NoteRow.rows(of: note, about: targets)),
            message: "added \(note.id) about \(about)")
    }

    /// The note's display label: its first line, cut to 60 characters.
    static func label(for text: String) -> String {
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return firstLine.count <= 60 ? firstLine : String(firstLine.prefix(59)) + "…"
    }
}
