/// How many terminal columns text takes: 0 for combining marks and invisible format characters,
/// 2 for East Asian wide and fullwidth characters and emoji shown as pictures, 1 otherwise.
///
/// A small, dependency-free approximation of `wcwidth(3)` that is the same on every machine
/// (unlike the C library's, which depends on the locale).
public enum DisplayWidth {
    /// Columns taken by `text`.
    public static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return text.utf8.count }
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    /// Columns taken by one character (the widest of its scalars).
    public static func of(_ c: Character) -> Int {
        var widest = 0
        for scalar in c.unicodeScalars { widest = max(widest, of(scalar)) }
        return widest
    }

    /// Columns taken by one scalar; 0 for control characters.
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x300 { return v < 0x20 || (0x7F...0x9F).contains(v) ? 0 : 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if s.properties.isEmojiPresentation { return 2 }
        switch v {
        case 0x1160...0x11FF: return 0 // Hangul medial vowels and final consonants join the syllable
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
            0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
            0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// `text` cut to at most `width` columns, ending in `…` when something was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }
}
