import NexoKit
import Testing

@testable import NexoStore

/// What tab completion reads from the store: entities best first with their labels, and the values
/// stored in an edge property.
@Suite struct CompletionReadTests {
    func fixture() throws -> Fixture {
        let f = try Fixture()
        try f.write { s in
            try s.addEntity(EntityDraft(kind: "person", label: "Henry Alvarado"), source: nil) // P-1
            try s.addEntity(EntityDraft(kind: "person", label: "Ana Pérez"), source: nil) // P-2
            try s.addEntity(EntityDraft(kind: "person", label: "Héctor Pérez Alvarez"), source: nil) // P-3
            try s.addEntity(EntityDraft(kind: "group", label: "Perezosos Locos"), source: nil) // G-1
            try s.addEntity(EntityDraft(kind: "person", label: "Juan Ramos"), source: nil) // P-4
            try s.addAlias("El Pelón", to: "P-4")
            for role in ["palabrero", "corredor", "palabrero", "Chequeo"] {
                try s.addEdge(
                    EdgeDraft(kind: "member_of", from: "P-1", to: "G-1", properties: ["role": .string(role)]),
                    source: nil)
            }
            try s.addEdge(EdgeDraft(kind: "member_of", from: "P-2", to: "G-1"), source: nil)
        }
        return f
    }

    func ids(_ found: EntityCompletions) -> [String] { found.entities.map(\.entity.id.rawValue) }

    @Test func idsFirstThenNamesStartingWithTheTextThenNamesWithAWordStartingWithIt() throws {
        let f = try fixture()
        try f.read { s throws in
            // "pe": no id; a label starting with it, then labels with a word starting with it (by name), then aliases.
            let found = try s.entityCompletions(prefix: "pe", kind: nil, limit: 20)
            #expect(ids(found) == ["G-1", "P-2", "P-3", "P-4"])
            #expect(found.entities.map(\.alias) == [nil, nil, nil, "El Pelón"])
            #expect(found.more == 0)
            #expect(ids(try s.entityCompletions(prefix: "ALVAR", kind: nil, limit: 20)) == ["P-3", "P-1"])
            #expect(ids(try s.entityCompletions(prefix: "henry", kind: nil, limit: 20)) == ["P-1"])
            #expect(ids(try s.entityCompletions(prefix: "pérez alv", kind: nil, limit: 20)) == ["P-3"])
            #expect(ids(try s.entityCompletions(prefix: "el pel", kind: "person", limit: 20)) == ["P-4"])
            #expect(ids(try s.entityCompletions(prefix: "pe", kind: "group", limit: 20)) == ["G-1"])
            // Nothing typed, or the start of the kind's id prefix: that kind's ids.
            #expect(ids(try s.entityCompletions(prefix: "", kind: "group", limit: 20)) == ["G-1"])
            #expect(ids(try s.entityCompletions(prefix: "p", kind: "person", limit: 2)) == ["P-1", "P-2"])
        }
    }

    @Test func idsComeInNumberOrderAndTheRestIsCounted() throws {
        let f = try Fixture()
        try f.write { s in
            for n in 1...30 { try s.addEntity(EntityDraft(kind: "person", label: "Person \(n)"), source: nil) }
        }
        try f.read { s throws in
            let found = try s.entityCompletions(prefix: "p-", kind: nil, limit: 5)
            #expect(ids(found) == ["P-1", "P-2", "P-3", "P-4", "P-5"])
            // Every id starting with P-, and every name starting with "p-": none.
            #expect(found.more == 25)
            #expect(
                ids(try s.entityCompletions(prefix: "P-1", kind: nil, limit: 4)) == ["P-1", "P-10", "P-11", "P-12"])
            #expect(ids(try s.entityCompletions(prefix: "P-3", kind: nil, limit: 4)) == ["P-3", "P-30"])
            #expect(ids(try s.entityCompletions(prefix: "p", kind: nil, limit: 3)) == ["P-1", "P-2", "P-3"])
            let named = try s.entityCompletions(prefix: "person 2", kind: nil, limit: 3)
            #expect(ids(named) == ["P-2", "P-20", "P-21"])
            #expect(named.more == 8)
        }
    }

    @Test func idOrderPutsNumbersByValue() {
        let ids = ["P-10", "G-2", "P-2", "P-1", "PH-1", "P-02", "P-x"]
        #expect(ids.sorted(by: StoreSession.idPrecedes) == ["G-2", "P-1", "P-02", "P-2", "P-10", "P-x", "PH-1"])
    }

    @Test func wordStartsAreFoundPastPunctuationOnly() {
        #expect(StoreSession.hasWord(startingWith: "pi", in: "jean-pierre"))
        #expect(StoreSession.hasWord(startingWith: "ra", in: "juan ramos"))
        #expect(!StoreSession.hasWord(startingWith: "amo", in: "juan ramos"))
        #expect(!StoreSession.hasWord(startingWith: "neill", in: "o'neill"))
        #expect(!StoreSession.hasWord(startingWith: "", in: "ana"))
    }

    @Test func edgePropertyValuesAreDistinctSortedAndMatchAnyCase() throws {
        let f = try fixture()
        try f.read { s throws in
            #expect(
                try s.edgePropertyValues(kind: "member_of", property: "role", prefix: "", limit: 10) == [
                    "Chequeo", "corredor", "palabrero",
                ])
            #expect(
                try s.edgePropertyValues(kind: "member_of", property: "role", prefix: "CH", limit: 10) == ["Chequeo"])
            #expect(try s.edgePropertyValues(kind: "member_of", property: "role", prefix: "", limit: 1) == ["Chequeo"])
            #expect(try s.edgePropertyValues(kind: "called", property: "role", prefix: "", limit: 10) == [])
            #expect(try s.edgePropertyValues(kind: "member_of", property: "ro\"le", prefix: "", limit: 10) == [])
            #expect(try s.edgePropertyValues(kind: "member_of", property: "", prefix: "", limit: 10) == [])
        }
    }

    @Test(arguments: [
        "", "'", "\"", "*", "%", "_", "[a-z]*", "P-", "p-0", "P-99999999999999999999", "\u{0}", "  ", "-",
    ])
    func anyTextIsReadLiterallyAndNothingIsWritten(_ text: String) throws {
        let f = try fixture()
        try f.read { s throws in
            let version = try s.dataVersion()
            _ = try s.entityCompletions(prefix: text, kind: nil, limit: 20)
            _ = try s.entityCompletions(prefix: text, kind: "nonexistent", limit: 20)
            _ = try s.edgePropertyValues(kind: "member_of", property: text, prefix: text, limit: 20)
            #expect(try s.dataVersion() == version)
            #expect(try s.countEntities(kind: nil) == 5)
        }
    }
}
