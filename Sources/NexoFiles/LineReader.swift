import Glibc
import NexoKit

/// Reads lines (LF or CRLF) from a ``FileReader``: the one line reader, for NDJSON imports, probe
/// and template files, and background jobs' input. A UTF-8 byte-order mark at the start of the
/// input is skipped; blank lines (spaces and tabs only) are skipped unless the reader keeps them.
///
/// A line holds at most ``maximumLineBytes`` bytes without its line break
/// (``RecordLine/maximumBytes`` unless a test asks for less). The reader never holds more of one
/// line than that and its line break, so a longer line (a 100 MB line, a file without line breaks)
/// costs no more memory than the limit: it is refused once the limit is passed, and reading goes
/// on after its line break. The last line counts without a line break at the end of the input.
///
/// Two ways to read:
/// - ``next(_:)`` refuses the first bad line by throwing with its place — `file:line:byte:
///   invalid UTF-8 …` (or, with a lenient policy, repairs it: ``replaced`` counts) and
///   `file:line: line is longer than 16 MiB` — for an import that is all or nothing;
/// - ``nextLine(_:)`` hands a bad line's error without its place to the caller, which names the
///   line as it names its other bad lines, and goes on after that line's break (invalid UTF-8 is
///   never repaired there).
///
/// Both return `false` when no line is there: at the end of the input (``FileReader/isAtEnd``),
/// or, from a reader that never waits, until more arrives.
public struct LineReader {
    private let reader: FileReader
    private let encoding: EncodingPolicy
    /// The longest line accepted, in bytes without the line break.
    public let maximumLineBytes: Int
    /// Whether lines of spaces and tabs only are handed on (a job's input) or skipped (imports).
    private let keepsBlankLines: Bool
    private var position = 0
    private var started = false
    /// Whether the rest of a line found too long is still to be passed over.
    private var skippingRest = false
    /// Number of the current line (1-based).
    public private(set) var line = 0
    /// Invalid UTF-8 sequences replaced with U+FFFD so far (lenient policy, ``next(_:)`` only).
    public private(set) var replaced = 0
    private var repaired: [UInt8] = []

    /// Reads lines from `reader`; `encoding` says whether ``next(_:)`` repairs invalid UTF-8.
    public init(
        _ reader: FileReader, encoding: EncodingPolicy = .strict, maximumLineBytes: Int = RecordLine.maximumBytes,
        keepingBlankLines: Bool = false
    ) {
        self.reader = reader
        self.encoding = encoding
        self.maximumLineBytes = maximumLineBytes
        keepsBlankLines = keepingBlankLines
    }

    /// Calls `body` with the next line's bytes (without its line ending) and its line number;
    /// `false` when there is none (see ``LineReader``). Throws for a line that is too long or
    /// (strict policy) not valid UTF-8.
    public mutating func next(_ body: (UnsafeBufferPointer<UInt8>, Int) throws(NexoError) -> Void) throws(NexoError)
        -> Bool
    {
        guard let found = try advance() else { return false }
        let number = line
        guard case .line(let span) = found else {
            let error = RecordLine.tooLongError(limit: maximumLineBytes)
            throw NexoError(error.code, "\(reader.path):\(number): \(error.message)", hint: error.hint)
        }
        try reader.buffer.withUnsafeBufferPointer { buf throws(NexoError) in
            let text = UnsafeBufferPointer(rebasing: buf[span])
            guard let bad = UTF8Input.firstInvalidOffset(in: text) else { return try body(text, number) }
            guard encoding == .lenient else {
                throw UTF8Input.invalidError(file: reader.path, line: number, byte: bad + 1, value: text[bad])
            }
            repaired.removeAll(keepingCapacity: true)
            replaced += UTF8Input.repair(text, into: &repaired)
            try repaired.withUnsafeBufferPointer { buffer throws(NexoError) in try body(buffer, number) }
        }
        return true
    }

    /// Calls `body` with the next line's bytes, or why that line cannot be text
    /// (``RecordLine/tooLongError(limit:)``, ``UTF8Input/invalidLineError(byte:value:offersLenient:)``),
    /// and its line number; `false` when there is none (see ``LineReader``). The next call goes on
    /// after the bad line.
    public mutating func nextLine(
        _ body: (Result<UnsafeBufferPointer<UInt8>, NexoError>, Int) throws(NexoError) -> Void
    )
        throws(NexoError) -> Bool
    {
        guard let found = try advance() else { return false }
        let number = line
        guard case .line(let span) = found else {
            try body(.failure(RecordLine.tooLongError(limit: maximumLineBytes)), number)
            return true
        }
        try reader.buffer.withUnsafeBufferPointer { buf throws(NexoError) in
            let text = UnsafeBufferPointer(rebasing: buf[span])
            if let bad = UTF8Input.firstInvalidOffset(in: text) {
                try body(.failure(UTF8Input.invalidLineError(byte: bad + 1, value: text[bad])), number)
            } else {
                try body(.success(text), number)
            }
        }
        return true
    }

    /// What the reader found next.
    private enum Found {
        /// A line: its bytes in the file reader's buffer, without the line break.
        case line(Range<Int>)
        /// A line longer than the limit (numbered; its rest is passed over by the next call).
        case tooLong
    }

    /// Moves to the next line (skipping blank ones unless kept); `nil` when there is none.
    private mutating func advance() throws(NexoError) -> Found? {
        if !started {
            guard let mark = try reader.byteOrderMarkLength() else { return nil }
            started = true
            position = mark
        }
        // The most the buffer holds: the longest line with its CR LF.
        let most = maximumLineBytes + 2
        while true {
            let count = reader.count
            let found = newline(from: position)
            if skippingRest {
                if let found {
                    position = found + 1
                    skippingRest = false
                } else if reader.isAtEnd {
                    position = count
                    return nil
                } else {
                    let added = try reader.refill(keepingFrom: count, holdingAtMost: most)
                    position = 0
                    if added == 0 && !reader.isAtEnd { return nil }
                }
                continue
            }
            let end: Int
            if let found {
                end = found
            } else if reader.isAtEnd {
                guard position < count else { return nil }
                end = count
            } else if count - position >= most {
                // No line break within the limit: the line is too long, whatever follows.
                line += 1
                position = count
                skippingRest = true
                return .tooLong
            } else {
                let added = try reader.refill(keepingFrom: position, holdingAtMost: most)
                position = 0
                if added == 0 && !reader.isAtEnd { return nil }
                continue
            }
            line += 1
            let start = position
            position = end + 1
            var stop = end
            if stop > start && reader.buffer[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            if stop - start > maximumLineBytes { return .tooLong }
            if !keepsBlankLines && reader.buffer[start..<stop].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return .line(start..<stop)
        }
    }

    /// The offset of the first LF at or after `from` in the bytes read, if any.
    private func newline(from: Int) -> Int? {
        let count = reader.count
        return reader.buffer.withUnsafeBufferPointer { buf -> Int? in
            guard from < count, let base = buf.baseAddress else { return nil }
            let start = UnsafeRawPointer(base + from)
            guard let hit = memchr(start, Int32(UInt8(ascii: "\n")), count - from) else { return nil }
            return from + (UnsafeRawPointer(hit) - start)
        }
    }
}
