import NexoKit

/// `link chart [<entity>] [--depth N] [--layout dot|neato|sfdp] --out FILE.svg|.png|.pdf`: a chart
/// of an entity's neighbourhood, or of the entities piped in and the links among them, rendered by
/// Graphviz.
enum LinkChart {
    static let command = Command(spec, run: run)

    /// The most entities a chart shows.
    static let maximumEntities = 2000

    static let entity = OptionalArgumentKey(
        "entity", .entity(kind: nil), "The entity whose neighbourhood to chart (leave out when piping)")
    static let depth = OptionKey(
        "depth", .int, "Links to follow from the entities (default 1 from an entity, 0 for piped entities)")
    static let layout = DefaultedOptionKey(
        "layout", .oneOf(Graphviz.Layout.allCases.map(\.rawValue)),
        "Graphviz layout: dot (layered), neato (spring), sfdp (large graphs)", default: "dot")
    static let out = OptionKey("out", .filePath, "The chart's file: .svg, .png or .pdf")

    static let spec = CommandSpec(
        ["link", "chart"],
        summary: "Draw an entity's neighbourhood, or the piped entities and their links, with Graphviz",
        discussion: """
            Each entity is drawn in its kind's shape and colour and labelled with its label and id; each \
            link with its kind, validity and source grading, drawn solid for A1-B2, dashed up to D4, and \
            dotted and gray for E or F, credibility 5 or 6, or no source, so that a dense chart of weak \
            links does not look convincing. A legend names the kinds and line styles. Needs Debian's \
            graphviz; the file is written whole or not at all, readable by you only. At most 2000 entities.
            """,
        arguments: [entity],
        options: [depth, layout, out],
        examples: [
            "link chart P-1 --out ana.svg", "link chart P-1 --depth 2 --layout neato --out ana.pdf",
            "find person ana | link chart --out ana.png",
        ],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        guard let files = context.files else {
            throw NexoError(.denied, "this host does not let commands write files")
        }
        guard let path = arguments[out] else {
            throw NexoError(.usage, "missing --out", hint: "name the chart's file: link chart P-1 --out chart.svg")
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."),
            let format = Graphviz.Format(rawValue: name[name.index(after: dot)...].lowercased())
        else {
            throw NexoError(
                .usage, "cannot tell the chart's format from '\(path)'", hint: "end the file in .svg, .png or .pdf")
        }
        let seeds = context.entities(given: arguments[entity])
        guard !seeds.isEmpty else {
            throw NexoError(
                .usage, "nothing to chart",
                hint: "name an entity ('link chart P-1 --out p1.svg') or pipe entities in")
        }
        let hops = arguments[depth] ?? (arguments[entity] == nil ? 0 : 1)
        guard (0...10).contains(hops) else {
            throw NexoError(.usage, "--depth must be between 0 and 10, got \(hops)", hint: "try --depth 1 or 2")
        }
        let graphviz = try Graphviz.locate()
        let selection = try LinkSelection.around(
            seeds, depth: Int(hops), in: context.store, limit: maximumEntities, context: context)
        let layoutChoice = Graphviz.Layout(rawValue: arguments[layout]) ?? .dot
        let text = try ChartDocument.document(selection, layout: layoutChoice)
        let rendered = try graphviz.render(text, layout: layoutChoice, format: format, isCancelled: context.isCancelled)
        try files.write(rendered, to: path)
        return CommandResult(
            table: ResultTable(
                columns: [Column("entity", .entity(kind: nil)), Column("kind", .string), Column("label", .string)],
                rows: selection.entities.map { [.entity($0.ref), .string($0.kind), .string($0.label)] }),
            message: "charted \(selection.entities.count) entities and \(selection.edges.count) links to \(path)")
    }
}
