import NexoKit
import NexoText

/// The pipe filters (`where`, `sort`, `limit`, `select`, `count`) as pure functions on tables.
enum TableFilters {
    /// Comparison operators of `where`.
    static let operators = ["=", "==", "!=", "<", "<=", ">", ">=", "~", "!~", "in", "!in"]

    /// The values of `(a, b, c)` (parentheses optional), each trimmed; an error for an empty list or item.
    static func list(_ text: String) throws(NexoError) -> [String] {
        var body = Substring(text).drop(while: \.isWhitespace)
        while body.last?.isWhitespace == true { body = body.dropLast() }
        if body.first == "(" && body.last == ")" {
            body = body.dropFirst().dropLast()
        } else if body.first == "(" || body.last == ")" {
            throw NexoError(
                .usage, "'\(text)' opens or closes a parenthesis it does not close or open",
                hint: "write the values in parentheses: in (a, b, c)")
        }
        let items = body.split(separator: ",", omittingEmptySubsequences: false).map { item in
            String(item.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        }
        guard !items.isEmpty, !items.contains(where: \.isEmpty) else {
            throw NexoError(
                .usage, "'\(text)' is not a list of values", hint: "write the values in parentheses: in (a, b, c)")
        }
        return items
    }

    /// Rows whose cell in `name` equals one of `list` (`in`), or none of them (`!in`), each value read as the
    /// column's type as `=` reads it.
    static func filter(_ table: ResultTable, column name: String, isIn: Bool, list: [String]) throws(NexoError)
        -> ResultTable
    {
        let index = try column(name, in: table)
        let type = table.columns[index].type
        let targets = try list.map { text throws(NexoError) in (try typedLiteral(text, as: type, column: name), text) }
        let cells = table.cells(ofColumn: index)
        var kept: [Int] = []
        for row in 0..<cells.count
        where targets.contains(where: { equal(cells[row], $0.0, literal: $0.1) }) == isIn {
            kept.append(row)
        }
        return table.gatheringRows(kept)
    }

    static func column(_ name: String, in table: ResultTable) throws(NexoError) -> Int {
        if let i = table.columnIndex(name) { return i }
        let names = table.columns.map(\.name)
        throw NexoError(
            .usage, "no column '\(name)' in the input (columns: \(names.joined(separator: ", ")))",
            hint: Suggestions.didYouMean(name, in: names))
    }

    /// Rows whose `column` compares to `literal` by `op`. The literal is read as the column's type.
    /// `~` and `!~` test whether the cell's text contains the literal, both folded by
    /// ``NameFolding`` (case and accents ignored, as `find` ignores them).
    static func filter(_ table: ResultTable, column name: String, op: String, literal: String) throws(NexoError)
        -> ResultTable
    {
        let index = try column(name, in: table)
        let cells = table.cells(ofColumn: index)
        var kept: [Int] = []
        if op == "~" || op == "!~" {
            let needle = NameFolding.fold(literal)
            for row in 0..<cells.count
            where NameFolding.fold(text(of: cells[row])).containsText(needle) == (op == "~") {
                kept.append(row)
            }
            return table.gatheringRows(kept)
        }
        let type = table.columns[index].type
        let target = try typedLiteral(literal, as: type, column: name)
        for row in 0..<cells.count where try matches(cells[row], op: op, target, literal: literal) {
            kept.append(row)
        }
        return table.gatheringRows(kept)
    }

    private static func typedLiteral(_ text: String, as type: ValueType, column: String) throws(NexoError) -> Value {
        // `null` (or nothing) is the empty cell in a column of any type: `where date = null`.
        if text.isEmpty || text.lowercased() == "null" { return .null }
        switch type {
        case .int:
            if let i = Int64(text) { return .int(i) }
            if let d = Double(text) { return .double(d) }
            throw NexoError(.usage, "'\(text)' is not a number, but column '\(column)' holds integers")
        case .double:
            if let d = Double(text) { return .double(d) }
            throw NexoError(.usage, "'\(text)' is not a number, but column '\(column)' holds numbers")
        case .date:
            if let d = CivilDate(iso: text) { return .date(d) }
            throw NexoError(.usage, "'\(text)' is not a date (YYYY-MM-DD), but column '\(column)' holds dates")
        case .bool:
            switch text.lowercased() {
            case "true", "yes": return .bool(true)
            case "false", "no": return .bool(false)
            default: throw NexoError(.usage, "'\(text)' is not true or false, but column '\(column)' holds booleans")
            }
        default:
            return .string(text)
        }
    }

    private static func matches(_ cell: Value, op: String, _ target: Value, literal: String) throws(NexoError) -> Bool {
        switch op {
        case "=", "==": return equal(cell, target, literal: literal)
        case "!=": return !equal(cell, target, literal: literal)
        default:
            if target.isNull {
                throw NexoError(
                    .usage, "an empty cell is neither less nor more than a value",
                    hint: "compare with null using = or != (where date != null)")
            }
            if cell.isNull { return false }
            let less = Value.ordered(cell, target), greater = Value.ordered(target, cell)
            switch op {
            case "<": return less
            case "<=": return !greater
            case ">": return greater
            case ">=": return !less
            default:
                throw NexoError(
                    .usage, "unknown operator '\(op)'",
                    hint: "use one of \(operators.joined(separator: " "))")
            }
        }
    }

    /// Whether `cell` equals the literal (`target` is it read as the column's type): an entity by its id in any
    /// case (`p-69`) or its label folded as `find` folds names (`Chavez` for "Chávez"); `null` only the empty cell.
    private static func equal(_ cell: Value, _ target: Value, literal: String) -> Bool {
        if target.isNull { return cell.isNull || cell == .string(literal) }
        switch cell {
        case .entity(let ref):
            let lowered = literal.lowercased()
            return ref.id.rawValue.lowercased() == lowered || ref.label.lowercased() == lowered
                || NameFolding.fold(ref.label) == NameFolding.fold(literal)
        case .string(let s): return s == literal
        case .null: return false
        default:
            if let a = cell.doubleValue, let b = target.doubleValue { return a == b }
            return cell == target
        }
    }

    private static func text(of value: Value) -> String {
        if case .entity(let ref) = value { return "\(ref.id.rawValue) \(ref.label)" }
        return value.description
    }

    /// Stable sort by columns; a leading `-` sorts that column descending.
    static func sort(_ table: ResultTable, by keys: [String]) throws(NexoError) -> ResultTable {
        var resolved: [(index: Int, descending: Bool)] = []
        for key in keys {
            let descending = key.hasPrefix("-")
            let name = descending ? String(key.dropFirst()) : (key.hasPrefix("+") ? String(key.dropFirst()) : key)
            resolved.append((try column(name, in: table), descending))
        }
        let keyCells = resolved.map { table.cells(ofColumn: $0.index) }
        let order = (0..<table.rowCount).sorted { a, b in
            for (key, cells) in zip(resolved, keyCells) {
                let x = cells[a], y = cells[b]
                if Value.ordered(x, y) { return !key.descending }
                if Value.ordered(y, x) { return key.descending }
            }
            return a < b
        }
        return table.gatheringRows(order)
    }

    /// The first `count` rows (after skipping `offset`).
    static func limit(_ table: ResultTable, _ count: Int, offset: Int = 0) -> ResultTable {
        let start = min(max(offset, 0), table.rowCount)
        return table.gatheringRows(start..<min(start + max(count, 0), table.rowCount))
    }

    /// Only the named columns, in the order given.
    static func select(_ table: ResultTable, _ names: [String]) throws(NexoError) -> ResultTable {
        var indexes: [Int] = []
        for name in names { indexes.append(try column(name, in: table)) }
        return table.selectingColumns(indexes)
    }

    /// The number of rows, or the number per distinct value of `by` (ordered by count desc, then value).
    /// A `<column>_label` text column after each entity column named in `names` (all entity
    /// columns when empty), holding each cell's label.
    static func labels(_ table: ResultTable, _ names: [String]) throws(NexoError) -> ResultTable {
        var chosen = Set<Int>()
        for name in names {
            let index = try column(name, in: table)
            guard case .entity = table.columns[index].type else {
                throw NexoError(
                    .usage, "column '\(name)' does not hold entities", hint: "label an entity column such as 'id'")
            }
            chosen.insert(index)
        }
        if names.isEmpty {
            for (index, column) in table.columns.enumerated() { if case .entity = column.type { chosen.insert(index) } }
        }
        var columns: [Column] = []
        for (index, column) in table.columns.enumerated() {
            columns.append(column)
            if chosen.contains(index) { columns.append(Column(column.name + "_label", .string)) }
        }
        var result = ResultTable(columns: columns)
        for position in 0..<table.rowCount {
            var cells: [Value] = []
            for (index, cell) in table.row(position).enumerated() {
                cells.append(cell)
                if chosen.contains(index) { cells.append(cell.entityValue.map { .string($0.label) } ?? .null) }
            }
            result.append(cells)
        }
        return result
    }

    static func count(_ table: ResultTable, by name: String?) throws(NexoError) -> ResultTable {
        guard let name else {
            return ResultTable(columns: [Column("count", .int)], rows: [[.int(Int64(table.rowCount))]])
        }
        let index = try column(name, in: table)
        var counts: [Value: Int] = [:]
        var firstSeen: [Value] = []
        let cells = table.cells(ofColumn: index)
        for row in 0..<cells.count {
            let cell = cells[row]
            if counts[cell] == nil { firstSeen.append(cell) }
            counts[cell, default: 0] += 1
        }
        let ordered = firstSeen.sorted { a, b in
            counts[a]! != counts[b]! ? counts[a]! > counts[b]! : Value.ordered(a, b)
        }
        return ResultTable(
            columns: [table.columns[index], Column("count", .int)],
            rows: ordered.map { [$0, .int(Int64(counts[$0]!))] })
    }
}
