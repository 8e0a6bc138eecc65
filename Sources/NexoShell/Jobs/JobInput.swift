import Glibc
import NexoFiles
import NexoKit

/// A job's input read line by line from a file, a FIFO or standard input, on the job's thread.
///
/// Lines from a FIFO or pipe are stamped with the time they were read, and read only when the job
/// asks for more, so a line's latency starts when the job could first have seen it; lines of a
/// regular file are stamped when the job takes them. A FIFO waits for a writer and
/// ends when its writer closes it, or, when following, is opened again for the next writer (it
/// then runs until stopped). ``wake()`` (from `stop`) ends any wait at once. Lines are split by
/// NexoFiles' ``LineReader`` (on a ``FileReader`` that never waits in `read(2)`; the waiting is
/// done here, in `poll(2)`, so that ``wake()`` can end it): a line that is not valid UTF-8 or is
/// longer than ``maximumLineBytes`` is refused, never repaired or cut; blank lines are handed on.

final class JobInput: @unchecked Sendable {
    // @unchecked: `lines`, `items`, `lineCount` and `ended` are touched only by the job's thread
    // (``next(limit:stopping:drained:refused:)``); other threads only call ``wake()``, which writes
    // to the pipe.
    private let reader: FileReader
    private var lines: LineReader
    /// A regular file has no arrival times (all of it was there at once): its lines are stamped
    /// when handed to the job. Lines from a FIFO or a pipe are stamped when read.
    private let isRegularFile: Bool
    private let wakeReader: Int32
    private let wakeWriter: Int32
    /// Lines read and not yet taken, and lines refused, in input order.
    private var items: [Item] = []
    /// How many of ``items`` are lines (not refusals).
    private var lineCount = 0
    private var ended = false
    /// Longest line accepted, in bytes without the line break: a longer line is refused
    /// (``RecordLine/tooLongError(limit:)``) without holding more of it than this, and the
    /// input goes on after its line break.
    var maximumLineBytes: Int { lines.maximumLineBytes }

    /// A line read, or a line that cannot be text and why.
    private enum Item {
        case line(JobInputLine)
        case refused(number: Int, NexoError)
    }

    /// Opens `path` (`-` for standard input) for reading; `follow` keeps a FIFO open across writers.
    init(path: String, follow: Bool, maximumLineBytes: Int = RecordLine.maximumBytes) throws(NexoError) {
        reader = try FileReader(
            waitingNever: path, following: follow, hint: "give an NDJSON file, a FIFO or - for standard input")
        lines = LineReader(reader, maximumLineBytes: maximumLineBytes, keepingBlankLines: true)
        isRegularFile = reader.isRegularFile
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
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
            readAvailable(upTo: limit)
            while items.isEmpty && !ended {
                if stopping() { return [] }
                if reader.writerClosed { drained() }
                guard waitReadable() else { continue }
                readAvailable(upTo: limit)
            }
            if items.isEmpty { return [] }
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

    /// Waits until the input is readable (true) or the wake pipe was written (false).
    private func waitReadable() -> Bool {
        var waits = [
            pollfd(fd: reader.descriptor, events: Int16(POLLIN), revents: 0),
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

    /// Reads what is there without waiting, until `limit` lines are held, and stamps each line
    /// with the time it was read. A read that fails ends the input.
    private func readAvailable(upTo limit: Int) {
        let now = MonotonicClock.nanoseconds()
        do throws(NexoError) {
            while lineCount < limit,
                try lines.nextLine({ line, number in
                    switch line {
                    case .success(let bytes):
                        items.append(
                            .line(
                                JobInputLine(number: number, text: String(decoding: bytes, as: UTF8.self), arrived: now)
                            ))
                        lineCount += 1
                    case .failure(let error):
                        items.append(.refused(number: number, error))
                    }
                })
            {}
        } catch {
            ended = true
        }
        if reader.isAtEnd { ended = true }
    }
}
