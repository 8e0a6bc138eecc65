/// Making user text safe and measurable on a terminal, for error messages and carets.
///
/// NexoOutput has the public, complete version of these rules (`Renderer.escapeForTerminal`,
/// `DisplayWidth`); this module does not depend on it, so it keeps this small copy for the one
/// thing it prints: errors that quote the user's input.
enum TerminalText {
    /// Replaces control characters (C0, DEL, C1) and bidirectional overrides with visible
    /// escapes (`\e`, `\x07`, `\u{202E}`). Tabs are kept when `keepTabs` is true.
    static func escape(_ text: String, keepTabs: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepTabs: keepTabs) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepTabs: keepTabs) { out += escaped(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func needsEscape(_ s: Unicode.Scalar, keepTabs: Bool) -> Bool {
        switch s.value {
        case 0x09: !keepTabs
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    static func escaped(_ s: Unicode.Scalar) -> String {
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

    static func hex(_ v: UInt32, digits: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }

    /// Terminal columns a character takes: 0 for combining marks and format characters, 2 for
    /// East Asian wide and emoji presentation characters, 1 otherwise.
    static func width(_ c: Character) -> Int {
        var widest = 0
        for scalar in c.unicodeScalars { widest = max(widest, width(scalar)) }
        return widest
    }

    static func width(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x300 { return v < 0x20 || (0x7F...0x9F).contains(v) ? 0 : 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if s.properties.isEmojiPresentation { return 2 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
