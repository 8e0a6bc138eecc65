import NexoKit

/// Appends compact JSON to a byte buffer. Small and allocation-light: it is used for every stored
/// property map and every exported NDJSON line.
///
/// Output is canonical for what Nexo writes: no spaces, strings escaped per RFC 8259 (`"`, `\`,
/// control characters), other characters as UTF-8, doubles in Swift's shortest round-trip form.
struct JSONWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    /// Starts an empty buffer with room for `capacity` bytes.
    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// Empties the buffer, keeping its storage.
    mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    /// Appends fixed text without escaping.
    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }
    /// Appends one byte.
    mutating func raw(_ byte: UInt8) { bytes.append(byte) }
    /// Appends bytes without escaping.
    mutating func raw(_ other: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: other) }

    /// Appends a quoted, escaped string.
    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string($0) }
    }

    /// Appends quoted, escaped UTF-8 bytes.
    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        for i in 0..<utf8.count {
            let b = utf8[i]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
            start = i + 1
            bytes.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [
                    UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0xF)],
                ])
            }
        }
        if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a number in the form Nexo stores it.
    mutating func number(_ value: Double) { raw(Value.format(value)) }
    /// Appends an integer.
    mutating func number(_ value: Int64) { raw(String(value)) }

    /// Appends a property value: dates and ranges as their text, entity references as ids.
    mutating func value(_ value: Value) {
        switch value {
        case .null: raw("null")
        case .bool(let b): raw(b ? "true" : "false")
        case .int(let i): number(i)
        case .double(let d): number(d)
        case .string(let s): string(s)
        case .date(let d): string(d.description)
        case .dateRange(let r): string(r.description)
        case .entity(let e): string(e.id.rawValue)
        }
    }

    /// Appends `{"k":v,…}` with keys in sorted order (so equal maps give equal text).
    mutating func object(_ properties: [String: Value]) {
        raw(UInt8(ascii: "{"))
        for (n, key) in properties.keys.sorted().enumerated() {
            if n > 0 { raw(UInt8(ascii: ",")) }
            string(key)
            raw(UInt8(ascii: ":"))
            value(properties[key]!)
        }
        raw(UInt8(ascii: "}"))
    }

    /// `["a","b"]`.
    mutating func array(_ strings: [String]) {
        raw(UInt8(ascii: "["))
        for (n, s) in strings.enumerated() {
            if n > 0 { raw(UInt8(ascii: ",")) }
            string(s)
        }
        raw(UInt8(ascii: "]"))
    }

    /// The buffer as a string.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A JSON array of strings, as text (used to bind lists such as edge kinds).
    static func arrayText(_ strings: [String]) -> String {
        var writer = JSONWriter()
        writer.array(strings)
        return writer.text
    }
}
