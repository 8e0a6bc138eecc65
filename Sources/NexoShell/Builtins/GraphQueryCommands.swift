import NexoKit
import NexoStore

extension Builtins {
    /// `show ID`: an entity, an edge, a source or a run.
    enum Show {
        static let entity = ArgumentKey(
            "id", .record,
            "An entity's id or unique label, or an edge (E-n), source (S-n), run (R-n) or this session's job (feed-n)")
        static let edges = DefaultedOptionKey("edges", .int, "Show at most this many edges", default: 50)
        static let provenance = FlagKey(
            "provenance", "After each edge, the source that reported it and its grading (or the run, when none)")

        static func run(_ args: ParsedArguments, _ call: BuiltinContext) throws -> CommandResult {
            let given = try args[Self.entity]
            guard let ref = given.entityValue else {
                return try record(given.stringValue ?? "", limit: Int(args[Self.edges]), call)
            }
            guard let entity = try call.store.entity(ref.id) else { throw NexoError(.notFound, "no entity \(ref.id)") }
            var table = ResultTable(columns: [Column("field", .string), Column("value", .string)])
            table.append([.string("id"), .string(entity.id.rawValue)])
            table.append([.string("kind"), .string(entity.kind)])
            table.append([.string("label"), .string(entity.label)])
            for (name, value) in entity.properties.sorted(by: { $0.key < $1.key }) {
                table.append([.string(name), value])
            }
            for alias in try call.store.aliases(of: entity.id) { table.append([.string("alias"), .string(alias)]) }
            for template in try call.store.templateRecords(of: entity.id) {
                let stored = try call.store.run(template.run).map { describe($0) } ?? "R-\(template.run)"
                table.append([
                    .string("template"),
                    .string("\(templateName(template.modality, template.position)), stored by \(stored)"),
                ])
            }
            if let provenance = try call.store.provenance(ofEntity: entity.id) {
                table.append([.string("run"), .string(describe(provenance.run))])
                if let source = provenance.source {
                    table.append([.string("source"), .string("\(source.id) \(source.grading) \(source.description)")])
                }
            }
            let limit = Int(args[Self.edges])
            let edges = try call.store.edges(EdgeQuery(entity: entity.id, direction: .both, limit: limit + 1))
            for edge in edges.prefix(limit) {
                var line = try edgeLine(edge, from: entity.id, call.store)
                if args[Self.provenance] { line += " — " + provenanceText(edge.provenance) }
                table.append([.string("edge \(edge.id)"), .string(line)])
            }
            return CommandResult(
                table: table, message: edges.count > limit ? "more edges not shown; use --edges N" : nil)
        }

        /// `face`, `finger 2`, `right iris` (positions as the store keeps them: 1 right, 2 left for irises).
        static func templateName(_ modality: String, _ position: Int) -> String {
            switch modality {
            case "iris": position == 2 ? "left iris" : position == 1 ? "right iris" : "iris"
            case "finger": "finger \(position)"
            default: modality
            }
        }

        /// A background job of this session by its id (`feed-1`), as its plugin's status command shows it.
        static func job(_ id: String, _ call: BuiltinContext) -> CommandResult? {
            guard let status = call.session.jobStatuses.first(where: { $0.id == id }) else { return nil }
            var table = ResultTable(columns: [Column("field", .string), Column("value", .string)])
            table.append([.string("id"), .string(status.id)])
            table.append([.string("state"), .string(status.state.rawValue)])
            table.append([.string("source"), .string(status.summary)])
            table.append([.string("read"), .int(Int64(status.linesRead))])
            table.append([.string("processed"), .int(Int64(status.processed))])
            table.append([.string("skipped"), .int(Int64(status.skipped))])
            table.append([.string("alerts"), .int(Int64(status.alerts))])
            if let message = status.message { table.append([.string("message"), .string(message)]) }
            return CommandResult(table: table)
        }

