import NexoKit

extension PluginConformance {
    /// Problems of the kinds a plugin declares.
    static func schemaProblems(_ schema: SchemaContribution, coreKinds: Set<String>) -> [String] {
        var problems: [String] = []
        var entityNames = Set<String>()
        var prefixes: [String: String] = [:]
        for kind in schema.entityKinds {
            let label = "entity kind '\(kind.name)'"
            if !isSnakeCase(kind.name) { problems.append("\(label): name must be lower_snake_case") }
            if !entityNames.insert(kind.name).inserted { problems.append("\(label) is declared twice") }
            if kind.idPrefix.isEmpty || !kind.idPrefix.unicodeScalars.allSatisfy(isUpper) {
                problems.append("\(label): id prefix '\(kind.idPrefix)' must be upper-case letters A-Z")
            } else if let other = prefixes[kind.idPrefix], other != kind.name {
                problems.append("\(label): id prefix '\(kind.idPrefix)' is already used by '\(other)'")
            } else {
                prefixes[kind.idPrefix] = kind.name
            }
            if isBlank(kind.summary) { problems.append("\(label): summary is empty") }
            problems += propertyProblems(kind.properties, label: label)
        }
        let known = coreKinds.union(entityNames)
        var edgeNames = Set<String>()
        for kind in schema.edgeKinds {
            let label = "edge kind '\(kind.name)'"
            if !isSnakeCase(kind.name) { problems.append("\(label): name must be lower_snake_case") }
            if !edgeNames.insert(kind.name).inserted { problems.append("\(label) is declared twice") }
            if isBlank(kind.summary) { problems.append("\(label): summary is empty") }
            for (end, kinds) in [("from", kind.fromKinds), ("to", kind.toKinds)] {
                for name in kinds where !known.contains(name) {
                    problems.append("\(label): \(end) kind '\(name)' is neither declared by the plugin nor a core kind")
                }
            }
            problems += propertyProblems(kind.properties, label: label)
        }
        for (what, extensions) in [("entity kind", schema.entityExtensions), ("edge kind", schema.edgeExtensions)] {
            for added in extensions {
                let label = "extension of \(what) '\(added.kind)'"
                if what == "entity kind" && !known.contains(added.kind) {
                    problems.append("\(label): '\(added.kind)' is neither declared by the plugin nor a core kind")
                }
                if added.properties.isEmpty { problems.append("\(label) adds no properties") }
                for property in added.properties where property.isRequired {
                    problems.append(
                        "\(label): property '\(property.name)' must be optional (stored rows do not have it)")
                }
                problems += propertyProblems(added.properties, label: label)
            }
        }
        return problems
    }

    private static func propertyProblems(_ properties: [PropertySpec], label: String) -> [String] {
        var problems: [String] = []
        var names = Set<String>()
        for property in properties {
            if !isSnakeCase(property.name) {
                problems.append("\(label): property '\(property.name)' must be lower_snake_case")
            }
            if !names.insert(property.name).inserted {
                problems.append("\(label): property '\(property.name)' is declared twice")
            }
            if case .entity = property.type {
                problems.append(
                    "\(label): property '\(property.name)' is an entity reference; declare an edge kind instead")
            }
            if let problem = choiceProblem(property.type) {
                problems.append("\(label): property '\(property.name)' \(problem)")
            }
        }
        return problems
    }

    /// A problem with a `oneOf` list, or `nil`.
    static func choiceProblem(_ type: ValueType?) -> String? {
        guard case .oneOf(let choices) = type else { return nil }
        if choices.isEmpty { return "has an empty list of choices" }
        var seen = Set<String>()
        for choice in choices where !seen.insert(choice).inserted { return "lists choice '\(choice)' twice" }
        return nil
    }
}
