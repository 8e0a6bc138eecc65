import NexoKit

/// How a chart draws an entity of each kind: a fixed shape and colour for the core kinds, and for
/// any other kind (a plugin's) one picked from its name, the same in every chart and every run.
struct ChartStyle: Equatable {
    /// Graphviz's node `shape`.
    var shape: String
    /// Graphviz's node `fillcolor`.
    var color: String

    /// The style of `kind`.
    init(kind: String) {
        if let fixed = Self.core[kind] {
            self = fixed
            return
        }
        // FNV-1a over the name's bytes: stable, unlike Swift's seeded Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in kind.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        self.init(
            shape: Self.fallbackShapes[Int(hash % UInt64(Self.fallbackShapes.count))],
            color: Self.fallbackColors[Int((hash >> 32) % UInt64(Self.fallbackColors.count))])
    }

    init(shape: String, color: String) {
        self.shape = shape
        self.color = color
    }

    /// The core kinds' styles.
    static let core: [String: ChartStyle] = [
        CoreSchema.Kind.person: ChartStyle(shape: "ellipse", color: "#9ecae1"),
        CoreSchema.Kind.group: ChartStyle(shape: "hexagon", color: "#fc9272"),
        CoreSchema.Kind.phone: ChartStyle(shape: "box", color: "#a1d99b"),
        CoreSchema.Kind.vehicle: ChartStyle(shape: "box3d", color: "#fdd0a2"),
        CoreSchema.Kind.place: ChartStyle(shape: "house", color: "#dadaeb"),
        CoreSchema.Kind.crossing: ChartStyle(shape: "diamond", color: "#fee391"),
        CoreSchema.Kind.payment: ChartStyle(shape: "note", color: "#c7e9c0"),
        CoreSchema.Kind.encounter: ChartStyle(shape: "octagon", color: "#fbb4b9"),
    ]

    /// Shapes for other kinds: none of the core kinds' shapes, so a plugin kind never passes for one.
    static let fallbackShapes = ["component", "cylinder", "tab", "folder", "parallelogram", "trapezium"]
    /// Colours for other kinds.
    static let fallbackColors = ["#e5d8bd", "#ccebc5", "#decbe4", "#fed9a6", "#ffffcc", "#b3cde3", "#f2f2f2"]
}
