import NexoKit

/// A big-endian cursor over a minutiae record that names the field and byte offset when it runs
/// out of input.
struct RecordReader {
    let bytes: [UInt8]
    let format: MinutiaeRecord.Format
    var offset = 0

    init(_ bytes: [UInt8], format: MinutiaeRecord.Format) {
        self.bytes = bytes
        self.format = format
    }

    mutating func u8(_ field: @autoclosure () -> String) throws(NexoError) -> Int {
        try need(1, field())
        defer { offset += 1 }
        return Int(bytes[offset])
    }

    mutating func u16(_ field: @autoclosure () -> String) throws(NexoError) -> Int {
        try need(2, field())
        defer { offset += 2 }
        return Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    mutating func u32(_ field: @autoclosure () -> String) throws(NexoError) -> Int {
        try need(4, field())
        defer { offset += 4 }
        return Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
            | Int(bytes[offset + 3])
    }

    mutating func take(_ count: Int, _ field: @autoclosure () -> String) throws(NexoError) -> [UInt8] {
        try need(count, field())
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    func need(_ count: Int, _ field: String) throws(NexoError) {
        guard offset + count <= bytes.count else {
            throw NexoError(
                .invalidInput,
                "\(format) record truncated: \(field) needs \(count) byte\(count == 1 ? "" : "s") at offset "
                    + "\(offset), but the input ends at byte \(bytes.count)",
                hint: "the record is cut short; read the whole file or re-export it")
        }
    }

    /// An inconsistency error at `offset` in `field`.
    func invalid(_ field: String, at offset: Int, _ problem: String, hint: String) -> NexoError {
        NexoError(.invalidInput, "\(format) record: \(field) at offset \(offset) \(problem)", hint: hint)
    }
}

/// Big-endian output for ``MinutiaeRecord/bytes(as:)``.
struct RecordWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: Int) { bytes.append(UInt8(truncatingIfNeeded: value)) }
    mutating func u16(_ value: Int) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }
    mutating func u32(_ value: Int) {
        u16(value >> 16)
        u16(value)
    }
    mutating func put(_ value: Int, at offset: Int, width: Int) {
        for i in 0..<width {
            bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * (width - 1 - i)))
        }
    }
}
