/// A parsed JSON value. Numbers keep their text so integers and doubles can be told apart exactly.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as written.
    case number(String)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object's members, in document order.
    case object([JSONMember])

    /// The member `key` of an object, or `nil`. (``JSONReader`` refuses an object that repeats a
    /// key; for objects built otherwise, the last member named `key`.)
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }
}

/// A key and value of a JSON object, in document order.
public struct JSONMember: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: JSONValue

    /// Creates a member.
    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON syntax error at a byte offset.
public struct JSONSyntaxError: Error, Equatable {
    /// What is wrong.
    public var message: String
    /// Byte offset (0-based) where it was found.
    public var offset: Int
}

/// A small RFC 8259 parser over UTF-8 bytes (NDJSON lines, stored property maps, feeds).
/// Nesting is limited (64 levels) so hostile input cannot exhaust the stack. Strict where the
/// RFC leaves room: a string that is not valid UTF-8 and an object that repeats a key
/// (`key "label" appears twice`) are errors, never silently replaced or "last one wins".
public struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses exactly one value (surrounding whitespace allowed).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var reader = JSONReader(bytes)
        let value = try reader.parseValue()
        reader.skipWhitespace()
        if reader.position != bytes.count { throw reader.fail("unexpected text after the JSON value") }
        return value
    }

    /// Parses a string's bytes.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in Result { () throws(JSONSyntaxError) in try parse(buffer) } }
        return try result.get()
    }

    private func fail(_ message: String) -> JSONSyntaxError { JSONSyntaxError(message: message, offset: position) }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw fail("unexpected end of JSON") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw fail("unexpected character in JSON")
        }
    }

    private mutating func expect(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw fail("unexpected end of JSON") }
        for i in 0..<count where bytes[position + i] != word.utf8Start[i] { throw fail("unexpected word in JSON") }
        position += count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > 64 { throw fail("JSON nested too deeply") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
        var keys = Set<String>()
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw fail("expected a quoted key")
            }
            let keyStart = position
            let key = try parseString()
            try checkUnique(key, in: members, &keys, at: keyStart)
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw fail("expected ':' after a key")
            }
            position += 1
            members.append(JSONMember(key: key, value: try parseValue()))
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of JSON") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw fail("expected ',' or '}'")
        }
    }

    /// Refuses a key the object already has: a linear look for small objects, a set for large ones.
    private func checkUnique(_ key: String, in members: [JSONMember], _ keys: inout Set<String>, at offset: Int)
        throws(JSONSyntaxError)
    {
        let repeated: Bool
        if members.count < 16 {
            repeated = members.contains { $0.key == key }
        } else {
            if keys.isEmpty { keys = Set(members.map(\.key)) }
            repeated = !keys.insert(key).inserted
        }
        if repeated { throw JSONSyntaxError(message: "key \"\(key)\" appears twice", offset: offset) }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of JSON") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw fail("expected ',' or ']'")
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = position
        func digits(_ p: inout Int, _ b: UnsafeBufferPointer<UInt8>) -> Int {
            let s = p
            while p < b.count, b[p] >= 0x30, b[p] <= 0x39 { p += 1 }
            return p - s
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let first = position
        let count = digits(&position, bytes)
        guard count > 0, count == 1 || bytes[first] != UInt8(ascii: "0") else { throw fail("malformed number") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&position, bytes) > 0 else { throw fail("malformed number") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits(&position, bytes) > 0 else { throw fail("malformed number") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        var nonASCII = false
        // Fast path: no escapes.
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                if nonASCII { try checkUTF8(from: start) }
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("control character in a JSON string") }
            if b >= 0x80 { nonASCII = true }
            position += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                // Escapes are ASCII, so the raw bytes are valid UTF-8 exactly when the result is.
                if nonASCII { try checkUTF8(from: start) }
                position += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw fail("control character in a JSON string") }
            if b >= 0x80 { nonASCII = true }
            if b != UInt8(ascii: "\\") { out.append(b); position += 1; continue }
            position += 1
            guard position < bytes.count else { break }
            let e = bytes[position]
            position += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
                    bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                {
                    position += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("invalid surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: throw fail("invalid escape in a JSON string")
            }
        }
        throw fail("unterminated JSON string")
    }

    /// Refuses a string (from `start` to the closing quote at ``position``) that is not valid UTF-8.
    private func checkUTF8(from start: Int) throws(JSONSyntaxError) {
        guard let bad = UTF8Input.firstInvalidOffset(in: UnsafeBufferPointer(rebasing: bytes[start..<position])) else {
            return
        }
        throw JSONSyntaxError(message: "invalid UTF-8 in a JSON string", offset: start + bad)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("invalid \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            v = v * 16 + d
            position += 1
        }
        return v
    }
}

/// Typed members of a JSON object, with errors that name the member.
extension JSONValue {
    /// The string member `key`: `nil` when absent or `null`, an invalid-input error when it is
    /// something else.
    public func string(_ key: String) throws(NexoError) -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw NexoError(.invalidInput, "'\(key)' must be a string")
        }
    }

    /// The number member `key`: `nil` when absent or `null`.
    public func number(_ key: String) throws(NexoError) -> Double? {
        switch self[key] {
        case nil, .null?: return nil
        case .number(let text)?: return Double(text)
        default: throw NexoError(.invalidInput, "'\(key)' must be a number")
        }
    }

    /// The array-of-strings member `key`: empty when absent or `null`.
    public func strings(_ key: String) throws(NexoError) -> [String] {
        switch self[key] {
        case nil, .null?: return []
        case .array(let items)?:
            var result: [String] = []
            for item in items {
                guard case .string(let s) = item else {
                    throw NexoError(.invalidInput, "'\(key)' must be an array of strings")
                }
                result.append(s)
            }
            return result
        default: throw NexoError(.invalidInput, "'\(key)' must be an array of strings")
        }
    }
}
