import NexoKit
import NexoStore

/// `add`, `link add`, `source add|list`, `show`, `find`, `neighbors`: the graph built-ins.
extension Builtins {
    static func graphCommands(schema: Schema) -> [RegisteredCommand] {
        let entityKinds = schema.entityKindNames
        let edgeKinds = schema.edgeKindNames
        return [
            builtin(
                CommandSpec(
                    ["add"], summary: "Add an entity",
                    discussion: "Properties are declared per kind (see 'help kinds'); dates are YYYY-MM-DD.",
                    arguments: [
                        ArgumentSpec("kind", .oneOf(entityKinds), "Entity kind"),
                        ArgumentSpec("label", .string, "Display label (a name, a number)"),
                    ],
                    options: [
                        OptionSpec("id", .string, "Use this id instead of the next free one"),
                        OptionSpec("prop", .string, "A property, name=value", repeatable: true),
                        OptionSpec("alias", .string, "Another name (moniker, alias)", repeatable: true),
                        OptionSpec("source", .string, "Id of the graded source that reported it (S-n)"),
                    ],
                    examples: ["add person \"Ana María Pérez\" --prop date_of_birth=1994-03-02 --alias \"La Flaca\""],
                    writes: true), run: add),
            builtin(
                CommandSpec(
                    ["link", "add"], summary: "Link two entities with a typed edge",
                    arguments: [
                        ArgumentSpec("from", .entity(kind: nil), "Source entity"),
                        ArgumentSpec("kind", .oneOf(edgeKinds), "Edge kind"),
                        ArgumentSpec("to", .entity(kind: nil), "Target entity"),
                    ],
                    options: [
                        OptionSpec("since", .date, "First day the relation held"),
                        OptionSpec("until", .date, "Last day the relation held"),
                        OptionSpec("confidence", .double, "Confidence 0…1", default: .double(1)),
                        OptionSpec("prop", .string, "A property, name=value", repeatable: true),
                        OptionSpec("source", .string, "Id of the graded source (S-n)"),
                    ],
                    examples: ["link add P-1 member_of G-1 --since 2019-05-01 --prop role=palabrero"],
                    writes: true), run: linkAdd),
            builtin(
                CommandSpec(
                    ["source", "add"], summary: "Record a graded source (admiralty scale)",
                    arguments: [ArgumentSpec("description", .string, "Who or what reported")],
                    options: [
                        OptionSpec(
                            "reliability", .oneOf(SourceReliability.allCases.map(\.rawValue)),
                            "A (reliable) … F (cannot be judged)"),
                        OptionSpec(
                            "credibility", .oneOf(InformationCredibility.allCases.map { String($0.rawValue) }),
                            "1 (confirmed) … 6 (cannot be judged)"),
                    ],
                    examples: ["source add \"PNC DIPAR informant 7\" --reliability B --credibility 2"],
                    writes: true), run: sourceAdd),
            builtin(
                CommandSpec(
                    ["show"], summary: "Show an entity: properties, aliases, provenance and edges",
                    arguments: [ArgumentSpec("entity", .entity(kind: nil), "Entity id or unique label")],
                    options: [OptionSpec("edges", .int, "Show at most this many edges", default: .int(50))],
                    examples: ["show P-1"], input: nil), run: show),
            builtin(
                CommandSpec(
                    ["find"], summary: "Search entities by name, alias or moniker (fuzzy, accent-insensitive)",
                    discussion: "With two words the first is a kind: find person \"jose hernandez\".",
                    arguments: [
                        ArgumentSpec("text", .string, "Text to search, or a kind when a second word follows"),
                        ArgumentSpec("more", .string, "Text to search when the first word is a kind", optional: true),
                    ],
                    options: [
                        OptionSpec("kind", .oneOf(entityKinds), "Only this kind"),
                        OptionSpec("born", .dateRange, "Only people born in this period (1994, 1990..1995)"),
                        OptionSpec("limit", .int, "At most this many hits", default: .int(20)),
                    ],
                    examples: ["find person \"jose hernandez\" --born 1994", "find \"la flaca\""]), run: find),
            builtin(
                CommandSpec(
                    ["neighbors"], summary: "Entities within N hops of an entity",
                    discussion: "Rows are ordered by distance, then id.",
                    arguments: [
                        ArgumentSpec(
                            "entity", .entity(kind: nil), "Start entity (or entities piped in)", optional: true)
                    ],
                    options: [
                        OptionSpec("depth", .int, "Hops to follow (1-6)", default: .int(1)),
                        OptionSpec("via", .oneOf(edgeKinds), "Follow only this edge kind", repeatable: true),
                        OptionSpec(
                            "direction", .oneOf(EdgeDirection.allCases.map(\.rawValue)), "Edge direction",
                            default: .string("both")),
                        OptionSpec("during", .dateRange, "Only edges valid in this period"),
                        OptionSpec("limit", .int, "At most this many rows"),
                    ],
                    examples: ["neighbors P-1 --depth 2 --via uses_phone --via called"],
                    input: .entities(kind: nil)), run: neighbors),
        ]
    }

