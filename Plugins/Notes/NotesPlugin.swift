import NexoKit

/// Notes: free-text notes about any entity — the example plugin.
///
/// It uses only the public NexoKit API, as any plugin built outside this repository would:
/// it declares an entity kind `note` and an edge kind `note_on` (from a note to the entity it is
/// about), and three commands, `note add`, `note list` and `note search`.
public struct NotesPlugin: NexoPlugin {
    /// Creates the plugin.
    public init() {}

    public var name: String { "notes" }
    public var version: String { "1.0.0" }
    public var summary: String { "Free-text notes about any entity" }

    public var schema: SchemaContribution {
        SchemaContribution(
            entityKinds: [
                EntityKindSpec(
                    NoteKinds.note, idPrefix: "N", summary: "A free-text note about one or more entities",
                    properties: [
                        PropertySpec("text", .string, required: true, summary: "What the note says"),
                        PropertySpec("author", .string, summary: "Who wrote it"),
                        PropertySpec("written", .date, summary: "When it was written"),
                    ])
            ],
            edgeKinds: [
                EdgeKindSpec(NoteKinds.noteOn, summary: "A note is about an entity", from: [NoteKinds.note], to: [])
            ])
    }

    public var commands: [Command] { [NoteAdd.command, NoteList.command, NoteSearch.command] }
}

/// Kind names the plugin declares.
enum NoteKinds {
    /// The entity kind of a note.
    static let note = "note"
    /// The edge kind from a note to what it is about.
    static let noteOn = "note_on"
}
