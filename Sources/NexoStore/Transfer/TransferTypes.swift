import NexoKit

/// File format of an import or export.
public enum ImportFormat: String, Sendable, Hashable, CaseIterable {
    /// One JSON object per line: `{"type":"entity",…}` or `{"type":"edge",…}`.
    case ndjson
    /// RFC 4180 CSV with a header row (entities: `id,kind,label,[aliases,]<properties…>`;
    /// edges: `kind,from,to,valid_from,valid_to,confidence,<properties…>`).
    case csv
    /// By the file name's extension: `.ndjson`/`.jsonl` or `.csv`.
    case detect

    /// The concrete format for `path`.
    func resolved(for path: String) throws(NexoError) -> ImportFormat {
        guard self == .detect else { return self }
        let lower = path.lowercased()
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
        if lower.hasSuffix(".csv") { return .csv }
        throw NexoError(
            .usage, "cannot tell the format of '\(path)' from its extension",
            hint: "use --file-format ndjson or --file-format csv")
    }
}

/// What an import stored.
public struct ImportReport: Sendable, Hashable, CustomStringConvertible {
    /// Entities added.
    public var entities = 0
    /// Edges added.
    public var edges = 0
    /// Aliases added.
    public var aliases = 0
    /// Sources added (`"type":"source"` lines), graded as they were.
    public var sources = 0
    /// Records skipped as invalid (with `skipInvalid`).
    public var skipped = 0
    /// The first few skipped records' messages (`file:line: what is wrong`).
    public var skippedMessages: [String] = []
    /// Invalid UTF-8 sequences replaced with U+FFFD (lenient encoding only).
    public var replacedSequences = 0

    /// An empty report.
    public init() {}

    /// `3 entities, 2 edges` (`, 1 invalid line skipped`).
    public var description: String {
        var text = "\(entities) \(entities == 1 ? "entity" : "entities"), \(edges) \(edges == 1 ? "edge" : "edges")"
        if sources > 0 { text += ", \(sources) \(sources == 1 ? "source" : "sources")" }
        if skipped > 0 { text += ", \(skipped) invalid \(skipped == 1 ? "line" : "lines") skipped" }
        return text
    }
}

/// What an export wrote.
public struct ExportReport: Sendable, Hashable, CustomStringConvertible {
    /// Entities written.
    public var entities = 0
    /// Edges written.
    public var edges = 0
    /// Sources written (NDJSON: the sources the entities and edges written cite, before them).
    public var sources = 0
    /// Files written, in order.
    public var files: [String] = []

    /// An empty report.
    public init() {}

    /// `3 entities, 2 edges to out.csv, out-edges.csv`.
    public var description: String {
        "\(entities) \(entities == 1 ? "entity" : "entities"), \(edges) \(edges == 1 ? "edge" : "edges")"
            + (sources > 0 ? ", \(sources) \(sources == 1 ? "source" : "sources")" : "") + " to "
            + "\(files.joined(separator: ", "))"
    }
}
