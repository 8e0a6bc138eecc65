import NexoKit

/// `link export --format graphml|gexf|dot|i2-csv --out FILE [--all]`: the entities piped in and the
/// links among them, or the whole graph, as a file Gephi, yEd, Graphviz or i2 Analyst's Notebook
/// opens.
enum LinkExport {
    static let command = Command(spec, run: run)

    /// The file formats, by their option value.
    enum Format: String, CaseIterable {
        case graphml, gexf, dot
        case i2CSV = "i2-csv"

        /// The format an `--out` file's extension names, if any.
        init?(extensionOf path: String) {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
            switch name[name.index(after: dot)...].lowercased() {
            case "graphml": self = .graphml
            case "gexf": self = .gexf
            case "dot", "gv": self = .dot
            case "csv": self = .i2CSV
            default: return nil
            }
        }
    }

    static let format = OptionKey(
        "format", .oneOf(Format.allCases.map(\.rawValue)),
        "File format (default: by the --out file's extension: .graphml, .gexf, .dot or .gv, .csv)")
    static let out = OptionKey("out", .filePath, "The file to write (i2-csv also writes FILE-links.csv)")
    static let all = FlagKey("all", "Export the whole graph instead of the entities piped in")

    static let spec = CommandSpec(
        ["link", "export"],
        summary: "Write the piped entities and their links, or the whole graph, for Gephi, yEd, Graphviz or i2",
        discussion: """
            GraphML and GEXF 1.3 declare every attribute with its type: kind, label and every property of \
            the entities; kind, validity (valid_from, valid_to; GEXF spells), confidence and the source's \
            grading (source, reliability, credibility) and every property of the links. DOT carries the \
            same as quoted attributes. i2-csv writes two files for i2 Analyst's Notebook's import: FILE \
            (entities) and FILE with -links before its extension (links); Plugins/LinkAnalysis/README.md \
            maps their columns to i2's fields. A file is written whole or not at all, readable by you only.
            """,
        options: [format, out, all],
        examples: [
            "link export --all --format graphml --out network.graphml",
            "find person ana | link export --format i2-csv --out ana.csv",
        ],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        guard let files = context.files else {
            throw NexoError(.denied, "this host does not let commands write files")
        }
        guard let path = arguments[out] else {
            throw NexoError(
                .usage, "missing --out", hint: "name the file to write: link export --all --out network.graphml")
        }
        guard let chosen = arguments[format].flatMap(Format.init(rawValue:)) ?? Format(extensionOf: path) else {
            throw NexoError(
                .usage, "no format for '\(path)'",
                hint: "give --format graphml, gexf, dot or i2-csv (or end the file in .graphml, .gexf, .dot, .csv)")
        }
        let selection = try select(all: arguments[all], context)

        var written: [(path: String, bytes: [UInt8])] = []
        switch chosen {
        case .graphml: written = [(path, Array(try GraphMLFormat.document(selection).utf8))]
        case .gexf: written = [(path, Array(try GEXFFormat.document(selection).utf8))]
        case .dot: written = [(path, Array(try DOTFormat.document(selection).utf8))]
        case .i2CSV:
            written = [
                (path, Array(I2CSVFormat.entities(selection).utf8)),
                (I2CSVFormat.linksPath(for: path), Array(I2CSVFormat.links(selection).utf8)),
            ]
        }
        for file in written {
            try context.checkCancellation()
            try files.write(file.bytes, to: file.path)
        }
        let columns = [
            Column("file", .string), Column("format", .string), Column("entities", .int), Column("links", .int),
        ]
        let counts: [Value] = [.int(Int64(selection.entities.count)), .int(Int64(selection.edges.count))]
        return CommandResult(
            table: ResultTable(
                columns: columns, rows: written.map { [.string($0.path), .string(chosen.rawValue)] + counts }),
            message: "wrote \(selection.entities.count) entities and \(selection.edges.count) links to "
                + written.map(\.path).joined(separator: " and "))
    }

    /// The whole graph (`--all`), or the entities piped in and the links among them.
    static func select(all: Bool, _ context: CommandContext) throws(NexoError) -> LinkSelection {
        let piped = context.entities(given: [])
        if all {
            guard piped.isEmpty else {
                throw NexoError(
                    .usage, "both --all and piped entities",
                    hint: "pipe entities in, or give --all for the whole graph, not both")
            }
            return try LinkSelection.whole(context.store)
        }
        guard !piped.isEmpty else {
            throw NexoError(
                .usage, "nothing to export",
                hint: "pipe entities in ('find person ana | link export …') or give --all for the whole graph")
        }
        return try LinkSelection.around(piped, depth: 0, in: context.store, limit: Int.max, context: context)
    }
}
