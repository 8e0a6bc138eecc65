/// Text as one double-quoted literal of CSV (RFC 4180) or SQL/FTS5: wrapped in `"`, every `"` inside doubled.
public enum DoubleQuoted {
    /// `text` in double quotes with each inner `"` doubled. It works on Unicode scalars, so a `"` followed by
    /// a combining mark (one Character) is doubled too and the literal always closes where it should.
    public static func literal(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in text.unicodeScalars {
            out.append(scalar)
            if scalar == "\"" { out.append(scalar) }
        }
        out.append("\"")
        return String(out)
    }
}
