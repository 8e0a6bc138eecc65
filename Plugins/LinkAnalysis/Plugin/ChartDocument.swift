import NexoKit

/// The DOT text `link chart` hands to Graphviz: each entity drawn in its kind's style
/// (``ChartStyle``) and labelled with its label and id; each link labelled with its kind, validity
/// and source grading, and drawn as its grade says (``LinkGrade``); a legend of the kinds shown
/// and of the three line styles, as the graph's label (so that every layout draws it). In an SVG,
/// each entity's and link's group has the entity's or edge's id (`P-1`, `E-12`).
enum ChartDocument {
    ///
    /// Links are curved around the entities (`splines=true`) in the `dot` layout only: neato and sfdp
    /// take minutes to route curves around 500 labelled entities, so there they are straight.
    static func document(_ selection: LinkSelection, layout: Graphviz.Layout) throws(NexoError) -> String {
        var out = """
            digraph chart {
              graph [overlap=false, splines=\(layout == .dot), fontname="Helvetica", fontsize=10, labelloc=b];
              node [style=filled, fontname="Helvetica", fontsize=10, color="#555555"];
              edge [fontname="Helvetica", fontsize=8, arrowsize=0.6];

            """
        var node: [EntityID: Int] = [:]
        for (index, entity) in selection.entities.enumerated() {
            node[entity.id] = index
            let style = ChartStyle(kind: entity.kind)
            let label = try ExportText.dot(entity.label + "\n" + entity.id.rawValue, field: "the label of \(entity.id)")
            let id = try ExportText.dot(entity.id.rawValue, field: "the id \(entity.id)")
            out += "  n\(index) [label=\(label), id=\(id), shape=\(style.shape), fillcolor=\"\(style.color)\"];\n"
        }
        for edge in selection.edges {
            guard let from = node[edge.from], let to = node[edge.to] else { continue }
            let source = LinkSelection.source(of: edge)
            let grade = LinkGrade(source)
            let text = LinkText.datedLabel(edge) + "\n" + (source?.grading ?? "no source")
            let label = try ExportText.dot(text, field: "the kind of \(edge.id)")
            out += "  n\(from) -> n\(to) [id=\"\(edge.id)\", label=\(label), style=\(grade.edgeStyle), "
            out += "color=\"\(grade.edgeColor)\", fontcolor=\"\(grade.edgeColor)\"];\n"
        }
        out += "  label=<\(try legend(kinds: Set(selection.entities.map(\.kind)).sorted()))>;\n}\n"
        return out
    }

    /// The legend, a Graphviz HTML-like table: one row per kind shown (its colour and shape), then
    /// the three line styles.
    static func legend(kinds: [String]) throws(NexoError) -> String {
        var rows = "<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>"
        for kind in kinds {
            let style = ChartStyle(kind: kind)
            let name = try ExportText.xml(kind, field: "the kind name '\(kind)'")
            rows += "<TR><TD BGCOLOR=\"\(style.color)\">\(name)</TD><TD>\(style.shape)</TD></TR>"
        }
        for grade in LinkGrade.allCases {
            rows += "<TR><TD COLSPAN=\"2\"><FONT COLOR=\"\(grade.edgeColor)\">"
            rows += "\(try ExportText.xml(grade.legend, field: "the legend"))</FONT></TD></TR>"
        }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\">\(rows)</TABLE>"
    }
}