        /// An edge, source, run or job by its id (`E-12`, `S-3`, `R-8`, `feed-1`), with its provenance.
        static func record(_ id: String, limit: Int, _ call: BuiltinContext) throws -> CommandResult {
            let number = Int64(id.drop { $0 != "-" }.dropFirst()) ?? 0
            if let job = job(id, call) { return job }
            switch id.first {
            case "S":
                guard let use = try call.store.sourceUse(EntityID(id)) else {
                    throw NexoError(.notFound, "no source '\(id)'", hint: "'source list' shows the sources")
                }
                return try SourceShow.table(use, limit: limit, call.store)
            case "R":
                guard let run = try call.store.run(number) else {
                    throw NexoError(.notFound, "no run '\(id)'", hint: "'runs' shows the runs")
                }
                var table = ResultTable(columns: [Column("field", .string), Column("value", .string)])
                table.append([.string("id"), .string("R-\(run.id)")])
                table.append([.string("user"), .string(run.user)])
                table.append([.string("time"), .string(run.time)])
                if let caseID = run.caseID { table.append([.string("case"), .string(caseID)]) }
                table.append([.string("plugin"), .string("\(run.plugin) \(run.pluginVersion)")])
                table.append([.string("command"), .string(run.command)])
                return CommandResult(table: table)
            case "E":
                guard let edge = try call.store.edge(EdgeID(number)) else {
                    throw NexoError(.notFound, "no edge '\(id)'")
                }
                var table = ResultTable(columns: [Column("field", .string), Column("value", .string)])
                table.append([.string("id"), .string(edge.id.description)])
                table.append([.string("kind"), .string(edge.kind)])
                for (field, end) in [("from", edge.from), ("to", edge.to)] {
                    let ref = try call.store.reference(end)
                    table.append([.string(field), .string(ref.map { "\($0.id) \($0.label)" } ?? end.rawValue)])
                }
                if let from = edge.validFrom { table.append([.string("valid_from"), .date(from)]) }
                if let to = edge.validTo { table.append([.string("valid_to"), .date(to)]) }
                table.append([.string("confidence"), .double(edge.confidence)])
                for (name, value) in edge.properties.sorted(by: { $0.key < $1.key }) {
                    table.append([.string(name), value])
                }
                if let provenance = edge.provenance {
                    table.append([.string("run"), .string(describe(provenance.run))])
                    if let source = provenance.source {
                        table.append([
                            .string("source"), .string("\(source.id) \(source.grading) \(source.description)"),
                        ])
                    }
                }
                return CommandResult(table: table)
            default:
                throw NexoError(
                    .notFound, "no entity, edge, source, run or job '\(id)'",
                    hint: "jobs belong to the session that started them ('bio feed status' lists this session's)")
            }
        }

        /// `source S-3 C3 DIPAR`, or the run when the edge has no source.
        static func provenanceText(_ provenance: Provenance?) -> String {
            guard let provenance else { return "no provenance" }
            if let source = provenance.source { return "source \(source.id) \(source.grading) \(source.description)" }
            return "no source; \(describe(provenance.run))"
        }

        /// One edge as `show` lists it: kind, direction, the other end, validity, confidence, properties.
        private static func edgeLine(_ edge: Edge, from entity: EntityID, _ store: StoreSession) throws(NexoError)
            -> String
        {
            let outgoing = edge.from == entity
            let otherID = outgoing ? edge.to : edge.from
            let other = try store.reference(otherID)
            var text = outgoing ? "\(edge.kind) → " : "\(edge.kind) ← "
            text += other.map { "\($0.id) \($0.label)" } ?? otherID.rawValue
            if edge.validFrom != nil || edge.validTo != nil {
                text += " [\(edge.validFrom?.description ?? "")..\(edge.validTo?.description ?? "")]"
            }
            if edge.confidence < 1 { text += " conf \(Value.format(edge.confidence))" }
            for (name, value) in edge.properties.sorted(by: { $0.key < $1.key }) { text += " \(name)=\(value)" }
            return text
        }
    }

    /// `find TEXT` and `find KIND TEXT` (the kinds are the session's).
    struct Find {
        static let text = ArgumentKey("text", .string, "Text to search, or a kind when a second word follows")
        static let more = OptionalArgumentKey("more", .string, "Text to search when the first word is a kind")
        let kind: OptionKey<String>
        static let born = OptionKey("born", .dateRange, "Only people born in this period (1994, 1990..1995)")
        static let limit = DefaultedOptionKey("limit", .int, "At most this many hits", default: 20)
        /// The columns of its rows (the spec declares them for completion).
        static let columns = EntityColumns.columns + [Column("matched", .string), Column("score", .double)]

