import NexoFiles
import NexoKit
import NexoOutput

/// `… | save FILE [--file-format F]`: the piped rows written to a file, through the same gate as `export`.
extension Builtins {
    /// The option of `save`.
    enum Save {
        static let format = OptionKey(
            "file-format", .oneOf(OutputFormat.allCases.map(\.rawValue)),
            "The file's format (default: by its extension — .csv, .tsv, .json, .ndjson, .jsonl — else table)")

        /// The format a file's extension names, or `table`.
        static func format(forPath path: String) -> OutputFormat {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return .table }
            switch name[name.index(after: dot)...].lowercased() {
            case "csv": return .csv
            case "tsv", "tab": return .tsv
            case "json": return .json
            case "ndjson", "jsonl": return .ndjson
            default: return .table
            }
        }
    }

    static func saveCommand() -> RegisteredCommand {
        builtin(
            CommandSpec(
                ["save"], summary: "Write the piped rows to a file (table, CSV, TSV, JSON or NDJSON)",
                discussion:
                    "The rows are written as the format renders them for a file: no terminal escapes, nothing cut; "
                    + "CSV and TSV are written for spreadsheets (a text cell that would run as a formula gets a "
                    + "leading '). The file is created 0600, never through a symbolic link and never onto the "
                    + "store's own files, and the export rules apply (who may write where).",
                arguments: [Export.file], options: [Save.format],
                examples: [
                    "find person perez | save perez.csv", "neighbors G-3 --via member_of | save crew.json",
                    "runs | save runs.txt --file-format table",
                ], input: .rows),
            egress: true
        ) { args, call in
            guard let table = call.context.input else {
                throw NexoError(.usage, "'save' writes rows from a pipe", hint: "write: <command> | save FILE")
            }
            let path = try args[Export.file]
            let format = args[Save.format].flatMap(OutputFormat.init(rawValue:)) ?? Save.format(forPath: path)
            var renderer = Renderer(format: format, isTerminal: false, terminalWidth: nil)
            renderer.forSpreadsheet = true
            try LocalFiles.write(Array(renderer.render(table).utf8), to: path)
            return CommandResult(
                message: "saved \(table.rowCount) row\(table.rowCount == 1 ? "" : "s") to \(path) as \(format.rawValue)"
            )
        }
    }
}
