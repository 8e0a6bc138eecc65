import NexoKit

/// Graphviz's DOT (https://graphviz.org/doc/info/lang.html), for `link export --format dot`: one
/// `digraph`, each entity a node named by its id with `label`, `kind` and its properties as
/// attributes, each edge with `id`, `kind`, `valid_from`, `valid_to`, `confidence`, `source`,
/// `reliability`, `credibility` and its properties. Every name and value is a quoted string.
/// (`link chart` draws its own, styled DOT: ``ChartDocument``.)
enum DOTFormat {
    static func document(_ selection: LinkSelection) throws(NexoError) -> String {
        var out = "digraph nexo {\n"
        for entity in selection.entities {
            var attributes = [("label", entity.label), ("kind", entity.kind)]
            attributes += entity.properties.keys.sorted().compactMap { name in
                entity.properties[name].flatMap { $0.isNull ? nil : (name, $0.description) }
            }
            out += "  \(try ExportText.dot(entity.id.rawValue, field: "the id \(entity.id)")) "
            out += try list(attributes, of: entity.id) + ";\n"
        }
        for edge in selection.edges {
            var attributes = [("id", edge.id.description)] + GraphMLFormat.edgeValues(edge)
            attributes += edge.properties.keys.sorted().compactMap { name in
                edge.properties[name].flatMap { $0.isNull ? nil : (name, $0.description) }
            }
            let from = try ExportText.dot(edge.from.rawValue, field: "the id \(edge.from)")
            let to = try ExportText.dot(edge.to.rawValue, field: "the id \(edge.to)")
            out += "  \(from) -> \(to) " + (try list(attributes, of: edge.id)) + ";\n"
        }
        return out + "}\n"
    }

    /// `[name="value", …]`, every name and value quoted.
    static func list(_ attributes: [(String, String)], of owner: some CustomStringConvertible)
        throws(NexoError) -> String
    {
        var parts: [String] = []
        for (name, value) in attributes {
            let quotedName = try ExportText.dot(name, field: "a property name of \(owner)")
            parts.append("\(quotedName)=\(try ExportText.dot(value, field: "\(name) of \(owner)"))")
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}
