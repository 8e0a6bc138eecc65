/// Decoding UTF-8 one byte at a time, as bytes arrive from the terminal.
enum UTF8Sequence {
    /// How many bytes the sequence that starts with `lead` has, or nil if `lead` cannot start one.
    static func length(lead: UInt8) -> Int? {
        switch lead {
        case 0x00...0x7F: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: nil
        }
    }

    /// Whether `byte` continues a multi-byte sequence.
    static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }

    /// The scalar `bytes` encode, or U+FFFD when they are not exactly one valid scalar.
    static func decode(_ bytes: [UInt8]) -> Unicode.Scalar {
        guard let text = String(validating: bytes, as: UTF8.self), text.unicodeScalars.count == 1,
            let scalar = text.unicodeScalars.first
        else { return "\u{FFFD}" }
        return scalar
    }
}
