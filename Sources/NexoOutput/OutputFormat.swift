/// How results are printed: `--format`, `set format`, `| format`.
public enum OutputFormat: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// Aligned columns with a header, a separator line and a row count; for people.
    case table
    /// One JSON array of objects, keys in column order.
    case json
    /// One JSON object per line (newline-delimited JSON).
    case ndjson
    /// Comma-separated values (RFC 4180 quoting, LF line ends).
    case csv
    /// Tab-separated values (tabs, newlines, CRs and backslashes in cells escaped).
    case tsv

    /// The format's name.
    public var description: String { rawValue }
}
