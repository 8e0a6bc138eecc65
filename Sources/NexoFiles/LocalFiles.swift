import Glibc
import NexoKit

/// Whole-file reads and writes for the host (scripts, probe files, template exchange, the REPL
/// history), through the same buffered readers and writers as import and export.
public enum LocalFiles {
    /// Calls `body` with each non-blank line of the file at `path` (without its line ending), or
    /// why the line cannot be text (not valid UTF-8, longer than ``RecordLine/maximumBytes``; the
    /// error does not name the line), and its line number, reading in chunks, so a file of any
    /// size streams through. A leading byte-order mark is skipped. Reading goes on after a bad
    /// line unless `body` throws.
    public static func forEachLine(in path: String, _ body: (Result<String, NexoError>, Int) throws(NexoError) -> Void)
        throws(NexoError)
    {
        var lines = LineReader(try FileReader(path: path))
        while try lines.nextLine({ (bytes, number) throws(NexoError) in
            try body(bytes.map { String(decoding: $0, as: UTF8.self) }, number)
        }) {}
    }

    /// The whole content of `path`; refuses files larger than `limit` bytes (devices and pipes,
    /// which report no size, are read up to the limit and refused beyond it).
    public static func read(_ path: String, limit: Int = 64 << 20) throws(NexoError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw NexoError(
                code == ENOENT ? .notFound : .failed, "cannot read '\(path)': \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        var info = stat()
        let size = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : limit
        // One byte more than expected shows a file that grew or a device that never ends.
        let capacity = min(size, limit) + 1
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < capacity {
                let n = Glibc.read(descriptor, buffer.baseAddress! + count, capacity - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                count += n
            }
        }
        if failure != 0 { throw NexoError(.failed, "cannot read '\(path)': \(String(cString: strerror(failure)))") }
        if bytes.count == capacity {
            if size >= limit {
                throw NexoError(.invalidInput, "'\(path)' is larger than \(limit) bytes", hint: "check the file")
            }
            throw NexoError(.failed, "'\(path)' grew while it was read", hint: "read it again once it is complete")
        }
        return bytes
    }

    /// Creates or replaces `path` with `bytes`, through ``FileWriter`` (0600, never through a
    /// link, never onto an open store's files; the target changes only once all is written).
    public static func write(_ bytes: [UInt8], to path: String) throws(NexoError) {
        let writer = try FileWriter(path: path)
        try writer.write(bytes)
        try writer.close()
    }

    /// Creates the directory `path` (0700) unless a directory is already there; refuses a `path`
    /// that is something else. Missing parent directories are not created.
    public static func makeDirectory(_ path: String) throws(NexoError) {
        let directory: Bool?
        do {
            directory = try isDirectory(path)
        } catch {
            guard error.isNotFound else {
                throw NexoError(.failed, "cannot create directory '\(path)': \(error.message)")
            }
            directory = nil
        }
        if directory == true { return }
        if directory == false {
            throw NexoError(.invalidInput, "'\(path)' exists and is not a directory", hint: "choose another directory")
        }
        do {
            try FileSystem.makeDirectory(path, mode: 0o700)
        } catch {
            throw NexoError(.failed, "cannot create directory '\(path)': \(error.message)")
        }
    }

    /// Whether `path` (following symbolic links) is a directory; `false` when it is something
    /// else. Throws why it cannot be examined (``FileSystem/Failure/isNotFound`` when nothing is
    /// there).
    public static func isDirectory(_ path: String) throws(FileSystem.Failure) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .system() }
        return info.st_mode & S_IFMT == S_IFDIR
    }

    /// Creates `path` as an empty file readable and writable by its owner only (0600), unless
    /// something already has that name (then nothing changes): for a file another program fills
    /// in place, like SQLite's database, which ``FileWriter`` does not create.
    public static func createPrivateFile(_ path: String) throws(FileSystem.Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw .system()
        }
    }
}
