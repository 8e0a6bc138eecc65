import NexoKit
import NexoText

/// i2 Analyst's Notebook's entity and link CSV import: two files, one row per entity and one per
/// link, columns as Plugins/LinkAnalysis/README.md maps them to i2's fields.
///
/// Entities: `entity_id,entity_type,label`, then every entity property. Links:
/// `link_id,from_id,to_id,link_type,label,valid_from,valid_to,confidence,source,grading,reliability,`
/// `credibility`, then every edge property. Fields are quoted as RFC 4180 needs (the SDK's
/// `CSVText`), and a text cell a spreadsheet could run as a formula starts with `'`.
enum I2CSVFormat {
    /// The entity file's text.
    static func entities(_ selection: LinkSelection) -> String {
        let properties = PropertyColumns(selection.entities.map(\.properties))
        var out = line(["entity_id", "entity_type", "label"] + properties.columns.map(\.name))
        for entity in selection.entities {
            out += line(
                [entity.id.rawValue, entity.kind, CSVText.spreadsheetSafe(entity.label)]
                    + properties.columns.map { cell(entity.properties[$0.name]) })
        }
        return out
    }

    /// The link file's text.
    static func links(_ selection: LinkSelection) -> String {
        let properties = PropertyColumns(selection.edges.map(\.properties))
        let header = [
            "link_id", "from_id", "to_id", "link_type", "label", "valid_from", "valid_to", "confidence", "source",
            "grading", "reliability", "credibility",
        ]
        var out = line(header + properties.columns.map(\.name))
        for edge in selection.edges {
            let source = LinkSelection.source(of: edge)
            let fields = [
                edge.id.description, edge.from.rawValue, edge.to.rawValue, edge.kind,
                CSVText.spreadsheetSafe(LinkText.datedLabel(edge, separator: " ")), edge.validFrom?.description ?? "",
                edge.validTo?.description ?? "", Value.format(edge.confidence), source?.id.rawValue ?? "",
                source?.grading ?? "", source?.reliability.rawValue ?? "",
                source.map { String($0.credibility.rawValue) } ?? "",
            ]
            out += line(fields + properties.columns.map { cell(edge.properties[$0.name]) })
        }
        return out
    }

    /// The link file's path for the entity file `path`: `-links` before the extension of its last
    /// component (`out/net.csv` → `out/net-links.csv`, `net` → `net-links`).
    static func linksPath(for path: String) -> String {
        let nameStart = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[nameStart...]
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path + "-links" }
        return String(path[..<dot]) + "-links" + String(path[dot...])
    }

    /// A property's cell: typed values as they print, text made spreadsheet-safe.
    private static func cell(_ value: Value?) -> String {
        guard let value, !value.isNull else { return "" }
        switch value {
        case .int, .double, .bool, .date: return value.description
        default: return CSVText.spreadsheetSafe(value.description)
        }
    }

    private static func line(_ fields: [String]) -> String {
        fields.map(CSVText.field).joined(separator: ",") + "\n"
    }
}
