import NexoKit
import NexoStore

/// `import`, `export`, `undo`, `runs`.
extension Builtins {
    /// `--file-format ndjson|csv` of `import` and `export`: named apart from the output's `--format`.
    static let fileFormatOption = OptionKey(
        "file-format", .oneOf(["ndjson", "csv"]), "The file's format (default: by its extension)")

    /// Arguments and options of `import`.
    enum Import {
        static let file = ArgumentKey("file", .filePath, "File to read")
        static let format = fileFormatOption
        static let skipInvalid = FlagKey("skip-invalid", "Skip and count bad lines instead of stopping")
        static let lenientEncoding = FlagKey(
            "lenient-encoding", "Replace invalid UTF-8 with U+FFFD (and warn with a count) instead of stopping")
    }

    /// Arguments and options of `export`; `--kind` takes the kinds of the session's schema.
    struct Export {
        /// The file written; the egress gate sees it as the destination.
        static let file = ArgumentKey("file", .filePath, "File to write")
        static let format = fileFormatOption
        let kind: RepeatableOptionKey<String>

        init(schema: Schema) {
            kind = RepeatableOptionKey(
                "kind", .oneOf(schema.entityKindNames), "Only entities of this kind (and edges between them)")
        }
    }

    /// The argument of `undo`.
    enum Undo {
        static let run = OptionalArgumentKey(
            "run", .string, "A run id from 'runs' (R-12 or 12); your last command when omitted")
    }

    /// The option of `runs`.
    enum Runs {
        static let limit = DefaultedOptionKey("limit", .int, "At most this many", default: 20)
    }

    static func dataCommands(schema: Schema) -> [RegisteredCommand] {
        let export = Export(schema: schema)
        return [
            builtin(
                CommandSpec(
                    ["import"], summary: "Import entities and edges from NDJSON or CSV",
                    discussion: "NDJSON: one {\"type\":\"entity\"|\"edge\",…} object per line. CSV: a header row; "
                        + "entities have id,kind,label,<properties…>, "
                        + "edges kind,from,to,valid_from,valid_to,confidence,<properties…>. "
                        + "A bad line stops the import and nothing is stored, unless --skip-invalid. "
                        + "The file must be UTF-8 (a byte-order mark at its start is skipped): "
                        + "invalid UTF-8 stops the import "
                        + "with file:line:byte (the byte counted from 1 within the line), even with --skip-invalid, "
                        + "unless --lenient-encoding. "
                        + "A JSON object that repeats a key and a CSV header that repeats a name are errors. "
                        + "A CSV field starting with ' and then = + - @ tab, CR or ' loses that first ' "
                        + "(the quote export adds for spreadsheets). Every fact has a source: records that name "
                        + "none cite --source S-n, or a source recorded from --reported-by and --grading, or else "
                        + "one recorded for the file ('FILE imported by USER', graded F6: not judged).",
                    arguments: [Import.file],
                    options: [Import.format, Import.skipInvalid, Import.lenientEncoding] + SourceOptions.options,
                    examples: [
                        "import people.ndjson", "import edges.txt --file-format csv",
                        "import latin1.csv --lenient-encoding",
                    ], writes: true)
            ) { args, call in
                let path = try args[Import.file]
                let format = fileFormat(args[Import.format], call)
                let output = call.context.output
                let named = try SourceOptions.namedSource(from: args, context: call.context)?.id
                let fileName = path.split(separator: "/").last.map(String.init) ?? path
                let report = try call.store.importFile(
                    path: path, format: format, skipInvalid: args[Import.skipInvalid],
                    encoding: args[Import.lenientEncoding] ? .lenient : .strict, citing: named,
                    unnamedSource: SourceDraft(
                        description: "\(fileName) imported by \(call.context.user)", reliability: .f,
                        credibility: .cannotBeJudged)
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
                        "Entities come in id order, edges in edge-id order. "
                        + "CSV writes FILE (entities) and FILE with -edges before the extension. "
                        + "CSV files are for spreadsheets: "
                        + "a text cell starting with = + - @ tab, CR or ' gets a leading ' "
                        + "(numbers do not), so no formula runs; import takes it off again. "
                        + "NDJSON keeps provenance: the sources the data cites come first, with their gradings, and "
                        + "'import' records them again, marked as imported (see 'source show').",
                    arguments: [Export.file], options: [Export.format, export.kind],
                    examples: ["export case.ndjson", "export people.csv --kind person"]),
                egress: true
            ) { args, call in
                let report = try call.store.exportFile(
                    path: try args[Export.file], format: fileFormat(args[Export.format], call),
                    kinds: args[export.kind])
                return CommandResult(message: "exported \(report)")
            },
            session(
                CommandSpec(
                    ["undo"], summary: "Revert your last writing command, or the run R-n",
                    discussion:
                        "Reverts every entity, edge and source the command added, changed or removed. "
                        + "Undo is itself recorded. "
                        + "Without a run, reverts the last writing command of the current user (--user); "
                        + "another user's command "
                        + "needs its run id from 'runs' ('undo R-12'), and the message names its user. "
                        + "A command that later "
                        + "commands (of anyone) build on is not reverted: the error names them. "
                        + "Runs made by background jobs (a feed's batches, 'job' in 'runs') are passed over. "
                        + "--dry-run names the run it would revert and what would change, and changes nothing.",
                    arguments: [Undo.run],
                    examples: ["undo", "undo R-3"], writes: true)
            ) { args, call in
                try call.scripts.undo(run: args[Undo.run], text: call.text, dryRun: call.isDryRun)
            },
            builtin(
                CommandSpec(
                    ["runs"], summary: "The log of writing commands (provenance), newest first",
                    options: [Runs.limit],
                    examples: ["runs --limit 5"])
            ) { args, call in
                var table = ResultTable(columns: [
                    Column("run", .string), Column("time", .string), Column("user", .string),
                    Column("case", .string), Column("plugin", .string), Column("command", .string),
                    Column("job", .string),
                ])
                for run in try call.store.runs(limit: Int(args[Runs.limit])) {
                    table.append([
                        .string("R-\(run.id)"), .string(run.time), .string(run.user),
                        run.caseID.map(Value.string) ?? .null,
                        .string("\(run.plugin) \(run.pluginVersion)"), .string(run.command),
                        run.job.map(Value.string) ?? .null,
                    ])
                }
                return CommandResult(table: table)
            },
        ]
    }

    /// The file format an `--format` word names; by the file's extension when none.
    /// The file format `--file-format` names; else `--format ndjson|csv` as it was spelt before `--file-format`,
    /// with a warning; else by the file's extension.
    private static func fileFormat(_ word: String?, _ call: BuiltinContext) -> ImportFormat {
        var word = word
        if word == nil, let old = call.session.state.statementFormat, old == .ndjson || old == .csv {
            call.context.output.note(
                "warning: --format \(old.rawValue) sets the output's format; the file's is --file-format "
                    + "\(old.rawValue) (read as that)")
            word = old.rawValue
        }
        switch word {
        case "ndjson": return .ndjson
        case "csv": return .csv
        default: return .detect
        }
    }
}
