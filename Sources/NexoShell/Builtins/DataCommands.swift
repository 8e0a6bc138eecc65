import NexoKit
import NexoStore

/// `import`, `export`, `undo`, `runs`.
extension Builtins {
    static func dataCommands(schema: Schema) -> [RegisteredCommand] {
        [
            builtin(
                CommandSpec(
                    ["import"], summary: "Import entities and edges from NDJSON or CSV",
                    discussion: "NDJSON: one {\"type\":\"entity\"|\"edge\",…} object per line. CSV: a header row; "
                        + "entities have id,kind,label,<properties…>, edges kind,from,to,valid_from,valid_to,confidence,<properties…>. "
                        + "A bad line stops the import and nothing is stored, unless --skip-invalid. "
                        + "The file must be UTF-8 (a byte-order mark at its start is skipped): invalid UTF-8 stops the import "
                        + "with file:line:byte (the byte counted from 1 within the line), even with --skip-invalid, "
                        + "unless --lenient-encoding. A JSON object that repeats a key and a CSV header that repeats a name are errors. "
                        + "A CSV field starting with ' and then = + - @ tab, CR or ' loses that first ' (the quote export adds for spreadsheets).",
                    arguments: [ArgumentSpec("file", .filePath, "File to read")],
                    options: [
                        OptionSpec("format", .oneOf(["ndjson", "csv"]), "File format (default: by extension)"),
                        .flag("skip-invalid", "Skip and count bad lines instead of stopping"),
                        .flag(
                            "lenient-encoding",
                            "Replace invalid UTF-8 with U+FFFD (and warn with a count) instead of stopping"),
                    ],
                    examples: [
                        "import people.ndjson", "import edges.csv --format csv",
                        "import latin1.csv --lenient-encoding",
                    ], writes: true)
            ) { args, call in
                let path = args.string("file")!
                let format: ImportFormat =
                    switch args.string("format") {
                    case "ndjson": .ndjson
                    case "csv": .csv
                    default: .detect
                    }
                let output = call.context.output
                let report = try call.store.importFile(
                    path: path, format: format, skipInvalid: args.flag("skip-invalid"),
                    encoding: args.flag("lenient-encoding") ? .lenient : .strict
                ) {
                    output.progress($0, of: nil, label: "import")
                }
                if report.replacedSequences > 0 {
                    output.note(UTF8Input.replacementWarning(report.replacedSequences, in: path))
                }
                return CommandResult(message: "imported \(report)")
            },
            builtin(
                CommandSpec(
                    ["export"], summary: "Export entities and edges as NDJSON or CSV",
                    discussion:
                        "Entities come in id order, edges in edge-id order. CSV writes FILE (entities) and FILE with -edges before the extension. "
                        + "CSV files are for spreadsheets: a text cell starting with = + - @ tab, CR or ' gets a leading ' "
                        + "(numbers do not), so no formula runs; import takes it off again.",
                    arguments: [ArgumentSpec("file", .filePath, "File to write")],
                    options: [
                        OptionSpec("format", .oneOf(["ndjson", "csv"]), "File format (default: by extension)"),
                        OptionSpec(
                            "kind", .oneOf(schema.entityKindNames),
                            "Only entities of this kind (and edges between them)", repeatable: true),
                    ],
                    examples: ["export case.ndjson", "export people.csv --kind person"]),
                egress: true
            ) { args, call in
                let format: ImportFormat =
                    switch args.string("format") {
                    case "ndjson": .ndjson
                    case "csv": .csv
                    default: .detect
                    }
                let report = try call.store.exportFile(
                    path: args.string("file")!, format: format,
                    kinds: args.all("kind").compactMap(\.stringValue))
                return CommandResult(message: "exported \(report)")
            },
            session(
                CommandSpec(
                    ["undo"], summary: "Revert your last writing command, or the run R-n",
                    discussion:
                        "Reverts every entity, edge and source the command added, changed or removed. Undo is itself recorded. "
                        + "Without a run, reverts the last writing command of the current user (--user); another user's command "
                        + "needs its run id from 'runs' ('undo R-12'), and the message names its user. A command that later "
                        + "commands (of anyone) build on is not reverted: the error names them. "
                        + "Runs made by background jobs (a feed's batches, 'job' in 'runs') are passed over.",
                    arguments: [
                        ArgumentSpec(
                            "run", .string, "A run id from 'runs' (R-12 or 12); your last command when omitted",
                            optional: true)
                    ],
                    examples: ["undo", "undo R-12"], writes: true)
            ) { args, call in
                try call.shell.undo(run: args.string("run"), text: call.text)
            },
            builtin(
                CommandSpec(
                    ["runs"], summary: "The log of writing commands (provenance), newest first",
                    options: [OptionSpec("limit", .int, "At most this many", default: .int(20))],
                    examples: ["runs --limit 5"])
            ) { args, call in
                var table = ResultTable(columns: [
                    Column("run", .int), Column("time", .string), Column("user", .string),
                    Column("case", .string), Column("plugin", .string), Column("command", .string),
                    Column("job", .string),
                ])
                for run in try call.store.runs(limit: Int(args.int("limit") ?? 20)) {
                    table.append([
                        .int(run.id), .string(run.time), .string(run.user), run.caseID.map(Value.string) ?? .null,
                        .string("\(run.plugin) \(run.pluginVersion)"), .string(run.command),
                        run.job.map(Value.string) ?? .null,
                    ])
                }
                return CommandResult(table: table)
            },
        ]
    }
}
