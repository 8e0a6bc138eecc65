import NexoFiles
import NexoKit
import NexoStore

/// Writes a session as a replayable script: each statement as typed, then a comment line with
/// the digest of its result and the store's data version after it.
///
/// ```
/// # nexo recording 1
/// # data-version 41
/// find person perez
/// #> sha256:9f2c… data-version 41
/// ```
/// The file is itself a valid script (digest lines are comments), and `nexo replay FILE --verify`
/// re-runs it and compares the digests.
///
/// The file is created like every output (``FileWriter``: 0600, never through a link, never onto
/// the store's files) and takes its name at once, before the first command: each command's lines are
/// flushed as soon as they are written, so a session killed midway keeps everything recorded so far.
final class Recorder {
    static let header = "# nexo recording 1"
    static let digestPrefix = "#> "

    let path: String
    private let file: FileWriter

    init(path: String, dataVersion: Int64) throws(NexoError) {
        self.path = path
        file = try FileWriter(path: path, publish: .whenCreated)
        try write("\(Recorder.header)\n# data-version \(dataVersion)\n")
    }

    /// Appends one statement and its result digest; flushed at once so a crash loses nothing.
    func append(statement: String, digest: String, dataVersion: Int64) throws(NexoError) {
        let text = statement.hasSuffix("\n") ? statement : statement + "\n"
        try write("\(text)\(Recorder.digestPrefix)\(digest) data-version \(dataVersion)\n")
    }

    /// Ends the recording: syncs the file to disk and closes it.
    func close() throws(NexoError) { try file.close() }

    private func write(_ text: String) throws(NexoError) {
        try file.write(text)
        try file.flush()
    }
}

/// One recorded command read back from a recording.
struct RecordedStatement {
    /// The statement text.
    var text: String
    /// Line of the statement's first line in the recording.
    var line: Int
    /// The digest recorded for its result.
    var digest: String
}

/// Reads a recording written by ``Recorder``.
enum RecordingReader {
    /// The store's data version when the recording began (its `# data-version N` line), if it says.
    static func startingDataVersion(_ source: String) -> Int64? {
        for line in source.split(separator: "\n").prefix(5) where line.hasPrefix("# data-version ") {
            return Int64(line.dropFirst("# data-version ".count))
        }
        return nil
    }

    static func read(_ source: String, file: String) throws(NexoError) -> [RecordedStatement] {
        var statements: [RecordedStatement] = []
        var pending: [Substring] = []
        var pendingLine = 0
        for (offset, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix(Recorder.digestPrefix) {
                let fields = line.dropFirst(Recorder.digestPrefix.count).split(separator: " ")
                guard let digest = fields.first, !pending.isEmpty else {
                    throw NexoError(
                        .invalidInput, "\(file):\(offset + 1): digest line without a statement before it",
                        hint: "recordings are written by 'record start'; do not edit them by hand")
                }
                statements.append(
                    RecordedStatement(text: pending.joined(separator: "\n"), line: pendingLine, digest: String(digest)))
                pending = []
            } else if pending.isEmpty && (line.hasPrefix("#") || line.allSatisfy(\.isWhitespace)) {
                continue
            } else {
                if pending.isEmpty { pendingLine = offset + 1 }
                pending.append(line)
            }
        }
        if statements.isEmpty {
            throw NexoError(.invalidInput, "\(file): no recorded commands", hint: "record one with 'record start FILE'")
        }
        return statements
    }
}
