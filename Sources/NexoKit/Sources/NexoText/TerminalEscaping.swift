/// Keeping data from controlling the terminal.
///
/// Text from data (names, notes, imported files) may hold ESC sequences, BEL, backspaces, C1
/// controls or bidirectional overrides that would recolour, retitle or reorder what the user
/// sees. Table and plain-text output shows them as visible escapes instead:
/// `\e` (ESC), `\0` (NUL), `\r`, `\x07` (other C0 controls and DEL), `\u{9B}` (C1 controls),
/// `\u{202E}` (bidi embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069).
/// Inside table cells `\n` and `\t` are escaped too, so a cell stays on its line.
public enum TerminalEscaping {
    /// Whether `s` must be shown escaped; tabs and newlines only when `keepLayout` is false.
    public static func needsEscape(_ s: Unicode.Scalar, keepLayout: Bool) -> Bool {
        switch s.value {
        case 0x09, 0x0A: !keepLayout
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` with every scalar that needs it escaped.
    public static func escape(_ text: String, keepLayout: Bool) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepLayout: keepLayout) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepLayout: keepLayout) {
                out += escaped(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The visible form of one control scalar.
    public static func escaped(_ s: Unicode.Scalar) -> String {
        switch s.value {
        case 0x00: return "\\0"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x1B: return "\\e"
        case 0x01...0x1F, 0x7F: return "\\x" + hex(s.value, digits: 2)
        default: return "\\u{" + hex(s.value, digits: 1) + "}"
        }
    }

    /// `v` in upper-case hex, zero-padded to `digits`.
    public static func hex(_ v: UInt32, digits: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
