import NexoKit

/// What text the store accepts, checked on every write path (`add`, `link add`, `import`,
/// plugins' writes): names (labels, aliases, source descriptions) and text property values.
///
/// - No control characters (Unicode category Cc: U+0000…U+001F, U+007F…U+009F) except tab and
///   newline in names, and tab, newline and carriage return in property text: a NUL or an escape
///   sequence would hide the rest of the text from `find` and from the terminal.
/// - A name has at most ``maxNameCharacters`` characters (Unicode code points); a text property
///   value at most ``maxPropertyBytes`` bytes of UTF-8.
enum TextRules {
    /// The longest label, alias or source description, in characters (Unicode code points).
    static let maxNameCharacters = 1_000
    /// The longest text property value, in bytes of UTF-8 (64 KiB).
    static let maxPropertyBytes = 65_536

    /// Checks a name; `field` names it in the error (`label`, `alias 'La Flaca'`).
    static func checkName(_ text: String, field: @autoclosure () -> String) throws(NexoError) {
        var copy = text
        let clean = copy.withUTF8 { isClean($0, allowingCarriageReturn: false) }
        if !clean { try throwControlCharacter(in: text, field: field(), allowingCarriageReturn: false) }
        if text.utf8.count > maxNameCharacters {
            let count = text.unicodeScalars.count
            if count > maxNameCharacters {
                throw NexoError(
                    .invalidInput,
                    "\(field()) is \(count) characters long; the limit is \(maxNameCharacters)",
                    hint: "shorten it; longer text belongs in a property (up to 64 KiB)")
            }
        }
    }

    /// Checks the value of text property `name` of `owner` (`person`, `member_of`).
    static func checkPropertyText(_ text: String, name: String, owner: String) throws(NexoError) {
        let field = "property '\(name)' of \(owner)"
        if text.utf8.count > maxPropertyBytes {
            throw NexoError(
                .invalidInput,
                "\(field) is \(text.utf8.count) bytes long; the limit is \(maxPropertyBytes) (64 KiB)",
                hint: "shorten it, or keep the document in a file and store its path")
        }
        var copy = text
        let clean = copy.withUTF8 { isClean($0, allowingCarriageReturn: true) }
        if !clean { try throwControlCharacter(in: text, field: field, allowingCarriageReturn: true) }
    }

    /// Whether UTF-8 bytes are a name the store accepts as it is (the CSV fast path; `false`
    /// sends the row to the general path, which says what is wrong).
    static func isAcceptableName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count <= maxNameCharacters && isClean(bytes, allowingCarriageReturn: false)
    }

    /// Whether UTF-8 bytes are a text property value the store accepts as it is.
    static func isAcceptablePropertyText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count <= maxPropertyBytes && isClean(bytes, allowingCarriageReturn: true)
    }

    // MARK: Control characters

    /// No control character but the allowed ones: bytes below 0x20, 0x7F, and the C1 controls
    /// (UTF-8 `C2 80`…`C2 9F`).
    private static func isClean(_ bytes: UnsafeBufferPointer<UInt8>, allowingCarriageReturn: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x20 {
                if b != 0x09 && b != 0x0A && !(allowingCarriageReturn && b == 0x0D) { return false }
            } else if b == 0x7F {
                return false
            } else if b == 0xC2, i + 1 < n, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F {
                return false
            }
            i += 1
        }
        return true
    }

    private static func throwControlCharacter(in text: String, field: String, allowingCarriageReturn: Bool)
        throws(NexoError)
    {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let v = scalar.value
            guard v < 0x20 || (v >= 0x7F && v <= 0x9F) else { continue }
            if v == 0x09 || v == 0x0A || (allowingCarriageReturn && v == 0x0D) { continue }
            let code = String(v, radix: 16, uppercase: true)
            let allowed = allowingCarriageReturn ? "tab, newline and carriage return" : "tab and newline"
            throw NexoError(
                .invalidInput,
                "\(field) has a control character U+\(String(repeating: "0", count: 4 - code.count) + code) at "
                    + "character \(offset + 1)",
                hint: "remove it; \(allowed) are the only control characters allowed")
        }
    }
}
