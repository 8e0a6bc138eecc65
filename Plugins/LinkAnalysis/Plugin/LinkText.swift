import NexoKit

/// The words charts and i2's link CSV put on a link.
enum LinkText {
    /// An edge's validity as investigators read it: `2024-01-01 to 2025-03-31`, `from 2024-01-01`,
    /// `until 2025-03-31`, or empty when undated.
    static func validity(_ edge: Edge) -> String {
        switch (edge.validFrom, edge.validTo) {
        case (let from?, let to?): "\(from) to \(to)"
        case (let from?, nil): "from \(from)"
        case (nil, let to?): "until \(to)"
        case (nil, nil): ""
        }
    }

    /// The link's kind, then its validity when dated, on two lines (`member_of\nfrom 2024-01-01`)
    /// or joined by `separator`.
    static func datedLabel(_ edge: Edge, separator: String = "\n") -> String {
        let dates = validity(edge)
        return dates.isEmpty ? edge.kind : edge.kind + separator + dates
    }
}
