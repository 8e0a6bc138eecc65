import Glibc
import NexoKit

/// A job's input read line by line from a file, a FIFO or standard input, on the job's thread.
///
/// Lines from a FIFO or pipe are stamped with the time they were read, and read only when the job
/// asks for more, so a line's latency starts when the job could first have seen it; lines of a
/// regular file are stamped when the job takes them. A FIFO waits for a writer and
/// ends when its writer closes it, or, when following, is opened again for the next writer (it
/// then runs until stopped). ``wake()`` (from `stop`) ends any wait at once. A line that is not
/// valid UTF-8 or is longer than ``maximumLineBytes`` is refused, never repaired or cut.
final class JobInput: @unchecked Sendable {
    // @unchecked: `pending`, `items`, `lineCount`, `lineNumber`, `skippingRest`, `ended` and the
    // descriptor are touched only by the job's thread (``next(limit:stopping:drained:refused:)``);
    // other threads only call ``wake()``, which writes to the pipe.
    private var descriptor: Int32
    private let ownsDescriptor: Bool
    private let path: String
    private let follow: Bool
    /// A regular file has no arrival times (all of it was there at once): its lines are stamped
    /// when handed to the job. Lines from a FIFO or a pipe are stamped when read.
    private let isRegularFile: Bool
    private let wakeReader: Int32
    private let wakeWriter: Int32
    /// The unfinished line read so far (never more than ``maximumLineBytes``).
    private var pending: [UInt8] = []
    /// Lines read and not yet taken, and lines refused, in input order.
    private var items: [Item] = []
    /// How many of ``items`` are lines (not refusals).
    private var lineCount = 0
    private var lineNumber = 0
    private var ended = false
    /// Whether the current line was refused as too long and its rest is being passed over.
    private var skippingRest = false
    /// Whether a followed FIFO's writer closed it and no new writer has written since.
    private var writerClosed = false
    /// Longest line accepted, in bytes without the line break: a longer line is refused
    /// (``RecordLine/tooLongError(limit:)``) without holding more of it than this, and the
    /// input goes on after its line break.
    let maximumLineBytes: Int

    /// A line read, or a line that cannot be text and why.
    private enum Item {
        case line(JobInputLine)
        case refused(number: Int, NexoError)
    }