    private static func add(_ args: ParsedArguments, _ call: BuiltinInvocation) throws -> CommandResult {
        let kindName = args.string("kind")!
        guard let kind = call.store.schema.entityKinds[kindName] else {
            throw NexoError(.notFound, "unknown entity kind '\(kindName)'")
        }
        let properties = try PropertyAssignments.parse(
            args.all("prop").compactMap(\.stringValue),
            declared: kind.properties, owner: "kind '\(kindName)'")
        let draft = EntityDraft(
            id: args.string("id").map { EntityID($0) }, kind: kindName,
            label: args.string("label")!, properties: properties)
        let entity = try call.store.addEntity(draft, source: args.string("source").map { EntityID($0) })
        for alias in args.all("alias").compactMap(\.stringValue) { try call.store.addAlias(alias, to: entity.id) }
        return CommandResult(
            table: ResultTable(columns: EntityColumns.columns, rows: [EntityColumns.cells(entity.ref)]),
            message: "added \(entity.id)")
    }

    private static func linkAdd(_ args: ParsedArguments, _ call: BuiltinInvocation) throws -> CommandResult {
        let kindName = args.string("kind")!
        guard let kind = call.store.schema.edgeKinds[kindName] else {
            throw NexoError(.notFound, "unknown edge kind '\(kindName)'")
        }
        let properties = try PropertyAssignments.parse(
            args.all("prop").compactMap(\.stringValue),
            declared: kind.properties, owner: "edge kind '\(kindName)'")
        let confidence = args.double("confidence") ?? 1
        let from = args.entity("from")!, to = args.entity("to")!
        let edge = try call.store.addEdge(
            EdgeDraft(
                kind: kindName, from: from.id, to: to.id, properties: properties,
                validFrom: args.date("since"), validTo: args.date("until"),
                confidence: confidence),
            source: args.string("source").map { EntityID($0) })
        let table = ResultTable(
            columns: [
                Column("edge", .string), Column("from", .entity(kind: nil)), Column("kind", .string),
                Column("to", .entity(kind: nil)),
            ],
            rows: [[.string(edge.id.description), .entity(from), .string(kindName), .entity(to)]])
        return CommandResult(table: table, message: "linked \(from.id) -\(kindName)-> \(to.id) as \(edge.id)")
    }

    private static func sourceAdd(_ args: ParsedArguments, _ call: BuiltinInvocation) throws -> CommandResult {
        guard let r = args.string("reliability").flatMap(SourceReliability.init(rawValue:)),
            let c = args.string("credibility").flatMap({ Int($0) }).flatMap(InformationCredibility.init(rawValue:))
        else {
            throw NexoError(
                .usage, "a source needs --reliability A-F and --credibility 1-6",
                hint: "e.g. source add \"informant 7\" --reliability B --credibility 2")
        }
        let source = try call.store.addSource(description: args.string("description")!, reliability: r, credibility: c)
        return CommandResult(
            table: ResultTable(
                columns: [Column("id", .string), Column("grading", .string), Column("description", .string)],
                rows: [[.string(source.id.rawValue), .string(source.grading), .string(source.description)]]),
            message: "added source \(source.id) graded \(source.grading)")
    }

