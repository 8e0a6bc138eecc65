import NexoKit

/// Escaping of text for the files `link export` and `link chart` write: XML (GraphML, GEXF) and
/// Graphviz's DOT. CSV goes through the SDK's `CSVText`.
///
/// Characters a format cannot carry are refused, never dropped: XML 1.0 has no way to write the
/// C0 control characters other than tab, line feed and carriage return (not even as `&#1;`), nor
/// U+FFFE and U+FFFF. DOT's quoted strings carry every character but `"` and `\`, which are
/// escaped; a line break becomes Graphviz's `\n`, a carriage return `\r`, a tab stays; other C0
/// controls and DEL are refused too, since Graphviz rejects them.
enum ExportText {
    /// `text` as XML character data or an attribute value (in double quotes): `&`, `<`, `>`, `"`
    /// and `'` as entities, tab, line feed and carriage return as character references (so that an
    /// attribute keeps them). `field` names where the text comes from, for the error.
    static func xml(_ text: String, field: @autoclosure () -> String) throws(NexoError) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\u{FFFE}", "\u{FFFF}": throw refused(scalar, in: field(), format: "XML")
            default:
                if scalar.value < 0x20 { throw refused(scalar, in: field(), format: "XML") }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` as one DOT double-quoted string, quotes included.
    static func dot(_ text: String, field: @autoclosure () -> String) throws(NexoError) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { throw refused(scalar, in: field(), format: "DOT") }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func refused(_ scalar: Unicode.Scalar, in field: String, format: String) -> NexoError {
        let code = String(scalar.value, radix: 16, uppercase: true)
        return NexoError(
            .invalidInput,
            "\(field) holds the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code), "
                + "which \(format) cannot carry",
            hint: "correct that text in the store, or leave the entity out of the selection")
    }
}
