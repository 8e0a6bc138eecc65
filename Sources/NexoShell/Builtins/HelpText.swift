import NexoKit

/// Text of `help` and `kinds`, derived from the specs and the schema.
enum HelpText {
    static func help(for words: [String], registry: CommandRegistry) throws(NexoError) -> CommandResult {
        if words.isEmpty {
            var table = ResultTable(columns: [
                Column("command", .string), Column("summary", .string), Column("from", .string),
            ])
            for command in registry.commands.values.sorted(by: { $0.spec.name < $1.spec.name }) {
                table.append([.string(command.spec.name), .string(command.spec.summary), .string(command.owner.name)])
            }
            return CommandResult(table: table, message: "help <command> shows its arguments, options and examples")
        }
        let wanted = words.flatMap { $0.split(separator: " ").map(String.init) }
        guard let command = registry[wanted] else {
            let prefixMatches = registry.specs.filter { Array($0.path.prefix(wanted.count)) == wanted }
            if !prefixMatches.isEmpty {
                var table = ResultTable(columns: [Column("command", .string), Column("summary", .string)])
                for spec in prefixMatches { table.append([.string(spec.name), .string(spec.summary)]) }
                return CommandResult(table: table)
            }
            let name = wanted.joined(separator: " ")
            throw NexoError(
                .notFound, "no command '\(name)'",
                hint: Suggestions.didYouMean(name, in: registry.specs.map(\.name)) ?? "type 'help' for the list")
        }
        return CommandResult(text: usage(command.spec, owner: command.owner))
    }

    static func usage(_ spec: CommandSpec, owner: CommandOwner) -> String {
        var lines = [
            "usage: \(spec.synopsis)\(spec.writes ? " [--dry-run]" : "") [--format table|json|ndjson|csv|tsv]", "",
            spec.summary,
        ]
        if !spec.discussion.isEmpty { lines += ["", spec.discussion] }
        if !spec.arguments.isEmpty {
            lines += ["", "arguments:"]
            for a in spec.arguments {
                lines.append("  <\(a.name)>  \(a.type)  \(a.summary)\(a.isOptional ? " (optional)" : "")")
            }
        }
        if !spec.options.isEmpty {
            lines += ["", "options:"]
            for o in spec.options {
                var line = "  --\(o.name)" + (o.type.map { " <\($0)>" } ?? "") + "  \(o.summary)"
                if let d = o.defaultValue { line += " (default: \(d))" }
                if o.isRepeatable { line += " (repeatable)" }
                lines.append(line)
            }
        }
        if let input = spec.input {
            switch input {
            case .rows: lines += ["", "reads rows from a pipe"]
            case .entities(let kind): lines += ["", "reads \(kind ?? "entitie")s from a pipe"]
            }
        }
        if !spec.examples.isEmpty { lines += ["", "examples:"] + spec.examples.map { "  \($0)" } }
        lines += ["", "provided by \(owner.name) \(owner.version)"]
        return lines.joined(separator: "\n")
    }

    /// One kind's properties, one per row: name, type, whether required, summary.
    static func kind(_ name: String, in schema: Schema) throws(NexoError) -> CommandResult {
        let properties: [PropertySpec]
        let what: String
        if let kind = schema.entityKinds[name] {
            properties = kind.properties
            what = "entity kind \(name) (ids \(kind.idPrefix)-n), declared by \(schema.owners["entity:" + name] ?? "?")"
        } else if let kind = schema.edgeKinds[name] {
            properties = kind.properties
            let from = kind.fromKinds.isEmpty ? "any" : kind.fromKinds.joined(separator: "|")
            let to = kind.toKinds.isEmpty ? "any" : kind.toKinds.joined(separator: "|")
            what = "edge kind \(name) (\(from) -> \(to)), declared by \(schema.owners["edge:" + name] ?? "?")"
        } else {
            throw NexoError(
                .notFound, "no kind '\(name)'",
                hint: Suggestions.didYouMean(name, in: schema.entityKindNames + schema.edgeKindNames)
                    ?? "'kinds' lists them")
        }
        var table = ResultTable(columns: [
            Column("property", .string), Column("type", .string), Column("required", .bool),
            Column("summary", .string),
        ])
        for property in properties {
            table.append([
                .string(property.name), .string(property.type.description), .bool(property.isRequired),
                .string(property.summary),
            ])
        }
        return CommandResult(table: table, message: what)
    }

    static func kinds(_ schema: Schema) -> CommandResult {
        var table = ResultTable(columns: [
            Column("kind", .string), Column("type", .string), Column("id_prefix", .string),
            Column("declared_by", .string), Column("properties", .string),
        ])
        func describe(_ properties: [PropertySpec]) -> String {
            properties.map { "\($0.name):\($0.type)\($0.isRequired ? "!" : "")" }.joined(separator: " ")
        }
        for name in schema.entityKindNames {
            guard let kind = schema.entityKinds[name] else { continue }
            table.append([
                .string(name), .string("entity"), .string(kind.idPrefix),
                .string(schema.owners["entity:" + name] ?? ""),
                .string(describe(kind.properties)),
            ])
        }
        for name in schema.edgeKindNames {
            guard let kind = schema.edgeKinds[name] else { continue }
            let from = kind.fromKinds.isEmpty ? "any" : kind.fromKinds.joined(separator: "|")
            let to = kind.toKinds.isEmpty ? "any" : kind.toKinds.joined(separator: "|")
            let ends = "\(from)->\(to)"
            table.append([
                .string(name), .string("edge " + ends), .string(""), .string(schema.owners["edge:" + name] ?? ""),
                .string(describe(kind.properties)),
            ])
        }
        return CommandResult(table: table)
    }
}
