import NexoKit

/// Synthetic results shared by the output tests.
enum Samples {
    static let jose = EntityRef(id: "P-1042", kind: "person", label: "José Hernández")
    static let ana = EntityRef(id: "P-7", kind: "person", label: "Ana \"La Flaca\" Pérez")

    /// id (entity), label, score (double), hits (int).
    static let people = ResultTable(
        columns: [
            Column("id", .entity(kind: "person")), Column("label", .string), Column("score", .double),
            Column("hits", .int),
        ],
        rows: [
            [.entity(jose), .string("José Hernández"), .double(0.93), .int(12)],
            [.entity(ana), .string("Ana"), .double(1.0), .int(3)],
        ])

    static func date(_ text: String) -> Value { .date(CivilDate(iso: text)!) }
}
