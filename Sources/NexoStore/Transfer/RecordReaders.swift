import Glibc
import NexoFiles
import NexoKit
import NexoText

/// Reads RFC 4180 CSV records from a file: comma-separated, fields optionally in double quotes
/// (a doubled quote inside is one quote; quoted fields may span lines), records ending in LF or
/// CRLF. Blank lines are skipped. Field bytes are copied once into one reused buffer.
/// A UTF-8 byte-order mark at the start of the file is skipped; a record that is not valid UTF-8
/// is refused with `file:line:byte` or, with a lenient policy, repaired (``replaced`` counts).
/// A field starting with `'` and then `=` `+` `-` `@` TAB CR or `'` loses that first `'`: it is
/// the quote `export` adds for spreadsheets (``CSVText/spreadsheetSafe(_:)``).
struct CSVRecordReader {
    private let reader: FileReader
    private let encoding: EncodingPolicy
    private var position = 0
    private var nextLine = 1
    private var started = false
    /// Line where the current record starts (1-based).
    private(set) var line = 0
    /// Invalid UTF-8 sequences replaced with U+FFFD so far (lenient policy only).
    private(set) var replaced = 0
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init(_ reader: FileReader, encoding: EncodingPolicy = .strict) {
        self.reader = reader
        self.encoding = encoding
        bytes.reserveCapacity(1 << 12)
    }

    /// Number of fields in the current record.
    var fieldCount: Int { ends.count }

    /// Field `i` of the current record as text.
    func string(_ i: Int) -> String {
        let start = i == 0 ? 0 : ends[i - 1]
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<ends[i]]), as: UTF8.self)
        }
    }

    /// Whether field `i` is empty.
    func isEmpty(_ i: Int) -> Bool { ends[i] == (i == 0 ? 0 : ends[i - 1]) }

    /// Calls `body` with the current record's fields as byte buffers, valid only during the call.
    func withFields<R>(_ body: (CSVFields) throws(NexoError) -> R) throws(NexoError) -> R {
        let result: Result<R, NexoError> = bytes.withUnsafeBufferPointer { b in
            ends.withUnsafeBufferPointer { e in
                Result { () throws(NexoError) in try body(CSVFields(base: b.baseAddress, ends: e)) }
            }
        }
        return try result.get()
    }

    /// Advances to the next record; `false` at the end of the file.
    mutating func next() throws(NexoError) -> Bool {
        if !started {
            started = true
            position = try reader.byteOrderMarkLength() ?? 0
        }
        while true {
            if position >= reader.count && reader.isAtEnd { return false }
            if position < reader.count, let (end, newlines) = try parseRecord(atEnd: reader.isAtEnd) {
                try checkEncoding(position..<end)
                let blank = ends.count == 1 && ends[0] == 0 && end - position <= 2
                position = end
                line = nextLine
                nextLine += newlines
                if blank { continue }
                return true
            }
            if reader.isAtEnd { return false }
            try reader.refill(keepingFrom: position)
            position = 0
        }
    }

    /// Refuses (or, lenient, repairs the fields of) a record whose bytes in `span` of the read
    /// buffer are not valid UTF-8. The error names the line and the byte within that line.
    private mutating func checkEncoding(_ span: Range<Int>) throws(NexoError) {
        let bad = reader.buffer.withUnsafeBufferPointer {
            UTF8Input.firstInvalidOffset(in: UnsafeBufferPointer(rebasing: $0[span]))
        }
        guard let bad else { return }
        guard encoding == .lenient else {
            let (line, byte, value) = reader.buffer.withUnsafeBufferPointer { buf in
                let record = UnsafeBufferPointer(rebasing: buf[span])
                let (line, byte) = UTF8Input.position(of: bad, in: record, firstLine: nextLine)
                return (line, byte, record[bad])
            }
            throw UTF8Input.invalidError(file: reader.path, line: line, byte: byte, value: value)
        }
        var repaired: [UInt8] = []
        var repairedEnds: [Int] = []
        var start = 0
        bytes.withUnsafeBufferPointer { fields in
            for end in ends {
                replaced += UTF8Input.repair(UnsafeBufferPointer(rebasing: fields[start..<end]), into: &repaired)
                repairedEnds.append(repaired.count)
                start = end
            }
        }
        bytes = repaired
        ends = repairedEnds
    }

    /// Parses one record starting at `position`; `nil` when it may continue past the bytes read.
    private mutating func parseRecord(atEnd: Bool) throws(NexoError) -> (end: Int, newlines: Int)? {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let count = reader.count
        let path = reader.path
        let firstLine = nextLine
        return try reader.buffer.withUnsafeBufferPointer { buf throws(NexoError) -> (end: Int, newlines: Int)? in
            var i = position
            var newlines = 0
            while true {
                if i < count && buf[i] == quote {
                    i += 1
                    while true {
                        var j = i
                        while j < count && buf[j] != quote {
                            if buf[j] == lf { newlines += 1 }
                            j += 1
                        }
                        if j >= count {
                            if atEnd {
                                throw NexoError(.invalidInput, "\(path):\(firstLine): unterminated quoted field")
                            }
                            return nil
                        }
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                        if j + 1 >= count && !atEnd { return nil }
                        if j + 1 < count && buf[j + 1] == quote {
                            bytes.append(quote)
                            i = j + 2
                            continue
                        }
                        i = j + 1
                        break
                    }
                } else {
                    var j = i
                    while j < count && buf[j] != comma && buf[j] != lf { j += 1 }
                    if j >= count && !atEnd { return nil }
                    var fieldEnd = j
                    if fieldEnd > i && buf[fieldEnd - 1] == cr && (j >= count || buf[j] == lf) { fieldEnd -= 1 }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<fieldEnd]))
                    i = j
                }
                let fieldStart = ends.last ?? 0
                if bytes.count - fieldStart >= 2
                    && CSVText.startsWithAddedQuote(bytes[fieldStart], bytes[fieldStart + 1])
                {
                    bytes.remove(at: fieldStart)
                }
                ends.append(bytes.count)
                if i >= count { return (i, newlines) }
                switch buf[i] {
                case comma: i += 1
                case lf: return (i + 1, newlines + 1)
                case cr where i + 1 < count && buf[i + 1] == lf: return (i + 2, newlines + 1)
                case cr where i + 1 >= count && !atEnd: return nil
                default:
                    throw NexoError(
                        .invalidInput, "\(path):\(firstLine + newlines): unexpected character after a closing quote")
                }
            }
        }
    }
}

/// The fields of one CSV record as byte buffers (valid only inside ``CSVRecordReader/withFields(_:)``).
struct CSVFields {
    let base: UnsafePointer<UInt8>?
    let ends: UnsafeBufferPointer<Int>

    /// Number of fields.
    var count: Int { ends.count }

    /// Field `i`.
    subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
        let start = i == 0 ? 0 : ends[i - 1]
        return UnsafeBufferPointer(start: base.map { $0 + start }, count: ends[i] - start)
    }
}
