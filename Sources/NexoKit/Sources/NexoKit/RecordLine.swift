/// The limit on one line of a record file (NDJSON `import`, `bio import`, `bio feed run` and
/// `bio feed start`): readers refuse a longer line without holding more of it than the limit.
///
/// It lives in the SDK because the store's import, the shell's feed input and plugins' line
/// reading (``FileAccess/forEachLine(in:_:)``) apply the same limit with the same words.
public enum RecordLine {
    /// The longest line accepted, in bytes without the line break: 16 MiB. The longest
    /// legitimate lines are far below it: a person exported with all their properties (each text
    /// property at most 64 KiB) or an enrolment with an inline face template (about 10 KB).
    public static let maximumBytes = 16 << 20

    /// The error for a line longer than `limit` bytes, without its place (the reader adds
    /// `file:line: `): `line is longer than 16 MiB`, with a hint on what a record line is.
    public static func tooLongError(limit: Int = maximumBytes) -> NexoError {
        NexoError(
            .invalidInput, "line is longer than \(describe(limit))",
            hint: "check that the file has one JSON object per line, and keep large data (templates, "
                + "documents) in files named by the record")
    }

    /// `16 MiB`, `4 KiB` or `100 bytes`.
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
