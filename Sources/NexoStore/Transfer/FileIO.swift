import Glibc
import NexoFiles
import NexoKit

/// Reads a file in large chunks with `read(2)` into a window the parsers scan in place.
///
/// The unread tail of the window can be kept across refills (``refill(keepingFrom:)``), so a
/// record that straddles two chunks is parsed once it is complete.
final class FileReader {
    /// The path, for messages.
    let path: String
    private let descriptor: Int32
    /// Bytes read; valid in `0..<count`.
    private(set) var buffer: [UInt8]
    /// Number of valid bytes in ``buffer``.
    private(set) var count = 0
    /// Whether the end of the file has been reached.
    private(set) var isAtEnd = false
    private let chunk: Int

    /// Opens `path` for reading.
    init(path: String, chunk: Int = 4 << 20) throws(NexoError) {
        self.path = path
        self.chunk = chunk
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw NexoError(
                code == ENOENT ? .notFound : .failed, "cannot read '\(path)': \(String(cString: strerror(code)))")
        }
        buffer = [UInt8](repeating: 0, count: chunk)
    }

    deinit { close(descriptor) }

    /// Size of the file in bytes (0 when unknown).
    var size: Int {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Drops bytes before `keep`, moves the rest to the front, and reads more after them, growing
    /// the buffer as needed but never past `most` bytes (a line reader's limit); the kept bytes
    /// must be fewer than `most`. Returns the number of bytes added (0 at the end of the file).
    @discardableResult
    func refill(keepingFrom keep: Int, holdingAtMost most: Int = .max) throws(NexoError) -> Int {
        let kept = count - keep
        if keep > 0 && kept > 0 {
            buffer.withUnsafeMutableBytes { raw in
                _ = memmove(raw.baseAddress!, raw.baseAddress! + keep, kept)
            }
        }
        count = kept
        if buffer.count - count < max(1, chunk / 2) && buffer.count < most {
            buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, most - buffer.count)))
        }
        let wanted = min(buffer.count, most) - count
        let got = buffer.withUnsafeMutableBytes { raw -> Int in
            var n: Int
            repeat { n = read(descriptor, raw.baseAddress! + count, wanted) } while n < 0 && errno == EINTR
            return n
        }
        guard got >= 0 else { throw NexoError(.failed, "cannot read '\(path)': \(String(cString: strerror(errno)))") }
        if got == 0 { isAtEnd = true }
        count += got
        return got
    }
}

/// Whole-file reads and writes for the host (probe files, template exchange), through the same
/// buffered readers and writers as import and export.
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
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw NexoError(
                    .invalidInput, "'\(path)' exists and is not a directory", hint: "choose another directory")
            }
            return
        }
        guard mkdir(path, 0o700) == 0 else {
            throw NexoError(.failed, "cannot create directory '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}
