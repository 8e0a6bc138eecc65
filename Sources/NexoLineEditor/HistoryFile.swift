import Glibc

/// The file that keeps the line history between sessions: one entry per line, newlines and
/// backslashes escaped (`\n`, `\r`, `\\`), appended to as entries arrive so a crash loses nothing.
///
/// The file holds what a user typed, so it is private: created with mode 0600 (missing directories
/// with 0700), tightened to 0600 if others could read it, and refused if another user owns it.
struct HistoryFile {
    let path: String

    /// Makes sure the file exists with safe permissions, creating it and its directories if missing.
    init(path: String) throws(LineEditorError) {
        self.path = path
        try Self.createDirectories(for: path)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Self.failure("cannot open history file", path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.failure("cannot inspect history file", path) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw LineEditorError("history file '\(path)' is not a regular file: pass the path of a file")
        }
        guard info.st_uid == geteuid() else {
            throw LineEditorError(
                "history file '\(path)' belongs to another user (uid \(info.st_uid)): remove it or pass another path")
        }
        if info.st_mode & 0o077 != 0, fchmod(fd, 0o600) != 0 {
            throw Self.failure("cannot make history file private", path)
        }
    }

    /// All entries, oldest first.
    func load() throws(LineEditorError) -> [String] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.failure("cannot open history file", path) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                break
            } else if errno != EINTR {
                throw Self.failure("cannot read history file", path)
            }
        }
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map {
            Self.decode(String(decoding: $0, as: UTF8.self))
        }
    }

    /// Appends one entry with a single write(2) on an O_APPEND descriptor, so concurrent sessions
    /// interleave whole lines.
    func append(_ entry: String) throws(LineEditorError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Self.failure("cannot open history file", path) }
        defer { close(fd) }
        try Self.writeAll(fd, Array((Self.encode(entry) + "\n").utf8), path)
    }

    /// Replaces the contents with `entries` atomically (a private temporary file renamed over it).
    func rewrite(_ entries: [String]) throws(LineEditorError) {
        let temporary = path + ".tmp\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Self.failure("cannot write history file", temporary) }
        let text = entries.map { Self.encode($0) + "\n" }.joined()
        do {
            try Self.writeAll(fd, Array(text.utf8), temporary)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let failure = Self.failure("cannot replace history file", path)
            unlink(temporary)
            throw failure
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

    private static func createDirectories(for path: String) throws(LineEditorError) {
        var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard components.popLast() != nil else { return }
        var directory = path.hasPrefix("/") ? "" : "."
        for component in components {
            directory += "/" + component
            if mkdir(directory, 0o700) != 0 && errno != EEXIST {
                throw failure("cannot create history directory", directory)
            }
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws(LineEditorError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno != EINTR {
                throw failure("cannot write history file", path)
            }
        }
    }

    private static func failure(_ what: String, _ path: String) -> LineEditorError {
        LineEditorError("\(what) '\(path)': \(String(cString: strerror(errno)))")
    }
}
