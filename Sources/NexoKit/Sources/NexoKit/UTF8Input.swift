/// What to do with input that is not valid UTF-8 (scripts, import files, feed lines).
public enum EncodingPolicy: Sendable, Hashable {
    /// Refuse it with `file:line:byte` (``UTF8Input/invalidError(file:line:byte:value:)``).
    case strict
    /// Replace each invalid sequence with U+FFFD and count the replacements, to warn once
    /// (`--lenient-encoding`).
    case lenient
}

/// The one place where bytes become text: UTF-8 validation, repair and byte-order marks for
/// everything Nexo reads (scripts, standard input, NDJSON and CSV imports, feed lines).
///
/// Validation is a single pass over the bytes that skips ASCII eight bytes at a time and checks
/// other sequences against the well-formed table of the Unicode Standard (§3.9, table 3-7): no
/// overlong forms, no surrogates, nothing past U+10FFFF. Repair follows the standard's
/// "maximal subpart" practice, which is also what `String(decoding:as:)` does.
public enum UTF8Input {
    /// The UTF-8 byte-order mark (U+FEFF) that some editors put at the start of a file.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// 3 when `bytes` start with a UTF-8 byte-order mark, else 0: the number of bytes to skip at
    /// the start of a file. A mark anywhere else is ordinary text.
    public static func byteOrderMarkLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The offset (from 0) of the first byte that does not begin a well-formed UTF-8 sequence,
    /// or `nil` when all of `bytes` is valid UTF-8.
    public static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var i = 0
        while i < count {
            // ASCII runs, a word at a time.
            while i + 8 <= count,
                UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i += 8
            }
            while i < count && base[i] < 0x80 { i += 1 }
            guard i < count else { return nil }
            let length = sequenceLength(bytes, at: i)
            guard length > 0 else { return i }
            i += length
        }
        return nil
    }

    /// Appends `bytes` to `output` with each invalid sequence (maximal subpart) replaced by
    /// U+FFFD; returns the number of replacements.
    public static func repair(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Int {
        var replaced = 0
        var i = 0
        while let bad = firstInvalidOffset(in: UnsafeBufferPointer(rebasing: bytes[i...])) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + bad)]))
            output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            replaced += 1
            i += bad - sequenceLength(bytes, at: i + bad) // minus a negative length
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...]))
        return replaced
    }

    /// The 1-based line and the 1-based byte within that line of `offset` in `bytes` (lines end
    /// at LF), counting lines from `firstLine`.
    public static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) -> (
        line: Int, byte: Int
    ) {
        var line = firstLine
        var lineStart = 0
        for i in 0..<offset where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// The error for invalid UTF-8: `file:line:byte: invalid UTF-8 at byte B of the line (0xE9)`
    /// with a hint naming the fix (and `--lenient-encoding` when `offersLenient`, for the
    /// commands that have it). `byte` counts bytes from 1 within the line; without a file the
    /// message starts `line N:`.
    public static func invalidError(file: String?, line: Int, byte: Int, value: UInt8, offersLenient: Bool = true)
        -> NexoError
    {
        let place = file.map { "\($0):\(line):\(byte)" } ?? "line \(line)"
        let error = invalidLineError(byte: byte, value: value, offersLenient: offersLenient)
        return NexoError(error.code, "\(place): \(error.message)", hint: error.hint)
    }

    /// The same error without its place, for a reader that names the line itself (a feed's
    /// `line N: `, a bad line of `bio import`): `invalid UTF-8 at byte B of the line (0xE9)`.
    public static func invalidLineError(byte: Int, value: UInt8, offersLenient: Bool = false) -> NexoError {
        let hex = String(value, radix: 16, uppercase: true)
        let fix = "save the file as UTF-8 (from Latin-1: iconv -f ISO-8859-1 -t UTF-8)"
        return NexoError(
            .invalidInput, "invalid UTF-8 at byte \(byte) of the line (0x\(hex.count < 2 ? "0" : "")\(hex))",
            hint: offersLenient ? fix + ", or use --lenient-encoding to replace invalid bytes with U+FFFD" : fix)
    }

    /// The warning `--lenient-encoding` prints once for `source` (a file name, `-c`, `<stdin>`).
    public static func replacementWarning(_ count: Int, in source: String) -> String {
        "warning: \(source): \(count) invalid UTF-8 \(count == 1 ? "sequence" : "sequences") replaced with U+FFFD "
            + "(--lenient-encoding)"
    }

    /// Decodes a whole text (a script): a leading byte-order mark is skipped; invalid UTF-8 is
    /// refused with the line and byte of the first bad byte, or, when `policy` is lenient,
    /// replaced. Returns the text and the number of replacements.
    public static func decode(_ bytes: [UInt8], file: String?, policy: EncodingPolicy) throws(NexoError) -> (
        text: String, replaced: Int
    ) {
        try bytes.withUnsafeBufferPointer { all throws(NexoError) in
            let text = UnsafeBufferPointer(rebasing: all[byteOrderMarkLength(all)...])
            guard let bad = firstInvalidOffset(in: text) else { return (String(decoding: text, as: UTF8.self), 0) }
            guard policy == .lenient else {
                let (line, byte) = position(of: bad, in: text)
                throw invalidError(file: file, line: line, byte: byte, value: text[bad])
            }
            var repaired: [UInt8] = []
            repaired.reserveCapacity(text.count + 16)
            let count = repair(text, into: &repaired)
            return (String(decoding: repaired, as: UTF8.self), count)
        }
    }

    /// The length of the well-formed sequence at `i` (1…4), or minus the length of the maximal
    /// subpart of an ill-formed one (the bytes one U+FFFD replaces).
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let lead = bytes[i]
        func continues(_ j: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            j < bytes.count && bytes[j] >= low && bytes[j] <= high
        }
        switch lead {
        case 0x00...0x7F:
            return 1
        case 0xC2...0xDF:
            return continues(i + 1) ? 2 : -1
        case 0xE0...0xEF:
            let (low, high): (UInt8, UInt8) = lead == 0xE0 ? (0xA0, 0xBF) : lead == 0xED ? (0x80, 0x9F) : (0x80, 0xBF)
            guard continues(i + 1, low, high) else { return -1 }
            return continues(i + 2) ? 3 : -2
        case 0xF0...0xF4:
            let (low, high): (UInt8, UInt8) = lead == 0xF0 ? (0x90, 0xBF) : lead == 0xF4 ? (0x80, 0x8F) : (0x80, 0xBF)
            guard continues(i + 1, low, high) else { return -1 }
            guard continues(i + 2) else { return -2 }
            return continues(i + 3) ? 4 : -3
        default:
            return -1
        }
    }
}
