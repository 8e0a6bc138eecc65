import NexoKit
import NexoText

/// One thing shown as named fields, as `show` prints an entity.
///
/// In the `table` format a record prints as an optional title line, then `field  value` lines
/// with the field names padded to one width; no header, separator or row count. In the other
/// formats it is the two-column table ``table`` (`field`, `value`), one row per field in order,
/// so repeated fields (two aliases) survive; the title is for people and is left out.
public struct Record: Sendable, Hashable {
    /// A named value.
    public struct Field: Sendable, Hashable {
        /// Field name.
        public var name: String
        /// Field value.
        public var value: Value

        /// Creates a field.
        public init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// A line printed above the fields in the `table` format, or `nil`.
    public var title: String?
    /// The fields, in the order they print.
    public var fields: [Field]

    /// Creates a record.
    public init(title: String? = nil, fields: [Field]) {
        self.title = title
        self.fields = fields
    }

    /// Reads a record from a table whose first column names the fields and whose second holds
    /// the values (e.g. the `field`/`value` table `show` returns); `nil` for other shapes.
    public init?(table: ResultTable, title: String? = nil) {
        guard table.columns.count == 2 else { return nil }
        self.title = title
        fields = (0..<table.rowCount).map {
            Field(table.cell(row: $0, column: 0).description, table.cell(row: $0, column: 1))
        }
    }

    /// The record as a `field`, `value` table.
    public var table: ResultTable {
        ResultTable(
            columns: [Column("field", .string), Column("value", .string)],
            rows: fields.map { [.string($0.name), $0.value] })
    }
}

extension Renderer {
    /// A record as text (see ``Record``).
    public func render(_ record: Record) -> String {
        guard format == .table else { return render(record.table) }
        var out = ""
        if let title = record.title {
            let bold = self.bold
            out += bold.on + Renderer.escapeCell(title) + bold.off + "\n"
        }
        let names = record.fields.map { Renderer.escapeCell($0.name) }
        let width = names.map(DisplayWidth.of).max() ?? 0
        for (name, field) in zip(names, record.fields) {
            var line = name + String(repeating: " ", count: width - DisplayWidth.of(name)) + TableText.gap
            line += Renderer.escapeCell(field.value.description)
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
