import NexoKit

/// How much a link's source grading lets a chart claim, on the admiralty scale.
///
/// - ``strong``: reliability A or B and credibility 1 or 2 (A1 to B2), drawn solid.
/// - ``fair``: otherwise reliability A to D and credibility 1 to 4 (up to D4: C3, B4, D1 …), dashed.
/// - ``weak``: reliability E or F, credibility 5 or 6, or no source named: dotted and gray, so that
///   a dense chart of weak links does not look convincing.
enum LinkGrade: CaseIterable {
    case strong, fair, weak

    /// The grade of a link reported by `source` (`nil`: no source was named).
    init(_ source: SourceInfo?) {
        guard let source else {
            self = .weak
            return
        }
        let letter = source.reliability, digit = source.credibility.rawValue
        switch (letter, digit) {
        case (.a, 1...2), (.b, 1...2): self = .strong
        case (.a, 1...4), (.b, 1...4), (.c, 1...4), (.d, 1...4): self = .fair
        default: self = .weak
        }
    }

    /// Graphviz's `style` for an edge of this grade.
    var edgeStyle: String {
        switch self {
        case .strong: "solid"
        case .fair: "dashed"
        case .weak: "dotted"
        }
    }

    /// Graphviz's edge `color` (and label colour) for this grade: weak links fade to gray.
    var edgeColor: String {
        switch self {
        case .strong: "#222222"
        case .fair: "#444444"
        case .weak: "#a0a0a0"
        }
    }

    /// The legend's wording.
    var legend: String {
        switch self {
        case .strong: "A1-B2: solid"
        case .fair: "up to D4: dashed"
        case .weak: "E/F, 5-6 or no source: dotted, gray"
        }
    }
}
