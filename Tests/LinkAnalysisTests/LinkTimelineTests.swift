import LinkAnalysisPlugin
import NexoKit
import NexoKitTesting
import Testing

/// `link timeline`: dated facts around an entity, in date order.
@Suite struct LinkTimelineTests {
    private let kit: PluginTestKit

    init() throws {
        kit = try PluginTestKit(plugin: LinkAnalysisPlugin())
        let store = kit.store
        try store.addEntity(
            EntityDraft(
                kind: CoreSchema.Kind.person, label: "Erick Díaz",
                properties: [CoreSchema.Person.dateOfBirth: .date(CivilDate(year: 1979, month: 8, day: 11)!)]),
            source: nil)
        try store.addEntity(EntityDraft(kind: CoreSchema.Kind.group, label: "Los Norteños"), source: nil)
        try store.addEntity(
            EntityDraft(
                kind: CoreSchema.Kind.crossing, label: "Crossing at La Hachadura",
                properties: ["date": .date(CivilDate(year: 2024, month: 7, day: 17)!)]),
            source: nil)
        try store.addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: "Ana"), source: nil)
        try store.addEdge(
            EdgeDraft(
                kind: CoreSchema.Edge.memberOf, from: "P-1", to: "G-1",
                validFrom: CivilDate(year: 2023, month: 6, day: 1), validTo: CivilDate(year: 2025, month: 1, day: 31)),
            source: nil)
        try store.addEdge(EdgeDraft(kind: CoreSchema.Edge.crossed, from: "P-1", to: "X-1"), source: nil)
        try store.addEdge(EdgeDraft(kind: CoreSchema.Edge.knows, from: "P-2", to: "P-1"), source: nil)
    }

    private func rows(_ command: String) throws -> [String] {
        (try kit.run(command).table?.rows ?? []).map { $0.map(\.description).joined(separator: "|") }
    }

    @Test func factsComeInDateOrderWithUndatedLinksLast() throws {
        #expect(
            try rows("link timeline P-1") == [
                "1979-08-11||P-1|date_of_birth||", "2023-06-01|2025-01-31|P-1|member_of|G-1|",
                "2024-07-17||P-1|crossed|X-1|date 2024-07-17", "||P-1|knows (from)|P-2|",
            ])
    }

    @Test func aPeriodKeepsWhatOverlapsIt() throws {
        #expect(
            try rows("link timeline P-1 --during 2024-07-01..2024-07-31") == [
                "2023-06-01|2025-01-31|P-1|member_of|G-1|", "2024-07-17||P-1|crossed|X-1|date 2024-07-17",
            ])
    }

    @Test func withoutAnEntityTheErrorSaysWhatToGive() throws {
        #expect(
            throws: NexoError(
                .usage, "whose timeline?", hint: "give an entity (link timeline P-1) or pipe entities in")
        ) { try kit.run("link timeline") }
    }
}