    /// Opens `path` (`-` for standard input) for reading; `follow` keeps a FIFO open across writers.
    init(path: String, follow: Bool, maximumLineBytes: Int = RecordLine.maximumBytes) throws(NexoError) {
        self.path = path
        self.maximumLineBytes = maximumLineBytes
        var info = stat()
        self.follow = follow && path != "-" && stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO
        var opened = stat()
        isRegularFile =
            (path == "-" ? fstat(0, &opened) : stat(path, &opened)) == 0 && opened.st_mode & S_IFMT == S_IFREG
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
        } else {
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                throw NexoError(
                    .invalidInput, "'\(path)' is a directory",
                    hint: "give an NDJSON file, a FIFO or - for standard input")
            }
            // O_NONBLOCK so opening a FIFO does not wait for a writer; reads wait in poll().
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else {
                throw NexoError(
                    .notFound, "cannot open '\(path)': \(String(cString: strerror(errno)))",
                    hint: "give an NDJSON file, a FIFO or - for standard input")
            }
            descriptor = fd
            ownsDescriptor = true
        }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            if ownsDescriptor { close(descriptor) }
            throw NexoError(.failed, "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        wakeReader = ends[0]
        wakeWriter = ends[1]
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
        close(wakeReader)
        close(wakeWriter)
    }

    /// Ends a wait in ``next(limit:)`` (any thread).
    func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    /// Up to `limit` lines: waits for the first (unless `stopping()` or the input ended), then
    /// takes whatever more is available without waiting. Empty at the end of the input.
    /// `drained` is called before waiting for a followed FIFO's next writer when every line of
    /// the last one was taken. A line that cannot be text (not valid UTF-8, longer than
    /// ``maximumLineBytes``) is never handed on: `refused` gets its number and why, in input order
    /// with the lines taken.
    func next(
        limit: Int, stopping: () -> Bool, drained: () -> Void = {},
        refused: (Int, NexoError) -> Void
    ) -> [JobInputLine] {
        var taken: [JobInputLine] = []
        while taken.isEmpty {
            while items.isEmpty && !ended {
                if stopping() { return [] }
                if writerClosed { drained() }
                guard waitReadable() else { continue }
                readChunk()
            }
            if items.isEmpty { return [] }
            while lineCount < limit && !ended && isReadableNow() { readChunk() }
            var index = 0
            while index < items.count && taken.count < limit {
                switch items[index] {
                case .line(let line):
                    taken.append(line)
                    lineCount -= 1
                case .refused(let number, let error):
                    refused(number, error)
                }
                index += 1
            }
            items.removeFirst(index)
        }
        if isRegularFile {
            let now = MonotonicClock.nanoseconds()
            for index in taken.indices { taken[index].arrived = now }
        }
        return taken
    }

    /// Whether the input has more without waiting.
    private func isReadableNow() -> Bool {
        var waits = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        return poll(&waits, 1, 0) > 0
    }

    /// Waits until the input is readable (true) or the wake pipe was written (false).
    private func waitReadable() -> Bool {
        var waits = [
            pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
        ]
        guard poll(&waits, 2, -1) >= 0 else { return false }
        if waits[1].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while read(wakeReader, &drain, drain.count) > 0 {}
            return false
        }
        return waits[0].revents != 0
    }

    /// Reads what is there and splits it into stamped lines; at end of input a last line without a
    /// line break still counts.
    private func readChunk() {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(descriptor, &chunk, chunk.count)
        if count < 0 {
            if errno == EAGAIN || errno == EINTR { return }
            ended = true
        } else if count == 0 {
            // End of file, or a FIFO's writer closed it (Linux reports that only once a writer
            // came and went, so a FIFO nobody opened yet simply waits).
            if follow, case let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), fd >= 0 {
                close(descriptor)
                descriptor = fd
                writerClosed = true
            } else {
                ended = true
            }
        } else {
            writerClosed = false
        }
        let now = MonotonicClock.nanoseconds()
        chunk.withUnsafeBufferPointer { buffer in
            split(UnsafeBufferPointer(rebasing: buffer[0..<max(0, count)]), now)
        }
        if ended && !pending.isEmpty && !skippingRest { append(now) }
    }

    /// Splits newly read bytes into lines. The unfinished line stays in ``pending`` up to the
    /// limit; past it the line is refused and its rest passed over up to its line break.
    private func split(_ bytes: UnsafeBufferPointer<UInt8>, _ now: UInt64) {
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<(end ?? bytes.count)])
            if !skippingRest {
                // A last CR may be the one before the line break, which is not part of the line.
                let cr = (piece.last ?? pending.last) == UInt8(ascii: "\r") ? 1 : 0
                if pending.count + piece.count - cr > maximumLineBytes {
                    lineNumber += 1
                    items.append(.refused(number: lineNumber, RecordLine.tooLongError(limit: maximumLineBytes)))
                    pending.removeAll()
                    skippingRest = true
                } else {
                    pending.append(contentsOf: piece)
                }
            }
            guard let end else { break }
            if skippingRest { skippingRest = false } else { append(now) }
            start = end + 1
        }
    }

    /// Ends the line in ``pending``: a line when it is valid UTF-8 (a leading byte-order mark on
    /// the first line is dropped), else refused with where the first invalid byte is.
    private func append(_ now: UInt64) {
        lineNumber += 1
        var text = pending[...]
        if text.last == UInt8(ascii: "\r") { text = text.dropLast() }
        if lineNumber == 1, text.starts(with: UTF8Input.byteOrderMark) {
            text = text.dropFirst(UTF8Input.byteOrderMark.count)
        }
        let bad = text.withUnsafeBufferPointer { UTF8Input.firstInvalidOffset(in: $0) }
        if let bad {
            items.append(
                .refused(
                    number: lineNumber, UTF8Input.invalidLineError(byte: bad + 1, value: text[text.startIndex + bad])))
        } else {
            items.append(
                .line(JobInputLine(number: lineNumber, text: String(decoding: text, as: UTF8.self), arrived: now)))
            lineCount += 1
        }
        pending.removeAll(keepingCapacity: pending.capacity <= 1 << 16)
    }
}
