import NexoKit
import NexoStore

/// `source list` and `source show`: the graded sources facts were recorded from, read back.
extension Builtins {
    static func sourceCommands() -> [RegisteredCommand] {
        [
            builtin(
                CommandSpec(
                    ["source", "list"], summary: "List the graded sources and how many facts cite each",
                    discussion:
                        "One row per source, in id order: its grading (reliability letter and credibility digit, "
                        + "the admiralty scale), what it is, the run that recorded it, and how many entities and "
                        + "edges cite it.",
                    examples: ["source list", "source list | where grading ~ F", "source list | sort -facts"]),
                run: SourceList.run),
            builtin(
                CommandSpec(
                    ["source", "show"], summary: "Show a source: its grading, who recorded it, and what cites it",
                    arguments: [SourceShow.source], options: [SourceShow.limit],
                    examples: ["source show S-1"]),
                run: SourceShow.run),
        ]
    }

    enum SourceList {
        static func run(_ args: ParsedArguments, _ call: BuiltinContext) throws -> CommandResult {
            var table = ResultTable(columns: [
                Column("source", .string), Column("grading", .string), Column("description", .string),
                Column("run", .string), Column("entities", .int), Column("edges", .int), Column("facts", .int),
            ])
            let uses = try call.store.sourceUses()
            for use in uses {
                table.append([
                    .string(use.source.id.rawValue), .string(use.source.grading), .string(use.source.description),
                    .string("R-\(use.run)"), .int(Int64(use.entities)), .int(Int64(use.edges)),
                    .int(Int64(use.entities + use.edges)),
                ])
            }
            return CommandResult(
                table: table,
                message: uses.isEmpty ? "no sources yet; record one with 'source add' or --reported-by" : nil)
        }
    }

    enum SourceShow {
        static let source = ArgumentKey("source", .string, "The source's id (S-n)")
        static let limit = DefaultedOptionKey("limit", .int, "Show at most this many entities and edges", default: 50)

        static func run(_ args: ParsedArguments, _ call: BuiltinContext) throws -> CommandResult {
            let id = EntityID(try args[source])
            guard let use = try call.store.sourceUse(id) else {
                throw NexoError(.notFound, "no source '\(id)'", hint: "'source list' shows the sources")
            }
            return try table(use, limit: max(0, Int(args[limit])), call.store)
        }

        /// The fields of a source, the run that recorded it, and the facts that cite it.
        static func table(_ use: SourceUse, limit: Int, _ store: StoreSession) throws -> CommandResult {
            var table = ResultTable(columns: [Column("field", .string), Column("value", .string)])
            table.append([.string("id"), .string(use.source.id.rawValue)])
            table.append([.string("grading"), .string(use.source.grading)])
            table.append([
                .string("reliability"),
                .string("\(use.source.reliability.rawValue): \(use.source.reliability.meaning)"),
            ])
            table.append([
                .string("credibility"),
                .string("\(use.source.credibility.rawValue): \(use.source.credibility.meaning)"),
            ])
            table.append([.string("description"), .string(use.source.description)])
            if let origin = use.source.origin { table.append([.string("imported"), .string(origin)]) }
            if let run = try store.run(use.run) { table.append([.string("run"), .string(describe(run))]) }
            let facts = try store.facts(citing: use.source.id, limit: limit)
            for entity in facts.entities {
                table.append([.string("entity"), .string("\(entity.id) \(entity.kind) \(entity.label)")])
            }
            for edge in facts.edges {
                table.append([.string("edge"), .string("\(edge.id) \(edge.from) -\(edge.kind)-> \(edge.to)")])
            }
            let shown = facts.entities.count + facts.edges.count
            let total = use.entities + use.edges
            return CommandResult(
                table: table,
                message: "\(total) \(total == 1 ? "fact cites" : "facts cite") \(use.source.id)"
                    + (shown < total ? " (\(shown) shown; use --limit N)" : ""))
        }
    }
}
