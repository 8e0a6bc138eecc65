import NexoKit
import NexoStore

extension Builtins {
    /// `add KIND LABEL`: its arguments and options (the kinds are the session's) and what it does.
    struct Add {
        let kind: ArgumentKey<String>
        static let label = ArgumentKey("label", .string, "Display label (a name, a number)")
        static let id = OptionKey("id", .string, "Use this id instead of the next free one")
        static let prop = RepeatableOptionKey("prop", .string, "A property, name=value")
        static let alias = RepeatableOptionKey("alias", .string, "Another name (moniker, alias)")

        init(schema: Schema) {
            kind = ArgumentKey("kind", .oneOf(schema.entityKindNames), "Entity kind")
        }

        func run(_ args: ParsedArguments, _ call: BuiltinContext) throws -> CommandResult {
            let kindName = try args[kind]
            guard let declared = call.store.schema.entityKinds[kindName] else {
                throw NexoError(.notFound, "unknown entity kind '\(kindName)'")
            }
            let properties = try PropertyAssignments.parse(
                args[Self.prop], declared: declared.properties, owner: "kind '\(kindName)'")
            let draft = EntityDraft(
                id: args[Self.id].map { EntityID($0) }, kind: kindName, label: try args[Self.label],
                properties: properties)
            let entity = try call.store.addEntity(
                draft, source: try SourceOptions.sourceOrOwnEntry(from: args, context: call.context).id)
            for alias in args[Self.alias] { try call.store.addAlias(alias, to: entity.id) }
            return CommandResult(
                table: ResultTable(columns: EntityColumns.columns, rows: [EntityColumns.cells(entity.ref)]),
                message: "added \(entity.id)")
        }
    }

    /// `link add FROM KIND TO`: its arguments and options (the edge kinds are the session's).
    struct LinkAdd {
        static let from = ArgumentKey("from", .entity(kind: nil), "Source entity")
        let kind: ArgumentKey<String>
        static let to = ArgumentKey("to", .entity(kind: nil), "Target entity")
        static let since = OptionKey("since", .date, "First day the relation held")
        static let until = OptionKey("until", .date, "Last day the relation held")
        static let confidence = DefaultedOptionKey("confidence", .double, "Confidence 0…1", default: 1)
        static let prop = RepeatableOptionKey("prop", .string, "A property, name=value")

        init(schema: Schema) {
            kind = ArgumentKey("kind", .oneOf(schema.edgeKindNames), "Edge kind")
        }

        func run(_ args: ParsedArguments, _ call: BuiltinContext) throws -> CommandResult {
            let kindName = try args[kind]
            guard let declared = call.store.schema.edgeKinds[kindName] else {
                throw NexoError(.notFound, "unknown edge kind '\(kindName)'")
            }
            let properties = try PropertyAssignments.parse(
                args[Self.prop], declared: declared.properties, owner: "edge kind '\(kindName)'")
            let from = try args[Self.from], to = try args[Self.to]
            let edge = try call.store.addEdge(
                EdgeDraft(
                    kind: kindName, from: from.id, to: to.id, properties: properties,
                    validFrom: args[Self.since], validTo: args[Self.until], confidence: args[Self.confidence]),
                source: try SourceOptions.sourceOrOwnEntry(from: args, context: call.context).id)
            let table = ResultTable(
                columns: [
                    Column("edge", .string), Column("from", .entity(kind: nil)), Column("kind", .string),
                    Column("to", .entity(kind: nil)),
                ],
                rows: [[.string(edge.id.description), .entity(from), .string(kindName), .entity(to)]])
            return CommandResult(table: table, message: "linked \(from.id) -\(kindName)-> \(to.id) as \(edge.id)")
        }
    }

    /// `source add DESCRIPTION --reliability R --credibility C`.
    enum SourceAdd {
        static let description = ArgumentKey("description", .string, "Who or what reported")
        static let reliability = OptionKey(
            "reliability", .oneOf(SourceReliability.allCases.map(\.rawValue)), "A (reliable) … F (cannot be judged)")
        static let credibility = OptionKey(
            "credibility", .oneOf(InformationCredibility.allCases.map { String($0.rawValue) }),
            "1 (confirmed) … 6 (cannot be judged)")

        static func run(_ args: ParsedArguments, _ call: BuiltinContext) throws -> CommandResult {
            guard let r = args[reliability].flatMap(SourceReliability.init(rawValue:)),
                let c = args[credibility].flatMap({ Int($0) }).flatMap(InformationCredibility.init(rawValue:))
            else {
                throw NexoError(
                    .usage, "a source needs --reliability A-F and --credibility 1-6",
                    hint: "e.g. source add \"informant 7\" --reliability B --credibility 2")
            }
            let source = try call.store.addSource(
                description: try args[description], reliability: r, credibility: c)
            return CommandResult(
                table: ResultTable(
                    columns: [Column("id", .string), Column("grading", .string), Column("description", .string)],
                    rows: [[.string(source.id.rawValue), .string(source.grading), .string(source.description)]]),
                message: "added source \(source.id) graded \(source.grading)")
        }
    }
}
