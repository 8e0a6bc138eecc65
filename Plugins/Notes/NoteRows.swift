import NexoKit

/// The rows every notes command returns: one per note and entity it is about.
///
/// Columns: `note` (the note), `about` (the entity), `date` (when written, may be empty),
/// `author`, `text`. Order: by date (undated notes first, as `sort` puts nulls), then note id,
/// then the id of the entity the note is about.
struct NoteRow {
    var note: EntityRef
    var about: EntityRef?
    var date: CivilDate?
    var author: String?
    var text: String

    static let columns = [
        Column("note", .entity(kind: NoteKinds.note)), Column("about", .entity(kind: nil)),
        Column("date", .date), Column("author", .string), Column("text", .string),
    ]

    var cells: [Value] {
        [
            .entity(note), about.map(Value.entity) ?? .null, date.map(Value.date) ?? .null,
            author.map(Value.string) ?? .null, .string(text),
        ]
    }

    /// Rows of one note, one per entity it is about (one row with no entity when it has none).
    static func rows(of note: Entity, about: [EntityRef]) -> [NoteRow] {
        let date = note.properties["written"]?.dateValue
        let author = note.properties["author"]?.stringValue
        let text = note.properties["text"]?.stringValue ?? ""
        if about.isEmpty { return [NoteRow(note: note.ref, about: nil, date: date, author: author, text: text)] }
        return about.map { NoteRow(note: note.ref, about: $0, date: date, author: author, text: text) }
    }

    /// The documented row order.
    static func precedes(_ a: NoteRow, _ b: NoteRow) -> Bool {
        if a.date != b.date {
            guard let x = a.date else { return true }
            guard let y = b.date else { return false }
            return x < y
        }
        if a.note.id != b.note.id { return a.note.id < b.note.id }
        switch (a.about, b.about) {
        case (nil, .some): return true
        case (.some(let x), .some(let y)): return x.id < y.id
        default: return false
        }
    }

    /// A result table of `rows` in the documented order.
    static func table(_ rows: [NoteRow]) -> ResultTable {
        ResultTable(columns: columns, rows: rows.sorted(by: precedes).map(\.cells))
    }
}

/// Reading notes from the store.
enum NoteReader {
    /// Every note with the entities it is about, or only the notes about `targets` when given.
    static func rows(in store: any GraphStoreAccess, about targets: [EntityRef]) throws(NexoError) -> [NoteRow] {
        var refs: [EntityID: EntityRef] = [:]
        for target in targets { refs[target.id] = target }
        func ref(_ id: EntityID) throws(NexoError) -> EntityRef? {
            if let known = refs[id] { return known }
            let found = try store.entity(id)?.ref
            refs[id] = found
            return found
        }

        var aboutByNote: [EntityID: [EntityRef]] = [:]
        var noteIDs: [EntityID] = []
        if targets.isEmpty {
            for edge in try store.edges(EdgeQuery(kinds: [NoteKinds.noteOn])) {
                if let about = try ref(edge.to) { aboutByNote[edge.from, default: []].append(about) }
            }
            noteIDs = try store.entities(EntityQuery(kind: NoteKinds.note)).map(\.id)
        } else {
            for target in targets {
                let edges = try store.edges(
                    EdgeQuery(entity: target.id, direction: .incoming, kinds: [NoteKinds.noteOn]))
                for edge in edges where edge.to == target.id {
                    if aboutByNote[edge.from] == nil { noteIDs.append(edge.from) }
                    aboutByNote[edge.from, default: []].append(target)
                }
            }
        }
        var rows: [NoteRow] = []
        for id in noteIDs {
            guard let note = try store.entity(id), note.kind == NoteKinds.note else { continue }
            rows += NoteRow.rows(of: note, about: aboutByNote[id] ?? [])
        }
        return rows
    }
}
