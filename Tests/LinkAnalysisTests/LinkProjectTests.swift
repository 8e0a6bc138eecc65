import LinkAnalysisPlugin
import NexoKit
import NexoKitTesting
import Testing

/// `link project`: people linked through the phones, addresses or crossings they share.
@Suite struct LinkProjectTests {
    private let kit: PluginTestKit

    init() throws {
        kit = try PluginTestKit(plugin: LinkAnalysisPlugin())
        let store = kit.store
        for name in ["Ana", "Beto", "Carla", "Dina"] {
            try store.addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: name), source: nil)
        }
        for number in ["+503 7000 0001", "+503 7000 0002"] {
            try store.addEntity(EntityDraft(kind: CoreSchema.Kind.phone, label: number), source: nil)
        }
        try store.addEntity(
            EntityDraft(
                kind: CoreSchema.Kind.place, label: "Calle 5, Sonsonate",
                properties: [CoreSchema.Place.type: .string(CoreSchema.PlaceType.address)]),
            source: nil)
        try store.addEntity(
            EntityDraft(
                kind: CoreSchema.Kind.place, label: "Sonsonate",
                properties: [CoreSchema.Place.type: .string(CoreSchema.PlaceType.municipality)]),
            source: nil)
        // Ana and Beto share both phones; Carla uses the second; everyone lives in Sonsonate, only Ana
        // and Dina at the same address.
        for (person, phone) in [("P-1", "PH-1"), ("P-2", "PH-1"), ("P-1", "PH-2"), ("P-2", "PH-2"), ("P-3", "PH-2")] {
            try store.addEdge(
                EdgeDraft(kind: CoreSchema.Edge.usesPhone, from: EntityID(person), to: EntityID(phone)), source: nil)
        }
        for person in ["P-1", "P-2", "P-3", "P-4"] {
            try store.addEdge(
                EdgeDraft(kind: CoreSchema.Edge.locatedIn, from: EntityID(person), to: "PL-2"), source: nil)
        }
        for person in ["P-1", "P-4"] {
            try store.addEdge(
                EdgeDraft(kind: CoreSchema.Edge.locatedIn, from: EntityID(person), to: "PL-1"), source: nil)
        }
    }

    private func rows(_ command: String) throws -> [String] {
        (try kit.run(command).table?.rows ?? []).map { $0.map(\.description).joined(separator: " ") }
    }

    @Test func sharedPhonesLinkPeopleWithThePhonesAsEvidence() throws {
        #expect(try rows("link project --via phone") == ["P-1 P-2 2 PH-1 PH-2", "P-1 P-3 1 PH-2", "P-2 P-3 1 PH-2"])
        #expect(try rows("link project --via phone --min-shared 2") == ["P-1 P-2 2 PH-1 PH-2"])
    }

    @Test func onlyAddressesCountAsAddresses() throws {
        #expect(try rows("link project --via address") == ["P-1 P-4 1 PL-1"])
    }

    @Test func aThingSharedByTooManyIsLeftOutAndSaid() throws {
        let result = try kit.run("link project --via phone --max-share 2")
        #expect((result.table?.rows.count ?? 0) == 1)
        #expect(
            result.message
                == ("1 links between people through a shared phone; left out 1 phone(s) shared by more than 2 people "
                    + "(3 links; raise --max-share to keep them)"))
    }

    @Test func withoutViaTheErrorSaysWhatToAdd() throws {
        #expect(
            throws: NexoError(
                .usage, "say what the people share", hint: "add --via phone, address, crossing, payment or encounter")
        ) { try kit.run("link project") }
    }
}

extension LinkProjectTests {
    @Test func anEmptyPipeKeepsNoLinks() throws {
        let empty = ResultTable(columns: [Column("id", .entity(kind: nil))])
        #expect(try kit.run("link project --via phone", input: empty).table?.rows == [])
    }
}
