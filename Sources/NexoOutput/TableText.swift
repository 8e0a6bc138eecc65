import NexoKit
import NexoText

/// The aligned table of the `table` format:
///
/// ```
/// id      label           score
/// ------  --------------  -----
/// P-1042  José Hernández   0.93
/// P-7     Ana              1.0
/// 2 rows
/// ```
/// Columns are separated by two spaces; `int` and `double` columns are right-aligned (header
/// too); widths count terminal columns (``DisplayWidth``); lines carry no trailing blanks.
/// On a terminal, text columns may be cut with `…` (see ``Renderer``); number columns never are.
/// No rows: `(no rows)` and no header. On a terminal, columns no row fills are left out and named under the
/// table. Entity cells show the id — on a terminal, with the label beside it unless
/// the table has a `label` or `name` column; null cells are empty.
struct TableText {
    let renderer: Renderer

    static let gap = "  "
    /// Narrowest a column is cut to when fitting the terminal width.
    static let minimumFittedWidth = 6

    /// One field per line, record by record: `-[ 1 ]----`, then `name  value` with the names aligned; long values
    /// are not cut. Then the row count, as the table gives it.
    func renderVertical(_ table: ResultTable) -> String {
        guard !table.isEmpty, !table.columns.isEmpty else { return "(no rows)\n" }
        let names = table.columns.map { Renderer.escapeCell($0.name) }
        let width = names.map(DisplayWidth.of).max() ?? 0
        let labelled = namesBesideIDs(table)
        var out = ""
        for index in 0..<table.rowCount {
            out += "-[ \(index + 1) ]" + String(repeating: "-", count: max(4, width - 2)) + "\n"
            for (name, value) in zip(names, table.row(index)) {
                let cell = text(value, namesBesideIDs: labelled)
                let line = name + String(repeating: " ", count: width - DisplayWidth.of(name)) + Self.gap + cell
                out += String(line.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
            }
        }
        return out + "\(table.rowCount) row\(table.rowCount == 1 ? "" : "s")\n"
    }

    /// A cell's text: on a terminal, an entity with its label beside its id (`P-12 José Manuel Martínez`) unless
    /// the table has a `label` or `name` column of its own, so a person reads names, not ids.
    func text(_ value: Value, namesBesideIDs: Bool) -> String {
        if namesBesideIDs, case .entity(let ref) = value, !ref.label.isEmpty, ref.label != ref.id.rawValue {
            return Renderer.escapeCell("\(ref.id) \(ref.label)")
        }
        return Renderer.escapeCell(value.description)
    }

    /// Whether entity cells show their labels (see ``text(_:namesBesideIDs:)``).
    func namesBesideIDs(_ table: ResultTable) -> Bool {
        renderer.isTerminal && !table.columns.contains { $0.name == "label" || $0.name == "name" }
    }

    func render(_ table: ResultTable) -> String {
        guard !table.isEmpty, !table.columns.isEmpty else { return "(no rows)\n" }
        // On a terminal, columns no row fills are left out and named below: they only push the others off screen.
        if renderer.isTerminal, table.columns.count > 1 {
            let empty = table.columns.indices.filter { index in
                let cells = table.cells(ofColumn: index)
                return (0..<cells.count).allSatisfy { cells[$0].isNull || cells[$0].description.isEmpty }
            }
            if !empty.isEmpty, empty.count < table.columns.count {
                let kept = table.columns.indices.filter { !empty.contains($0) }
                var shown = ResultTable(columns: kept.map { table.columns[$0] })
                for row in 0..<table.rowCount {
                    let cells = table.row(row)
                    shown.append(kept.map { cells[$0] })
                }
                return render(shown)
                    + "(empty: \(empty.map { Renderer.escapeCell(table.columns[$0].name) }.joined(separator: ", ")))\n"
            }
        }
        let header = table.columns.map { Renderer.escapeCell($0.name) }
        let names = namesBesideIDs(table)
        let cells = (0..<table.rowCount).map { table.row($0).map { text($0, namesBesideIDs: names) } }
        let rightAligned = table.columns.map { column in
            switch column.type {
            case .int, .double: true
            default: false
            }
        }
        var widths = header.map(DisplayWidth.of)
        for row in cells {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        let natural = widths
        if renderer.isTerminal { widths = fitted(widths, numeric: rightAligned) }

        var out = ""
        out.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (table.rowCount + 3))
        let bold = renderer.bold
        out += bold.on + line(header, widths: widths, natural: natural, rightAligned: rightAligned) + bold.off + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: TableText.gap) + "\n"
        for row in cells {
            out += line(row, widths: widths, natural: natural, rightAligned: rightAligned) + "\n"
        }
        out += table.rowCount == 1 ? "1 row\n" : "\(table.rowCount) rows\n"
        return out
    }

    /// Column widths cut to `maxColumnWidth`, then narrowed (widest first) to fit the terminal.
    /// Number columns are never cut: a cut number would read as a different number.
    func fitted(_ natural: [Int], numeric: [Bool]) -> [Int] {
        var widths = natural
        if let cap = renderer.maxColumnWidth {
            for i in widths.indices where !numeric[i] { widths[i] = min(widths[i], max(1, cap)) }
        }
        guard let limit = renderer.terminalWidth else { return widths }
        var total = widths.reduce(0, +) + TableText.gap.count * (widths.count - 1)
        while total > limit {
            guard
                let widest = widths.indices.filter({ !numeric[$0] && widths[$0] > TableText.minimumFittedWidth })
                    .max(by: { widths[$0] < widths[$1] || (widths[$0] == widths[$1] && $0 > $1) })
            else { break }
            widths[widest] -= 1
            total -= 1
        }
        return widths
    }

    func line(_ cells: [String], widths: [Int], natural: [Int], rightAligned: [Bool]) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            if i > 0 { out += TableText.gap }
            let text = widths[i] < natural[i] ? DisplayWidth.truncate(cell, to: widths[i]) : cell
            let padding = String(repeating: " ", count: max(0, widths[i] - DisplayWidth.of(text)))
            out += rightAligned[i] ? padding + text : text + padding
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}
