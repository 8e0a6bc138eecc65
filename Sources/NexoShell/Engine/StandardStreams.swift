import NexoFiles

/// Where the shell writes results (standard output) and diagnostics (standard error).
public protocol TextSink: AnyObject {
    /// Writes result text.
    func out(_ text: String)
    /// Writes diagnostics, notes and progress.
    func err(_ text: String)
    /// Flushes buffered output (before a prompt, at exit).
    func flush()
}

/// The process's standard output (buffered here) and standard error (unbuffered).
public final class StandardStreams: TextSink {
    private var buffer: [UInt8] = []

    /// Creates the sink.
    public init() { buffer.reserveCapacity(1 << 16) }

    deinit { flush() }

    /// Writes to standard output, in 64 KiB chunks.
    public func out(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes to standard error, after flushing standard output so the two interleave correctly.
    public func err(_ text: String) {
        flush()
        Self.writeAll(2, Array(text.utf8))
    }

    /// Flushes standard output.
    public func flush() {
        guard !buffer.isEmpty else { return }
        Self.writeAll(1, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `text` to standard error at once, from any thread (notices while a command waits).
    public static func writeError(_ text: String) {
        writeAll(2, Array(text.utf8))
    }

    /// Writes all of `bytes`; a failed write (`EPIPE`: the reader went away) drops the output.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        DescriptorIO.writeAll(bytes, to: fd)
    }
}

/// A sink that keeps everything in memory (for tests and digests).
public final class CapturedText: TextSink {
    /// What went to standard output.
    public private(set) var stdout = ""
    /// What went to standard error.
    public private(set) var stderr = ""
    /// Creates an empty capture.
    public init() {}
    /// Appends to ``stdout``.
    public func out(_ text: String) { stdout += text }
    /// Appends to ``stderr``.
    public func err(_ text: String) { stderr += text }
    /// Does nothing.
    public func flush() {}
}