    private static func show(_ args: ParsedArguments, _ call: BuiltinInvocation) throws -> CommandResult {
        let ref = args.entity("entity")!
        guard let entity = try call.store.entity(ref.id) else { throw NexoError(.notFound, "no entity \(ref.id)") }
        var table = ResultTable(columns: [Column("field", .string), Column("value", .string)])
        table.append([.string("id"), .string(entity.id.rawValue)])
        table.append([.string("kind"), .string(entity.kind)])
        table.append([.string("label"), .string(entity.label)])
        for name in entity.properties.keys.sorted() { table.append([.string(name), entity.properties[name]!]) }
        for alias in try call.store.aliases(of: entity.id) { table.append([.string("alias"), .string(alias)]) }
        if let provenance = try call.store.provenance(ofEntity: entity.id) {
            table.append([.string("run"), .string(describe(provenance.run))])
            if let source = provenance.source {
                table.append([.string("source"), .string("\(source.id) \(source.grading) \(source.description)")])
            }
        }
        let limit = Int(args.int("edges") ?? 50)
        let edges = try call.store.edges(EdgeQuery(entity: entity.id, direction: .both, limit: limit + 1))
        for edge in edges.prefix(limit) {
            let outgoing = edge.from == entity.id
            let otherID = outgoing ? edge.to : edge.from
            let other = try call.store.reference(otherID)
            var text = outgoing ? "\(edge.kind) → " : "\(edge.kind) ← "
            text += other.map { "\($0.id) \($0.label)" } ?? otherID.rawValue
            if edge.validFrom != nil || edge.validTo != nil {
                text += " [\(edge.validFrom?.description ?? "")..\(edge.validTo?.description ?? "")]"
            }
            if edge.confidence < 1 { text += " conf \(Value.format(edge.confidence))" }
            for name in edge.properties.keys.sorted() { text += " \(name)=\(edge.properties[name]!)" }
            table.append([.string("edge \(edge.id)"), .string(text)])
        }
        return CommandResult(table: table, message: edges.count > limit ? "more edges not shown; use --edges N" : nil)
    }

    static func describe(_ run: RunInfo) -> String {
        "R-\(run.id) by \(run.user)\(run.caseID.map { " in \($0)" } ?? "") via \(run.plugin) \(run.pluginVersion): \(run.command)"
    }

    private static func find(_ args: ParsedArguments, _ call: BuiltinInvocation) throws -> CommandResult {
        var kind = args.string("kind")
        var text = args.string("text")!
        if let more = args.string("more") {
            guard call.store.schema.entityKinds[text] != nil else {
                throw NexoError(
                    .usage,
                    "'\(text)' is not an entity kind; to search two words, quote them: find \"\(text) \(more)\"",
                    hint: Suggestions.didYouMean(text, in: call.store.schema.entityKindNames))
            }
            kind = text
            text = more
        }
        let limit = max(1, Int(args.int("limit") ?? 20))
        let born = args.dateRange("born")
        let candidates = try call.store.search(text, kind: kind, limit: born == nil ? limit : limit * 20)
        var table = ResultTable(
            columns: EntityColumns.columns + [Column("matched", .string), Column("score", .double)])
        for hit in candidates {
            if let born {
                guard let dob = try call.store.entity(hit.entity.id)?.properties["date_of_birth"]?.dateValue,
                    born.contains(dob)
                else { continue }
            }
            table.append(
                EntityColumns.cells(hit.entity) + [.string(hit.matched), .double((hit.score * 1000).rounded() / 1000)])
            if table.rows.count == limit { break }
        }
        return CommandResult(table: table)
    }

    private static func neighbors(_ args: ParsedArguments, _ call: BuiltinInvocation) throws -> CommandResult {
        var starts = args.entities("entity")
        if starts.isEmpty, let input = call.context.input { starts = input.entityRefs }
        if starts.isEmpty && call.context.input == nil {
            throw NexoError(.usage, "neighbors needs an entity", hint: "write neighbors P-1, or pipe entities into it")
        }
        let depth = Int(args.int("depth") ?? 1)
        guard (1...6).contains(depth) else {
            throw NexoError(.usage, "--depth \(depth) is out of range", hint: "use 1 to 6")
        }
        let direction = EdgeDirection(rawValue: args.string("direction") ?? "both") ?? .both
        let kinds = args.all("via").compactMap(\.stringValue)
        let limit = args.int("limit").map { Int($0) }
        var table = ResultTable(
            columns: [Column("from", .entity(kind: nil))] + EntityColumns.columns
                + [Column("distance", .int), Column("via", .string)])
        for start in starts {
            try call.context.checkCancellation()
            for hit in try call.store.neighbors(
                of: start.id, depth: depth, edgeKinds: kinds, direction: direction,
                during: args.dateRange("during"), limit: limit)
            {
                table.append(
                    [.entity(start)] + EntityColumns.cells(hit.entity) + [
                        .int(Int64(hit.distance)), .string(hit.via?.kind ?? ""),
                    ])
            }
        }
        return CommandResult(table: table)
    }
}
