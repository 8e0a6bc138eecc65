/// CSV fields (RFC 4180), and keeping spreadsheets from running the cells of files written for them.
///
/// Quoting: a field holding `,`, `"` or a C0 control character or DEL (LF, CR and tab included)
/// is written in double quotes, a quote inside doubled. Inside quotes every byte stands for
/// itself, so the data round-trips exactly and no raw control byte sits outside a quoted field.
///
/// Spreadsheet neutralisation (OWASP CSV injection), for files only — standard output stays exact:
/// a text cell starting with `=` `+` `-` `@` TAB or CR is written with a leading `'`, so a
/// spreadsheet shows it as text instead of evaluating it. A text cell that already starts with
/// `'` gets one too, so that reading can take exactly one back: Nexo's CSV import drops the
/// first `'` of a field whose next character is one of `= + - @` TAB CR `'`, and of no other.
/// Numbers in typed columns are not text cells: `-5` stays `-5`.
public enum CSVText {
    /// `text` as one CSV field: quoted when it must be, as the type describes.
    public static func field(_ text: String) -> String {
        guard
            text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 < 0x20 || $0 == 0x7F }
            )
        else {
            return text
        }
        return DoubleQuoted.literal(text)
    }

    /// A text cell for a file a spreadsheet may open: `text` with a leading `'` when it starts with
    /// `=` `+` `-` `@` TAB CR or `'` (see the type's documentation).
    public static func spreadsheetSafe(_ text: String) -> String {
        guard let first = text.utf8.first, first == quote || isFormulaStart(first) else { return text }
        return "'" + text
    }

    /// Whether a field whose first two bytes are `first` and `second` starts with the `'` that
    /// ``spreadsheetSafe(_:)`` adds: `'` followed by `=` `+` `-` `@` TAB CR or `'`.
    public static func startsWithAddedQuote(_ first: UInt8, _ second: UInt8) -> Bool {
        first == quote && (second == quote || isFormulaStart(second))
    }

    private static let quote = UInt8(ascii: "'")

    /// `=` `+` `-` `@` TAB CR: what a spreadsheet may take for the start of a formula.
    private static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }
}
