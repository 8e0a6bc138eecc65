import NexoKit
import NexoStore

/// `add`, `link add`, `source add`, `show`, `find`, `neighbors`: the graph built-ins.
extension Builtins {
    static func graphCommands(schema: Schema) -> [RegisteredCommand] {
        let add = Add(schema: schema), linkAdd = LinkAdd(schema: schema)
        let find = Find(schema: schema), neighbors = Neighbors(schema: schema)
        return [
            builtin(
                CommandSpec(
                    ["add"], summary: "Add an entity",
                    discussion:
                        "Properties are declared per kind (see 'kinds'); dates are YYYY-MM-DD. Every fact has a "
                        + "source: --source S-n, or --reported-by TEXT --grading B2, or else your own entry (one "
                        + "source per user, 'own entry by USER', graded F6: not judged).",
                    arguments: [add.kind, Add.label], options: [Add.id, Add.prop, Add.alias] + SourceOptions.options,
                    examples: ["add person \"Ana María Pérez\" --prop date_of_birth=1994-03-02 --alias \"La Flaca\""],
                    writes: true), run: add.run),
            builtin(
                CommandSpec(
                    ["link", "add"], summary: "Link two entities with a typed edge",
                    arguments: [LinkAdd.from, linkAdd.kind, LinkAdd.to],
                    options: [LinkAdd.since, LinkAdd.until, LinkAdd.confidence, LinkAdd.prop] + SourceOptions.options,
                    examples: ["link add P-1 member_of G-1 --since 2019-05-01 --prop role=palabrero"],
                    writes: true), run: linkAdd.run),
            builtin(
                CommandSpec(
                    ["source", "add"], summary: "Record a graded source (admiralty scale)",
                    arguments: [SourceAdd.description], options: [SourceAdd.reliability, SourceAdd.credibility],
                    examples: ["source add \"PNC DIPAR informant 7\" --reliability B --credibility 2"],
                    writes: true), run: SourceAdd.run),
            builtin(
                CommandSpec(
                    ["show"],
                    summary: "Show an entity (properties, aliases, templates, provenance, edges), an edge, a source, "
                        + "a run or a job",
                    arguments: [Show.entity], options: [Show.edges, Show.provenance],
                    examples: ["show P-1", "show P-1 --provenance", "show E-3", "show S-1", "show R-2"], input: nil),
                run: Show.run),
            builtin(
                CommandSpec(
                    ["find"], summary: "Search entities by name, alias or moniker (fuzzy, accent-insensitive)",
                    discussion: "With two words the first is a kind: find person \"jose hernandez\".",
                    arguments: [Find.text, Find.more], options: [find.kind, Find.born, Find.limit],
                    examples: ["find person \"jose hernandez\" --born 1994", "find \"la flaca\""],
                    columns: .fixed(Find.columns)), run: find.run),
            builtin(
                CommandSpec(
                    ["neighbors"], summary: "Entities within N hops of an entity",
                    discussion:
                        "Rows are ordered by distance, then id. --provenance adds the edge each row was reached "
                        + "by (edge), its source (source, grading, reported_by) or, for an edge with no source, "
                        + "the run that wrote it.",
                    arguments: [Neighbors.entity],
                    options: [
                        Neighbors.depth, neighbors.via, Neighbors.direction, Neighbors.during, Neighbors.limit,
                        EdgeProvenanceColumns.flag,
                    ],
                    examples: [
                        "neighbors P-1 --depth 2 --via uses_phone --via called",
                        "neighbors G-12 --via member_of --provenance | where grading != null",
                    ],
                    input: .entities(kind: nil), columns: .fixed(Neighbors.columns)), run: neighbors.run),
        ]
    }

    /// A run as `show` names it: id, user, case, plugin and command.
    static func describe(_ run: RunInfo) -> String {
        let inCase = run.caseID.map { " in \($0)" } ?? ""
        return "R-\(run.id) by \(run.user)\(inCase) via \(run.plugin) \(run.pluginVersion): \(run.command)"
    }
}
