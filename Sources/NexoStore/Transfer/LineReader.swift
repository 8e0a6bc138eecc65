import Glibc
import NexoKit

/// Reads lines (LF or CRLF) from a file, for NDJSON. Blank lines are skipped; a UTF-8 byte-order
/// mark at the start of the file is skipped.
///
/// A line holds at most ``maximumLineBytes`` bytes without its line break
/// (``RecordLine/maximumBytes`` unless a test asks for less). The reader never holds more of one
/// line than that and its line break, so a longer line (a 100 MB line, a file without line breaks)
/// costs no more memory than the limit: it is refused once the limit is passed.
///
/// Two ways to read:
/// - ``next(_:)`` refuses the first bad line by throwing with its place — `file:line:byte:
///   invalid UTF-8 …` (or, with a lenient policy, repairs it: ``replaced`` counts) and
///   `file:line: line is longer than 16 MiB` — for an import that is all or nothing;
/// - ``nextLine(_:)`` hands a bad line's error without its place to the caller, which names the
///   line as it names its other bad lines, and goes on after that line's break (invalid UTF-8 is
///   never repaired there).
struct LineReader {
    private let reader: FileReader
    private let encoding: EncodingPolicy
    /// The longest line accepted, in bytes without the line break.
    let maximumLineBytes: Int
    private var position = 0
    private var started = false
    /// Whether the rest of a line found too long is still to be passed over.
    private var skippingRest = false
    /// Number of the current line (1-based).
    private(set) var line = 0
    /// Invalid UTF-8 sequences replaced with U+FFFD so far (lenient policy, ``next(_:)`` only).
    private(set) var replaced = 0
    private var repaired: [UInt8] = []

    init(_ reader: FileReader, encoding: EncodingPolicy = .strict, maximumLineBytes: Int = RecordLine.maximumBytes) {
        self.reader = reader
        self.encoding = encoding
        self.maximumLineBytes = maximumLineBytes
    }

    /// Calls `body` with the next non-blank line's bytes (without its line ending) and its line
    /// number; `false` at the end. Throws for a line that is too long or (strict policy) not
    /// valid UTF-8.
    mutating func next(_ body: (UnsafeBufferPointer<UInt8>, Int) throws(NexoError) -> Void) throws(NexoError) -> Bool {
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

    /// Calls `body` with the next non-blank line's bytes, or why that line cannot be text
    /// (``RecordLine/tooLongError(limit:)``, ``UTF8Input/invalidLineError(byte:value:offersLenient:)``),
    /// and its line number; `false` at the end. The next call goes on after the bad line.
    mutating func nextLine(_ body: (Result<UnsafeBufferPointer<UInt8>, NexoError>, Int) throws(NexoError) -> Void)
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

    /// Moves to the next non-blank line; `nil` at the end of the file.
    private mutating func advance() throws(NexoError) -> Found? {
        if !started {
            started = true
            position = try reader.byteOrderMarkLength()
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
                    try reader.refill(keepingFrom: count, holdingAtMost: most)
                    position = 0
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
                try reader.refill(keepingFrom: position, holdingAtMost: most)
                position = 0
                continue
            }
            line += 1
            let start = position
            position = end + 1
            var stop = end
            if stop > start && reader.buffer[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            if stop - start > maximumLineBytes { return .tooLong }
            if reader.buffer[start..<stop].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
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
