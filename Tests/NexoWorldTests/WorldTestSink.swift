import NexoKit
import NexoWorld

/// Collects a generated world in memory, as canonical text lines (property keys sorted) for
/// byte comparisons, and as values for distribution checks. Filled by one generation, then only
/// read (shared by the tests of a suite), hence `@unchecked Sendable`.
final class WorldTestSink: WorldSink, @unchecked Sendable {
    var lines: [String] = []
    var entities: [EntityDraft] = []
    var aliases: [EntityID: [String]] = [:]
    var edges: [EdgeDraft] = []
    var truths: [[String: Value]] = []

    func entity(_ draft: EntityDraft, aliases: [String]) throws(NexoError) {
        entities.append(draft)
        if !aliases.isEmpty { self.aliases[draft.id!] = aliases }
        lines.append("E \(draft.id!) \(draft.kind) \(draft.label) \(Self.text(draft.properties)) \(aliases)")
    }

    func edge(_ draft: EdgeDraft) throws(NexoError) {
        edges.append(draft)
        lines.append(
            "R \(draft.kind) \(draft.from) \(draft.to) \(draft.validFrom?.description ?? "-") "
                + "\(draft.validTo?.description ?? "-") \(Self.text(draft.properties))"
        )
    }

    func truth(_ fields: [(String, Value)]) throws(NexoError) {
        truths.append(Dictionary(fields, uniquingKeysWith: { a, _ in a }))
        lines.append("T " + fields.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    }

    static func text(_ properties: [String: Value]) -> String {
        properties.keys.sorted().map { "\($0)=\(properties[$0]!)" }.joined(separator: ",")
    }

    static func generate(_ scale: WorldScale, seed: UInt64) throws -> WorldTestSink {
        let sink = WorldTestSink()
        _ = try WorldGenerator(scale: scale, seed: seed).generate(into: sink)
        return sink
    }
}
