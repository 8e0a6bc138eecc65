import NexoKit

/// `bio index verify` and `bio index rebuild`: the match engine's index files beside the store, for an operator.
enum BioIndex {
    static let commands = [verify, rebuild]

    static let verify = Command(
        CommandSpec(
            ["bio", "index", "verify"], summary: "Check the match engine's index files against the store",
            discussion:
                "One row per index file: where it is, its size, the store state it holds (templates, newest template "
                + "id), whether it is current, and what a fresh process does with it. Every checksum is read and the "
                + "file's rows are compared with the store's templates; a damaged file, or one that says it is "
                + "current and disagrees with the store, is an error (exit 1) naming the file. Searches never trust "
                + "such a file: they rebuild it.",
            examples: ["bio index verify"]),
        run: { _, context throws in table(try Probe.matcher(context).indexFiles(verify: true)) })

    static let rebuild = Command(
        CommandSpec(
            ["bio", "index", "rebuild"],
            summary: "Rebuild the match engine's indexes from the store and rewrite their files",
            discussion:
                "Reads every template, builds the indexes again (face inverted lists measured on the gallery anew) "
                + "and replaces the index files, dropping changes recorded beside them. Searches do this on their "
                + "own when a file is missing or damaged; an operator runs it after moving a store, to compact a "
                + "file full of removed faces, or to have the next process start at once. Galleries under 1,000 "
                + "faces are kept in memory only.",
            examples: ["bio index rebuild"]),
        run: { _, context throws in table(try Probe.matcher(context).rebuildIndexFiles()) })

    /// The reports as rows.
    static func table(_ reports: [IndexFileReport]) -> CommandResult {
        var table = ResultTable(columns: [
            Column("modality", .string), Column("file", .string), Column("bytes", .int), Column("templates", .int),
            Column("newest_template", .int), Column("current", .bool), Column("state", .string),
        ])
        for report in reports {
            table.append([
                .string(report.modality.rawValue), report.path.map(Value.string) ?? .null,
                .int(Int64(report.bytes)), .int(Int64(report.templates)), .int(report.newestTemplate),
                .bool(report.isCurrent), .string(report.state),
            ])
        }
        return CommandResult(table: table)
    }
}
