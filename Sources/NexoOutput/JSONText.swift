import NexoKit
import NexoText

/// JSON output, written by hand so key order and number text are fixed (no Foundation).
///
/// Rows are objects with keys in column order. Values: `null`, `true`/`false`, integers as
/// integers, doubles in their shortest round-trip form (`nan` and infinities as `null`), dates
/// and date ranges as strings (`"2026-01-15"`, `"2026-01-01..2026-06-30"`), entity references as
/// `{"id":…,"kind":…,"label":…}`.
enum JSONText {
    /// `[` + one object per line, indented two spaces + `]`; an empty table is `[]`.
    static func array(_ table: ResultTable) -> String {
        guard !table.isEmpty else { return "[]\n" }
        var out = "[\n"
        for i in 0..<table.rowCount {
            out += "  "
            object(table.row(i), columns: table.columns, into: &out)
            out += i == table.rowCount - 1 ? "\n" : ",\n"
        }
        return out + "]\n"
    }

    /// One object per line.
    static func lines(_ table: ResultTable) -> String {
        var out = ""
        for i in 0..<table.rowCount {
            object(table.row(i), columns: table.columns, into: &out)
            out += "\n"
        }
        return out
    }

    static func object(_ row: [Value], columns: [Column], into out: inout String) {
        out += "{"
        for (i, value) in row.enumerated() {
            if i > 0 { out += "," }
            string(columns[i].name, into: &out)
            out += ":"
            self.value(value, into: &out)
        }
        out += "}"
    }

    static func value(_ value: Value, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? Value.format(d) : "null"
        case .string(let s): string(s, into: &out)
        case .date, .dateRange: string(value.description, into: &out)
        case .entity(let ref):
            out += "{\"id\":"
            string(ref.id.rawValue, into: &out)
            out += ",\"kind\":"
            string(ref.kind, into: &out)
            out += ",\"label\":"
            string(ref.label, into: &out)
            out += "}"
        }
    }

    /// A JSON string literal: `"` and `\` escaped, `\b \f \n \r \t` by name, every other
    /// control (U+0000–U+001F, U+007F–U+009F), U+2028, U+2029 and the bidi controls as `\uXXXX`.
    static func string(_ text: String, into out: inout String) {
        out += "\""
        guard text.unicodeScalars.contains(where: needsEscape) else {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u" + TerminalEscaping.hex(scalar.value, digits: 4).lowercased()
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x22, 0x5C, 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` as a JSON string literal.
    static func string(_ text: String) -> String {
        var out = ""
        string(text, into: &out)
        return out
    }
}