        init(schema: Schema) {
            kind = OptionKey("kind", .oneOf(schema.entityKindNames), "Only this kind")
        }

        func run(_ args: ParsedArguments, _ call: BuiltinContext) throws -> CommandResult {
            var kindName = args[kind]
            var text = try args[Self.text]
            if let more = args[Self.more] {
                guard call.store.schema.entityKinds[text] != nil else {
                    throw NexoError(
                        .usage,
                        "'\(text)' is not an entity kind; to search two words, quote them: find \"\(text) \(more)\"",
                        hint: Suggestions.didYouMean(text, in: call.store.schema.entityKindNames))
                }
                kindName = text
                text = more
            }
            let limit = max(1, Int(args[Self.limit]))
            let born = args[Self.born]
            let candidates = try call.store.search(text, kind: kindName, limit: born == nil ? limit : limit * 20)
            var table = ResultTable(columns: Self.columns)
            for hit in candidates {
                if let born {
                    let properties = try call.store.entity(hit.entity.id)?.properties
                    // A date of birth known in part is born in the range when the days it may be overlap it.
                    guard let dob = properties?[CoreSchema.Person.dateOfBirth].flatMap(PartialDate.init)?.period,
                        born.overlaps(from: dob.lower, to: dob.upper)
                    else { continue }
                }
                table.append(
                    EntityColumns.cells(hit.entity) + [
                        .string(hit.matched), .double((hit.score * 1000).rounded() / 1000),
                    ])
                if table.rowCount == limit { break }
            }
            return CommandResult(table: table)
        }
    }

    /// `neighbors [ENTITY]` (or entities piped in; the edge kinds are the session's).
    struct Neighbors {
        static let entity = OptionalArgumentKey(
            "entity", .entity(kind: nil), "Start entity (or entities piped in)")
        static let depth = DefaultedOptionKey("depth", .int, "Hops to follow (1-6)", default: 1)
        let via: RepeatableOptionKey<String>
        static let direction = DefaultedOptionKey(
            "direction", .oneOf(EdgeDirection.allCases.map(\.rawValue)), "Edge direction", default: "both")
        static let during = OptionKey("during", .dateRange, "Only edges valid in this period")
        static let limit = OptionKey("limit", .int, "At most this many rows")
        /// The columns of its rows (the spec declares them for completion).
        static let columns =
            [Column("from", .entity(kind: nil))] + EntityColumns.columns
            + [Column("distance", .int), Column("via", .string)]

        init(schema: Schema) {
            via = RepeatableOptionKey("via", .oneOf(schema.edgeKindNames), "Follow only this edge kind")
        }

        func run(_ args: ParsedArguments, _ call: BuiltinContext) throws -> CommandResult {
            let starts = call.context.entities(given: args[Self.entity])
            if starts.isEmpty && call.context.input == nil {
                throw NexoError(
                    .usage, "neighbors needs an entity", hint: "write neighbors P-1, or pipe entities into it")
            }
            let depth = Int(args[Self.depth])
            guard (1...6).contains(depth) else {
                throw NexoError(.usage, "--depth \(depth) is out of range", hint: "use 1 to 6")
            }
            let direction = EdgeDirection(rawValue: args[Self.direction]) ?? .both
            let limit = args[Self.limit].map { Int($0) }
            let withProvenance = args[EdgeProvenanceColumns.flag]
            var table = ResultTable(columns: Self.columns + (withProvenance ? EdgeProvenanceColumns.columns : []))
            for start in starts {
                try call.context.checkCancellation()
                for hit in try call.store.neighbors(
                    of: start.id, depth: depth, edgeKinds: args[via], direction: direction,
                    during: args[Self.during], limit: limit)
                {
                    var row =
                        [.entity(start)] + EntityColumns.cells(hit.entity) + [
                            .int(Int64(hit.distance)), .string(hit.via?.kind ?? ""),
                        ]
                    if withProvenance {
                        row += EdgeProvenanceColumns.cells(try hit.via.flatMap { try call.store.edge($0.id) })
                    }
                    table.append(row)
                }
            }
            return CommandResult(table: table)
        }
    }
}
