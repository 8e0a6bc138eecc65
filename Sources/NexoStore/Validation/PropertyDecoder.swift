import Glibc
import NexoKit

/// Reads a stored property map (`{"k":v,…}` as Nexo writes it: flat, keys sorted) straight into
/// typed values, without building a JSON tree: entity lookups decode one per row.
/// Returns `nil` for anything unusual, and the caller falls back to ``JSONReader``.
enum PropertyDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ table: PropertyTable?) -> [String: Value]? {
        var i = 0
        let n = bytes.count
        guard n >= 2, bytes[0] == UInt8(ascii: "{") else { return nil }
        i = 1
        var result: [String: Value] = [:]
        result.reserveCapacity(table?.properties.count ?? 4)
        var spec = 0 // walks table.properties, which are sorted like the stored keys
        if bytes[i] == UInt8(ascii: "}") { return i + 1 == n ? result : nil }
        while true {
            guard i < n, bytes[i] == UInt8(ascii: "\"") else { return nil }
            guard let (key, afterKey) = plainString(bytes, from: i + 1) else { return nil }
            i = afterKey
            guard i < n, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            var type: ValueType?
            if let table {
                while spec < table.properties.count && table.properties[spec].name < key { spec += 1 }
                if spec < table.properties.count && table.properties[spec].name == key {
                    type = table.properties[spec].type
                }
            }
            guard i < n else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""):
                guard let (text, after) = plainString(bytes, from: i + 1) else { return nil }
                let raw = UnsafeBufferPointer(rebasing: bytes[(i + 1)..<(after - 1)])
                i = after
                switch type {
                case .date?, .partialDate?: result[key] = date(raw).map(Value.date) ?? .string(text)
                case .dateRange?: result[key] = DateRange(parsing: text).map(Value.dateRange) ?? .string(text)
                default: result[key] = .string(text)
                }
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let word: String
                if match(bytes, i, "true") {
                    word = "true"
                } else if match(bytes, i, "false") {
                    word = "false"
                } else if match(bytes, i, "null") {
                    word = "null"
                } else {
                    return nil
                }
                i += word.utf8.count
                if word != "null" { result[key] = .bool(word == "true") }
            default:
                let start = i
                while i < n, bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "}") { i += 1 }
                guard let value = number(UnsafeBufferPointer(rebasing: bytes[start..<i]), type) else { return nil }
                result[key] = value
            }
            guard i < n else { return nil }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { return i + 1 == n ? result : nil }
            return nil
        }
    }

    /// A string without escapes starting after its opening quote: the text and the index after
    /// the closing quote.
    private static func plainString(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int)? {
        var j = start
        while j < b.count {
            let c = b[j]
            if c == UInt8(ascii: "\"") {
                return (String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self), j + 1)
            }
            if c == UInt8(ascii: "\\") || c < 0x20 { return nil }
            j += 1
        }
        return nil
    }

    private static func match(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        for k in 0..<count where b[i + k] != word.utf8Start[k] { return false }
        return true
    }

    /// `YYYY-MM-DD` bytes as a date.
    static func date(_ b: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        var parts = (0, 0, 0)
        for (k, c) in b.enumerated() where k != 4 && k != 7 {
            guard c >= 0x30, c <= 0x39 else { return nil }
            let d = Int(c - 0x30)
            if k < 4 {
                parts.0 = parts.0 * 10 + d
            } else if k < 7 {
                parts.1 = parts.1 * 10 + d
            } else {
                parts.2 = parts.2 * 10 + d
            }
        }
        return CivilDate(year: parts.0, month: parts.1, day: parts.2)
    }

    /// A JSON number: an int when it has no fraction or exponent (unless declared double).
    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ type: ValueType?) -> Value? {
        guard !b.isEmpty, b.count < 40 else { return nil }
        var isInteger = true
        for c in b {
            switch c {
            case 0x30...0x39, UInt8(ascii: "-"): continue
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"): isInteger = false
            default: return nil
            }
        }
        if isInteger, type != .double, let i = Int64(String(decoding: b, as: UTF8.self)) { return .int(i) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 48) { p -> Value? in
            for (k, c) in b.enumerated() { p[k] = CChar(bitPattern: c) }
            p[b.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let d = strtod(p.baseAddress!, &end)
            guard let end, end - p.baseAddress! == b.count else { return nil }
            return .double(d)
        }
    }
}
