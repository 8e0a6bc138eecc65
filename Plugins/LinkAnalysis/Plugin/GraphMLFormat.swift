import NexoKit

/// GraphML (http://graphml.graphdrawing.org), as Gephi, yEd and networkx read it: one directed
/// graph, every attribute declared as a `<key>` with its type.
///
/// Node keys: `kind`, `label`, then every entity property (`p_<n>`). Edge keys: `kind`,
/// `valid_from`, `valid_to` (`YYYY-MM-DD`), `confidence` (double), `source` (the source's id),
/// `reliability` (A-F), `credibility` (int, 1-6), then every edge property (`ep_<n>`). Node ids
/// are entity ids, edge ids edge ids (`E-12`).
enum GraphMLFormat {
    static func document(_ selection: LinkSelection) throws(NexoError) -> String {
        let nodeProperties = PropertyColumns(selection.entities.map(\.properties))
        let edgeProperties = PropertyColumns(selection.edges.map(\.properties))
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns \
            http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        func key(_ id: String, _ domain: String, _ name: String, _ type: String) throws(NexoError) {
            let escaped = try ExportText.xml(name, field: "the property name '\(name)'")
            out += "  <key id=\"\(id)\" for=\"\(domain)\" attr.name=\"\(escaped)\" attr.type=\"\(type)\"/>\n"
        }
        try key("kind", "node", "kind", "string")
        try key("label", "node", "label", "string")
        for (index, column) in nodeProperties.columns.enumerated() {
            try key("p_\(index)", "node", column.name, column.type.xmlName)
        }
        for (name, type) in Self.edgeFields { try key("e_\(name)", "edge", name, type) }
        for (index, column) in edgeProperties.columns.enumerated() {
            try key("ep_\(index)", "edge", column.name, column.type.xmlName)
        }
        out += "  <graph id=\"nexo\" edgedefault=\"directed\">\n"
        for entity in selection.entities {
            let id = try ExportText.xml(entity.id.rawValue, field: "the id \(entity.id)")
            out += "    <node id=\"\(id)\">\n"
            out += try data("kind", entity.kind, field: "the kind of \(entity.id)")
            out += try data("label", entity.label, field: "the label of \(entity.id)")
            for (index, column) in nodeProperties.columns.enumerated() {
                if let value = entity.properties[column.name], !value.isNull {
                    out += try data("p_\(index)", value.description, field: "\(column.name) of \(entity.id)")
                }
            }
            out += "    </node>\n"
        }
        for edge in selection.edges {
            let from = try ExportText.xml(edge.from.rawValue, field: "the id \(edge.from)")
            let to = try ExportText.xml(edge.to.rawValue, field: "the id \(edge.to)")
            out += "    <edge id=\"\(edge.id)\" source=\"\(from)\" target=\"\(to)\">\n"
            for (name, value) in Self.edgeValues(edge) {
                out += try data("e_\(name)", value, field: "\(name) of \(edge.id)")
            }
            for (index, column) in edgeProperties.columns.enumerated() {
                if let value = edge.properties[column.name], !value.isNull {
                    out += try data("ep_\(index)", value.description, field: "\(column.name) of \(edge.id)")
                }
            }
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    /// The fields every edge may carry, with their GraphML types, in the file's order.
    static let edgeFields: [(String, String)] = [
        ("kind", "string"), ("valid_from", "string"), ("valid_to", "string"), ("confidence", "double"),
        ("source", "string"), ("reliability", "string"), ("credibility", "int"),
    ]

    /// The values of ``edgeFields`` an edge has (an undated or unsourced edge leaves some out).
    static func edgeValues(_ edge: Edge) -> [(String, String)] {
        var values = [("kind", edge.kind)]
        if let from = edge.validFrom { values.append(("valid_from", from.description)) }
        if let to = edge.validTo { values.append(("valid_to", to.description)) }
        values.append(("confidence", Value.format(edge.confidence)))
        if let source = LinkSelection.source(of: edge) {
            values += [
                ("source", source.id.rawValue), ("reliability", source.reliability.rawValue),
                ("credibility", String(source.credibility.rawValue)),
            ]
        }
        return values
    }

    private static func data(_ key: String, _ text: String, field: @autoclosure () -> String)
        throws(NexoError) -> String
    {
        "      <data key=\"\(key)\">\(try ExportText.xml(text, field: field()))</data>\n"
    }
}
