/// What `--provenance` adds to a table whose rows stand for edges (`neighbors`, `gang members`): the edge, and the
/// source it cites with its grading and description — or, for an edge with no source, the run that wrote it, in
/// `reported_by`. Commands that list edges take the one flag and add the same columns, so tables read alike.
public enum EdgeProvenanceColumns {
    /// `--provenance`.
    public static let flag = FlagKey(
        "provenance", "Add each row's edge with the source it cites and its grading (or the run, when none)")

    /// `edge`, `source`, `grading`, `reported_by`.
    public static let columns = [
        Column("edge", .string), Column("source", .string), Column("grading", .string),
        Column("reported_by", .string),
    ]

    /// The cells of ``columns`` for `edge` (all empty without one).
    public static func cells(_ edge: Edge?) -> [Value] {
        guard let edge else { return [.null, .null, .null, .null] }
        guard let provenance = edge.provenance else { return [.string(edge.id.description), .null, .null, .null] }
        guard let source = provenance.source else {
            return [
                .string(edge.id.description), .null, .null,
                .string("R-\(provenance.run.id) by \(provenance.run.user)"),
            ]
        }
        return [
            .string(edge.id.description), .string(source.id.rawValue), .string(source.grading),
            .string(source.description),
        ]
    }
}
