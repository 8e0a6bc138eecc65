/// The form in which names are indexed and searched: ASCII letters in lower case, Latin letters
/// with accents folded to their ASCII base (`José Pérez` → `jose perez`, `Ñ` → `n`, `ß` → `ss`),
/// combining accents dropped. Other characters are kept; the trigram tokenizer folds their case.
///
/// The same function fills the index (as the SQL function `nexo_fold`) and folds queries, so
/// both sides always agree.
enum NameFolding {
    /// Folds a string.
    static func fold(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { String(decoding: fold($0), as: UTF8.self) }
    }

    /// Folds UTF-8 bytes.
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                i += 1
                continue
            }
            if i + 1 < n, b >= 0xC3, b <= 0xCD, bytes[i + 1] & 0xC0 == 0x80 {
                let scalar = (Int(b & 0x1F) << 6) | Int(bytes[i + 1] & 0x3F)
                if scalar >= 0x300 && scalar <= 0x36F { i += 2; continue }  // combining accent
                if scalar >= 0xC0 && scalar <= 0x17F, let replacement = latinTable[scalar - 0xC0] {
                    out.append(contentsOf: replacement)
                    i += 2
                    continue
                }
            }
            out.append(b)
            i += 1
        }
        return out
    }

    /// ASCII replacements for U+00C0…U+017F, `nil` where the character is kept.
    private static let latinTable: [[UInt8]?] = {
        // One entry per code point, space-separated; "-" keeps the character.
        let latin1 = "a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th ss "
            + "a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th y"
        let extendedA = "a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g g g g g h h h h "
            + "i i i i i i i i i i ij ij j j k k k l l l l l l l l l l n n n n n n n n n o o o o o o oe oe "
            + "r r r r r r s s s s s s s s t t t t t t u u u u u u u u u u u u w w y y y z z z z z z s"
        let words = (latin1 + " " + extendedA).split(separator: " ")
        precondition(words.count == 0x180 - 0xC0, "fold table must cover U+00C0…U+017F")
        return words.map { $0 == "-" ? nil : Array($0.utf8) }
    }()

    /// Number of Unicode scalars, which is what the trigram tokenizer counts.
    static func scalarCount(_ text: String) -> Int { text.unicodeScalars.count }
}
