import NexoKit

/// Reads `--prop name=value` assignments into typed properties of a declared kind.
enum PropertyAssignments {
    /// Converts each `name=value` text by the declared property's type.
    static func parse(_ assignments: [String], declared: [PropertySpec], owner: String) throws(NexoError) -> [String:
        Value]
    {
        var result: [String: Value] = [:]
        for assignment in assignments {
            guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
                throw NexoError(.usage, "'\(assignment)' is not a property assignment", hint: "write --prop name=value")
            }
            let name = String(assignment[..<eq])
            let text = String(assignment[assignment.index(after: eq)...])
            guard let spec = declared.first(where: { $0.name == name }) else {
                let names = declared.map(\.name)
                throw NexoError(
                    .usage,
                    "\(owner) has no property '\(name)' (properties: "
                        + "\(names.isEmpty ? "none" : names.joined(separator: ", ")))",
                    hint: Suggestions.didYouMean(name, in: names))
            }
            result[name] = try convert(text, to: spec.type, property: name)
        }
        return result
    }

    /// Converts one text to a property value of `type`.
    static func convert(_ text: String, to type: ValueType, property: String) throws(NexoError) -> Value {
        switch type {
        case .string, .filePath: return .string(text)
        case .int:
            guard let i = Int64(text) else {
                throw NexoError(.usage, "invalid integer '\(text)' for property '\(property)'")
            }
            return .int(i)
        case .double:
            guard let d = Double(text), d.isFinite else {
                throw NexoError(.usage, "invalid number '\(text)' for property '\(property)'")
            }
            return .double(d)
        case .bool:
            switch text.lowercased() {
            case "true", "yes": return .bool(true)
            case "false", "no": return .bool(false)
            default:
                throw NexoError(
                    .usage, "invalid boolean '\(text)' for property '\(property)'", hint: "use true or false")
            }
        case .date:
            guard let d = CivilDate(iso: text) else {
                throw NexoError(.usage, "invalid date '\(text)' for property '\(property)'", hint: "write YYYY-MM-DD")
            }
            return .date(d)
        case .partialDate:
            return try PartialDate.parse(text, what: property, today: nil, earliestYear: 1).value
        case .dateRange:
            guard let r = DateRange(parsing: text) ?? DateRange(period: text) else {
                throw NexoError(
                    .usage, "invalid date range '\(text)' for property '\(property)'", hint: "write 2026-01..2026-06")
            }
            return .dateRange(r)
        case .oneOf(let choices):
            // Any case, as enumerated arguments and options take it; stored as the kind declares it.
            if let exact = choices.first(where: { $0 == text })
                ?? choices.first(where: {
                    $0.lowercased() == text.lowercased()
                })
            {
                return .string(exact)
            }
            throw NexoError(
                .usage,
                "invalid value '\(text)' for property '\(property)'; expected one of: "
                    + "\(choices.joined(separator: ", "))",
                hint: Suggestions.didYouMean(text, in: choices))
        case .entity, .record:
            throw NexoError(
                .usage, "property '\(property)' cannot hold an entity", hint: "link the entities with 'link add'")
        }
    }
}

/// The usual leading columns of a table of entities.
enum EntityColumns {
    static let columns = [Column("id", .entity(kind: nil)), Column("kind", .string), Column("label", .string)]

    static func cells(_ ref: EntityRef) -> [Value] { [.entity(ref), .string(ref.kind), .string(ref.label)] }
}
