import NexoKit

/// GEXF 1.3 (https://gexf.net), Gephi's own format: a directed, dynamic graph whose links carry
/// their validity periods as spells (`<spell start="2024-01-01" end="2025-03-31"/>`, an open end
/// left out), dates as `timeformat="date"`.
///
/// Nodes: id = entity id, `label`, attributes `kind` and every entity property. Edges: id = edge
/// id, `kind` and `label` = the edge kind, `weight` = confidence, attributes `kind`, `valid_from`,
/// `valid_to`, `confidence`, `source`, `reliability`, `credibility` (as in GraphML) and every edge
/// property (`ep_<n>`).
enum GEXFFormat {
    static func document(_ selection: LinkSelection) throws(NexoError) -> String {
        let nodeProperties = PropertyColumns(selection.entities.map(\.properties))
        let edgeProperties = PropertyColumns(selection.edges.map(\.properties))
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
              <meta>
                <creator>Nexo link-analysis</creator>
              </meta>
              <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
                <attributes class="node" mode="static">
                  <attribute id="kind" title="kind" type="string"/>

            """
        func attribute(_ id: String, _ title: String, _ type: String) throws(NexoError) {
            let escaped = try ExportText.xml(title, field: "the property name '\(title)'")
            out += "      <attribute id=\"\(id)\" title=\"\(escaped)\" type=\"\(type)\"/>\n"
        }
        for (index, column) in nodeProperties.columns.enumerated() {
            try attribute("p_\(index)", column.name, column.type.xmlName)
        }
        out += "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n"
        for (name, type) in GraphMLFormat.edgeFields {
            try attribute("e_\(name)", name, type == "int" ? "integer" : type)
        }
        for (index, column) in edgeProperties.columns.enumerated() {
            try attribute("ep_\(index)", column.name, column.type.xmlName)
        }
        out += "    </attributes>\n    <nodes>\n"
        for entity in selection.entities {
            let id = try ExportText.xml(entity.id.rawValue, field: "the id \(entity.id)")
            let label = try ExportText.xml(entity.label, field: "the label of \(entity.id)")
            out += "      <node id=\"\(id)\" label=\"\(label)\">\n        <attvalues>\n"
            out += try value("kind", entity.kind, field: "the kind of \(entity.id)")
            for (index, column) in nodeProperties.columns.enumerated() {
                if let value = entity.properties[column.name], !value.isNull {
                    out += try self.value("p_\(index)", value.description, field: "\(column.name) of \(entity.id)")
                }
            }
            out += "        </attvalues>\n      </node>\n"
        }
        out += "    </nodes>\n    <edges>\n"
        for edge in selection.edges {
            let from = try ExportText.xml(edge.from.rawValue, field: "the id \(edge.from)")
            let to = try ExportText.xml(edge.to.rawValue, field: "the id \(edge.to)")
            let kind = try ExportText.xml(edge.kind, field: "the kind of \(edge.id)")
            out += "      <edge id=\"\(edge.id)\" source=\"\(from)\" target=\"\(to)\" kind=\"\(kind)\" "
            out += "label=\"\(kind)\" weight=\"\(Value.format(edge.confidence))\">\n        <attvalues>\n"
            for (name, text) in GraphMLFormat.edgeValues(edge) {
                out += try value("e_\(name)", text, field: "\(name) of \(edge.id)")
            }
            for (index, column) in edgeProperties.columns.enumerated() {
                if let value = edge.properties[column.name], !value.isNull {
                    out += try self.value("ep_\(index)", value.description, field: "\(column.name) of \(edge.id)")
                }
            }
            out += "        </attvalues>\n"
            if edge.validFrom != nil || edge.validTo != nil {
                let start = edge.validFrom.map { " start=\"\($0)\"" } ?? ""
                let end = edge.validTo.map { " end=\"\($0)\"" } ?? ""
                out += "        <spells>\n          <spell\(start)\(end)/>\n        </spells>\n"
            }
            out += "      </edge>\n"
        }
        out += "    </edges>\n  </graph>\n</gexf>\n"
        return out
    }

    private static func value(_ id: String, _ text: String, field: @autoclosure () -> String)
        throws(NexoError) -> String
    {
        "          <attvalue for=\"\(id)\" value=\"\(try ExportText.xml(text, field: field()))\"/>\n"
    }
}
