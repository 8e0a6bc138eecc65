import NexoFiles
import NexoKit

/// The file that keeps the line history between sessions: one entry per line, newlines and
/// backslashes escaped (`\n`, `\r`, `\\`), appended to as entries arrive so a crash loses nothing.
///
/// The file holds what a user typed, so it is private and written like every file Nexo writes
/// (``AppendingFile``, ``FileWriter``): created 0600, tightened to 0600 if others could read it,
/// refused if another user owns it, never through a symbolic link, never onto anything but a
/// regular file or onto a file of the open store. No directory is created except Nexo's own
/// default (`~/.nexo`, 0700), when the caller says the path is that default.
struct HistoryFile {
    let path: String

    /// Makes sure the file exists with safe permissions, creating it if missing; with
    /// `creatingDirectory`, its directory too (one level, 0700).
    init(path: String, creatingDirectory: Bool = false) throws(LineEditorError) {
        self.path = path
        if creatingDirectory { try Self.createDirectory(of: path) }
        _ = try Self.opened(path)
    }

    /// All entries, oldest first. The file is read without following a symbolic link and only
    /// when it is a regular file, like every file Nexo reads back that it wrote privately.
    func load() throws(LineEditorError) -> [String] {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readBytes(path, limit: Self.largest, followingLinks: false)
        } catch {
            throw Self.failure("cannot read history file", path, error)
        }
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map {
            Self.decode(String(decoding: $0, as: UTF8.self))
        }
    }

    /// The largest history file read (1 GiB): far beyond any history, short of exhausting memory.
    static let largest = 1 << 30

    /// Appends one entry with a single write(2) on an O_APPEND descriptor, so concurrent sessions
    /// interleave whole lines.
    func append(_ entry: String) throws(LineEditorError) {
        let file = try Self.opened(path)
        do {
            try file.append(Array((Self.encode(entry) + "\n").utf8))
        } catch {
            throw Self.refusal(error)
        }
    }

    /// Replaces the contents with `entries` atomically: a new private file renamed over it once
    /// written (``FileWriter``).
    func rewrite(_ entries: [String]) throws(LineEditorError) {
        do {
            let writer = try FileWriter(path: path)
            for entry in entries { try writer.write(Self.encode(entry) + "\n") }
            try writer.close()
        } catch {
            throw Self.refusal(error)
        }
    }

    /// One entry as one line of the file.
    static func encode(_ entry: String) -> String {
        var encoded = ""
        for character in entry {
            switch character {
            case "\\": encoded += "\\\\"
            case "\n": encoded += "\\n"
            case "\r": encoded += "\\r"
            case "\r\n": encoded += "\\r\\n"
            default: encoded.append(character)
            }
        }
        return encoded
    }

    /// The entry a line of the file stands for; an unknown escape is kept as written.
    static func decode(_ line: String) -> String {
        var decoded = ""
        var escaping = false
        for character in line {
            if escaping {
                switch character {
                case "n": decoded += "\n"
                case "r": decoded += "\r"
                case "\\": decoded += "\\"
                default: decoded += "\\" + String(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                decoded.append(character)
            }
        }
        if escaping { decoded += "\\" }
        return decoded
    }

    /// Nexo's own default directory for the history (`~/.nexo`): created private (0700) when
    /// missing, one level only.
    private static func createDirectory(of path: String) throws(LineEditorError) {
        let directory = FileWriter.split(path).directory
        do {
            try FileSystem.makeDirectory(directory, mode: 0o700)
        } catch {
            throw failure("cannot create history directory", directory, error)
        }
    }

    /// The file opened for appending, or why it may not be used.
    private static func opened(_ path: String) throws(LineEditorError) -> AppendingFile {
        do {
            return try AppendingFile(path: path)
        } catch {
            throw refusal(error)
        }
    }

    /// A refusal from the file-writing rules, as a history error.
    private static func refusal(_ error: NexoError) -> LineEditorError {
        LineEditorError("history file: \(error)")
    }

    private static func failure(_ what: String, _ path: String, _ error: FileSystem.Failure) -> LineEditorError {
        LineEditorError("\(what) '\(path)': \(error.message)")
    }
}
