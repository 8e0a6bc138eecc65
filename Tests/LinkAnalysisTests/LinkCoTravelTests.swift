import LinkAnalysisPlugin
import NexoKit
import NexoKitTesting
import Testing

/// `link cotravel` on a small border: a guide who crosses with two groups, each group's travellers,
/// and a lone traveller who crosses the same post on another day.
@Suite struct LinkCoTravelTests {
    private let kit: PluginTestKit

    init() throws {
        kit = try PluginTestKit(plugin: LinkAnalysisPlugin())
        let store = kit.store
        func person(_ name: String) throws -> EntityID {
            try store.addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: name), source: nil).id
        }
        let guide = try person("Erick Díaz") // P-1
        let groups = [[try person("Ana"), try person("Beto")], [try person("Carla"), try person("Dina")]]
        let lone = try person("Lone Walker") // P-6
        var posts: [EntityID] = []
        for name in ["La Hachadura", "Tecún Umán"] {
            posts.append(
                try store.addEntity(
                    EntityDraft(
                        kind: CoreSchema.Kind.place, label: name,
                        properties: [CoreSchema.Place.type: .string(CoreSchema.PlaceType.borderPost)]),
                    source: nil
                ).id)
        }
        func crossing(at post: EntityID, on day: Int, by people: [EntityID]) throws {
            let date = CivilDate(year: 2024, month: 7, day: day)!
            let id = try store.addEntity(
                EntityDraft(
                    kind: CoreSchema.Kind.crossing, label: "Crossing \(day)", properties: ["date": .date(date)]),
                source: nil
            ).id
            try store.addEdge(EdgeDraft(kind: CoreSchema.Edge.locatedIn, from: id, to: post), source: nil)
            for person in people {
                try store.addEdge(EdgeDraft(kind: CoreSchema.Edge.crossed, from: person, to: id), source: nil)
            }
        }
        // Each group crosses both posts with the guide; the lone traveller crosses on other days.
        try crossing(at: posts[0], on: 3, by: [guide] + groups[0])
        try crossing(at: posts[1], on: 5, by: [guide] + groups[0])
        try crossing(at: posts[0], on: 20, by: [guide] + groups[1])
        try crossing(at: posts[1], on: 22, by: [guide] + groups[1])
        try crossing(at: posts[0], on: 4, by: [lone])
        try crossing(at: posts[1], on: 28, by: [lone])
    }

    private func pairs(_ command: String, input: ResultTable? = nil) throws -> [String] {
        let result = try kit.run(command, input: input)
        return (result.table?.rows ?? []).map { "\($0[0].description)-\($0[1].description) \($0[2].description)" }
    }

    @Test func pairsThatCrossedTogetherTwiceAreListedWithTheirCrossings() throws {
        let result = try kit.run("link cotravel")
        #expect(result.table?.columns.map(\.name) == ["person", "other", "times", "expected", "surprise", "events"])
        #expect(
            try pairs("link cotravel").sorted() == [
                "P-1-P-2 2", "P-1-P-3 2", "P-1-P-4 2", "P-1-P-5 2", "P-2-P-3 2", "P-4-P-5 2",
            ])
        let row = try #require(result.table?.rows.first { $0[0].description == "P-1" && $0[1].description == "P-2" })
        #expect(row[5] == .string("X-1 X-2"))
        #expect(result.message == "6 pairs from 14 events of 6 people (window 2h, events dated to the day)")
    }

    /// Per person, the guide comes first: two groups, four crossings, four partners; each traveller met one group.
    @Test func byPersonTheGuideLeads() throws {
        let result = try kit.run("link cotravel --by person --min-times 1")
        #expect(
            result.table?.columns.map(\.name) == ["person", "groups", "occasions", "partners", "surprise", "events"])
        let rows = (result.table?.rows ?? []).map { row in row.prefix(4).map(\.description).joined(separator: " ") }
        #expect(rows.first == "P-1 2 4 4")
        #expect(Set(rows.dropFirst()) == ["P-2 1 2 2", "P-3 1 2 2", "P-4 1 2 2", "P-5 1 2 2"])
        #expect(result.table?.rows.first?[5] == .string("X-1 X-2 X-3 X-4"))
        // The default --min-times 2 keeps the people who met two groups or more: the guide.
        #expect(try kit.run("link cotravel --by person").table?.rows.map { $0[0].description } == ["P-1"])
    }

    @Test func aWiderWindowAndOnePostChangeWhatCounts() throws {
        #expect(try pairs("link cotravel --within 1d --min-times 1 --post PL-1").contains("P-1-P-6 1"))
        #expect(try pairs("link cotravel --min-times 3") == [])
    }

    @Test func pipedPeopleKeepTheirPairs() throws {
        let lone = ResultTable(
            columns: [Column("id", .entity(kind: nil))],
            rows: [[.entity(EntityRef(id: "P-4", kind: CoreSchema.Kind.person, label: "Carla"))]])
        #expect(try pairs("link cotravel", input: lone).sorted() == ["P-1-P-4 2", "P-4-P-5 2"])
    }

    @Test func anEmptyPipeKeepsNoPairs() throws {
        let empty = ResultTable(columns: [Column("id", .entity(kind: nil))])
        #expect(try pairs("link cotravel", input: empty) == [])
    }

    @Test func badDurationsAndAnEmptyBorderAreClearErrors() throws {
        #expect(
            throws: NexoError(
                .usage, "--within '2 hours' is not a duration",
                hint: "write seconds, or a number with s, m, h or d: 90s, 5m, 1.5h, 3d")
        ) {
            try kit.run("link cotravel --within '2 hours'")
        }
        let empty = try PluginTestKit(plugin: LinkAnalysisPlugin())
        #expect(throws: NexoError.self) { try empty.run("link cotravel") }
    }
}
