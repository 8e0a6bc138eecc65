import NexoKit
import NexoText

/// Text of `help` and `kinds`, derived from the specs and the schema.
enum HelpText {
    static func help(for words: [String], registry: CommandRegistry, width: Int? = nil) throws(NexoError)
        -> CommandResult
    {
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
        return CommandResult(text: usage(command.spec, owner: command.owner, width: width))
    }

    /// `text` broken into lines of at most `width` columns at spaces, every line after the first indented by
    /// `indent` spaces (the first by `firstIndent`); a word longer than a line stands alone.
    static func wrapped(_ text: String, width: Int, firstIndent: Int = 0, indent: Int = 0) -> [String] {
        var lines: [String] = []
        var line = String(repeating: " ", count: firstIndent)
        var empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !empty && DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                empty = true
            }
            line += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(line)
        return lines
    }

    /// A command's help; with `width` (a terminal's), paragraphs wrapped to it and the arguments' and options'
    /// summaries aligned in one column.
    static func usage(_ spec: CommandSpec, owner: CommandOwner, width: Int? = nil) -> String {
        guard let width, width >= 40 else { return plainUsage(spec, owner: owner) }
        func paragraph(_ text: String, indent: Int = 0) -> [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
                wrapped(String($0), width: width, firstIndent: indent, indent: indent)
            }
        }
        var lines = paragraph(
            "usage: \(spec.synopsis)\(spec.writes ? " [--dry-run]" : "") [--format table|json|ndjson|csv|tsv]")
        lines += [""] + paragraph(spec.summary)
        if !spec.discussion.isEmpty { lines += [""] + paragraph(spec.discussion) }
        var terms: [(section: String, term: String, summary: String)] = []
        for a in spec.arguments {
            terms.append(("arguments:", "<\(a.name)>", "\(a.summary)\(a.isOptional ? " (optional)" : "")"))
        }
        for o in spec.options {
            var summary = o.summary
            if let d = o.defaultValue { summary += " (default: \(d))" }
            if o.isRepeatable { summary += " (repeatable)" }
            // A short type goes with the name; a long list of choices goes under the summary.
            let type = o.type.map { "<\($0)>" } ?? ""
            let short = type.count <= 24
            terms.append(
                (
                    "options:", "--\(o.name)" + (short && !type.isEmpty ? " \(type)" : ""),
                    summary + (short || type.isEmpty ? "" : " \(type)")
                ))
        }
        let column = min(32, (terms.map { DisplayWidth.of($0.term) }.max() ?? 0) + 4)
        var section = ""
        for (title, term, summary) in terms {
            if title != section {
                lines += ["", title]
                section = title
            }
            let head = "  " + term
            if DisplayWidth.of(head) + 2 <= column {
                let padded = head + String(repeating: " ", count: column - DisplayWidth.of(head))
                var body = wrapped(summary, width: width, firstIndent: column, indent: column)
                body[0] = padded + body[0].dropFirst(column)
                lines += body
            } else {
                lines.append(head)
                lines += wrapped(summary, width: width, firstIndent: column, indent: column)
            }
        }
        return (lines + ending(spec, owner: owner)).joined(separator: "\n")
    }

    /// The lines every help ends with: what it reads from a pipe, the examples, who provides it.
    static func ending(_ spec: CommandSpec, owner: CommandOwner) -> [String] {
        var lines: [String] = []
        if let input = spec.input {
            switch input {
            case .rows: lines += ["", "reads rows from a pipe"]
            case .entities(let kind): lines += ["", "reads \(kind ?? "entitie")s from a pipe"]
            }
        }
        if !spec.examples.isEmpty { lines += ["", "examples:"] + spec.examples.map { "  \($0)" } }
        return lines + ["", "provided by \(owner.name) \(owner.version)"]
    }

    /// The help as one line per paragraph and option, for files and pipes.
    static func plainUsage(_ spec: CommandSpec, owner: CommandOwner) -> String {
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
        return (lines + ending(spec, owner: owner)).joined(separator: "\n")
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
