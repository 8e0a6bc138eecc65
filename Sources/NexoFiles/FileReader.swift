import Glibc
import NexoKit

/// Reads a file, a FIFO or standard input in large chunks with `read(2)` into a window that
/// parsers (``LineReader``, the store's CSV reader) scan in place.
///
/// The unread tail of the window can be kept across refills (``refill(keepingFrom:holdingAtMost:)``),
/// so a record that straddles two chunks is parsed once it is complete.
///
/// A reader opened with `waiting: false` never waits in `read(2)`: when nothing is there yet,
/// ``refill(keepingFrom:holdingAtMost:)`` adds nothing and ``isAtEnd`` stays false (it asks
/// `poll(2)` before each read, so standard input needs no `O_NONBLOCK`); the caller waits for
/// ``descriptor`` to become readable and asks again. Such a reader on a FIFO
/// may also follow it across writers: when its writer closes it, the FIFO is opened again for the
/// next one (``writerClosed``) instead of ending.
public final class FileReader {
    /// The path, for messages (`-` for standard input).
    public let path: String
    /// The descriptor read, for waiting on it with `poll(2)`; it changes when a followed FIFO is
    /// opened again.
    public private(set) var descriptor: Int32
    private let ownsDescriptor: Bool
    /// Whether a FIFO is opened again when its writer closes it (see ``FileReader``).
    private let follows: Bool
    /// Whether `read(2)` may wait (see ``FileReader``).
    private let waits: Bool
    /// Bytes read; valid in `0..<count`.
    public private(set) var buffer: [UInt8]
    /// Number of valid bytes in ``buffer``.
    public private(set) var count = 0
    /// Whether the end of the input has been reached.
    public private(set) var isAtEnd = false
    /// Whether the writer of a followed FIFO closed it and nothing was read since it was opened
    /// again.
    public private(set) var writerClosed = false
    private let chunk: Int

    /// Opens `path` for reading (following symbolic links).
    public init(path: String, chunk: Int = 4 << 20) throws(NexoError) {
        self.path = path
        self.chunk = chunk
        follows = false
        waits = true
        ownsDescriptor = true
        descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw NexoError(
                code == ENOENT ? .notFound : .failed, "cannot read '\(path)': \(String(cString: strerror(code)))")
        }
        buffer = [UInt8](repeating: 0, count: chunk)
    }

    /// Opens `path` (`-`: standard input, which stays open) for reading that never waits in
    /// `read(2)` (see ``FileReader``); with `following`, a FIFO is opened again for its next writer.
    /// Refuses a directory. `hint` goes with the error when `path` cannot be opened or is a directory.
    public init(waitingNever path: String, following: Bool, chunk: Int = 1 << 16, hint: String) throws(NexoError) {
        self.path = path
        self.chunk = chunk
        waits = false
        buffer = [UInt8](repeating: 0, count: chunk)
        guard path != "-" else {
            descriptor = 0
            ownsDescriptor = false
            follows = false
            return
        }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw NexoError(.invalidInput, "'\(path)' is a directory", hint: hint)
        }
        // O_NONBLOCK so opening a FIFO does not wait for a writer.
        descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw NexoError(.notFound, "cannot open '\(path)': \(String(cString: strerror(errno)))", hint: hint)
        }
        ownsDescriptor = true
        follows = following && fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// Whether the input is a regular file (all of it was there from the start).
    public var isRegularFile: Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Size of the file in bytes (0 when unknown).
    public var size: Int {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Drops bytes before `keep`, moves the rest to the front, and reads more after them, growing
    /// the buffer as needed but never past `most` bytes (a line reader's limit); the kept bytes
    /// must be fewer than `most`. Returns the number of bytes added: 0 at the end of the input
    /// (``isAtEnd``) or, for a reader that never waits, when nothing is there yet.
    @discardableResult
    public func refill(keepingFrom keep: Int, holdingAtMost most: Int = .max) throws(NexoError) -> Int {
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
        if !waits {
            var ready = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            if poll(&ready, 1, 0) <= 0 { return 0 }
        }
        let got = buffer.withUnsafeMutableBytes { raw -> Int in
            var n: Int
            repeat { n = read(descriptor, raw.baseAddress! + count, wanted) } while n < 0 && errno == EINTR
            return n
        }
        if got < 0 {
            if !waits && (errno == EAGAIN || errno == EWOULDBLOCK) { return 0 }
            throw NexoError(.failed, "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        if got == 0 {
            // End of file, or a FIFO's writer closed it (Linux reports that only once a writer
            // came and went, so a FIFO nobody opened yet simply waits).
            if follows, case let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), fd >= 0 {
                close(descriptor)
                descriptor = fd
                writerClosed = true
            } else {
                isAtEnd = true
            }
            return 0
        }
        writerClosed = false
        count += got
        return got
    }

    /// 3 when the input starts with a UTF-8 byte-order mark (the bytes to skip), else 0; `nil`
    /// while a reader that never waits has too few bytes to tell. Reads the first chunk if
    /// nothing was read yet.
    public func byteOrderMarkLength() throws(NexoError) -> Int? {
        let mark = UTF8Input.byteOrderMark
        while count < mark.count && !isAtEnd && buffer[..<count].elementsEqual(mark.prefix(count)) {
            if try refill(keepingFrom: 0) == 0 && !isAtEnd { return nil }
        }
        return buffer.withUnsafeBufferPointer {
            UTF8Input.byteOrderMarkLength(UnsafeBufferPointer(rebasing: $0[..<count]))
        }
    }
}
