import NexoKit
import Testing

@testable import NexoStore

@Suite struct SearchTests {
    func fixture() throws -> Fixture {
        let f = try Fixture()
        try f.write { s in
            try s.addEntity(EntityDraft(kind: "person", label: "José Hernández"), source: nil) // P-1
            try s.addEntity(EntityDraft(kind: "person", label: "Josefina Hernandez"), source: nil) // P-2
            try s.addEntity(EntityDraft(kind: "person", label: "María José Pérez"), source: nil) // P-3
            try s.addEntity(EntityDraft(kind: "group", label: "JOSE gang"), source: nil) // G-1
            try s.addEntity(EntityDraft(kind: "person", label: "Li"), source: nil) // P-4
            try s.addAlias("El Flaco Ñoño", to: "P-3")
        }
        return f
    }

    @Test func foldsCaseAndAccentsAndRanksExactThenPrefixThenContains() throws {
        let f = try fixture()
        try f.read { s throws in
            let hits = try s.search("jose", kind: nil, limit: 10)
            #expect(hits.map(\.entity.id.rawValue) == ["G-1", "P-1", "P-2", "P-3"])
            #expect(hits.map { Int($0.score) } == [3, 3, 3, 2])
            // The whole text first, then names holding every word in any order.
            #expect(try s.search("JOSÉ HERNÁNDEZ", kind: nil, limit: 10).map(\.entity.id.rawValue) == ["P-1", "P-2"])
            #expect(try s.search("hernandez jose", kind: nil, limit: 10).map(\.entity.id.rawValue) == ["P-1", "P-2"])
            #expect(try s.search("perez ma", kind: nil, limit: 10).map(\.entity.id.rawValue) == ["P-3"])
            #expect(try s.search("perez xy", kind: nil, limit: 10).isEmpty)
            #expect(try s.search("jose hernandez", kind: nil, limit: 10).first?.matched == "José Hernández")
            #expect(try s.search("josé", kind: "person", limit: 2).map(\.entity.id.rawValue) == ["P-1", "P-2"])
            #expect(try s.search("nono", kind: nil, limit: 10).map(\.matched) == ["El Flaco Ñoño"])
            #expect(try s.search("li", kind: nil, limit: 10).map(\.entity.id.rawValue) == ["P-4"])
            #expect(try s.search("Li", kind: nil, limit: 10).first?.score == 4)
            #expect(try s.search("j", kind: nil, limit: 10).map(\.entity.id.rawValue) == ["G-1", "P-1", "P-2"])
            #expect(try s.search("   ", kind: nil, limit: 10).isEmpty)
        }
    }

    @Test(arguments: [
        "' OR 1=1 --", "\"", "\"\"", "*", "jose*", "NEAR(jose hernandez)", "jose OR maria", "-jose",
        "^jos", "a\u{0}b", "\u{1}\u{7}\u{1B}[2J", "%", "_", "[a-z]*", "names MATCH 'x'", "'); DROP TABLE entities; --",
        "\"\"\" OR \"\"", "jose\" OR \"maria", "{folded}: jose", "\u{FEFF}\u{200B}",
        String(repeating: "ab", count: 500),
        String(repeating: "a b ", count: 250),
    ])
    func hostileInputIsSearchedLiterally(_ text: String) throws {
        let f = try fixture()
        try f.read { s throws in
            let query = NameFolding.foldQuery(text)
            let hits = try s.search(text, kind: nil, limit: 10)
            #expect(hits.allSatisfy { NameFolding.fold($0.matched).contains(query) })
            _ = try s.entityCompletions(prefix: text, kind: nil, limit: 10)
            _ = nexoError { _ = try s.resolve(text, kind: nil) }
            #expect(try s.countEntities(kind: nil) == 5)
            #expect(try s.search("jose", kind: nil, limit: 10).count == 4)
        }
    }

    @Test func greekCyrillicAndVietnameseNamesAreFoundWithoutAccents() throws {
        let f = try fixture()
        try f.write { s in
            try s.addEntity(EntityDraft(kind: "person", label: "Ἀλέξανδρος Δέλτα"), source: nil) // P-5
            try s.addEntity(EntityDraft(kind: "person", label: "Nguyễn Thị Ánh"), source: nil) // P-6
            try s.addEntity(EntityDraft(kind: "person", label: "Йордан Ёлкин"), source: nil) // P-7
        }
        try f.read { s throws in
            #expect(try s.search("αλεξανδροσ δελτα", kind: nil, limit: 10).map(\.entity.id) == ["P-5"])
            #expect(try s.search("ΔΈΛΤΑ", kind: nil, limit: 10).map(\.entity.id) == ["P-5"])
            #expect(try s.search("nguyen thi anh", kind: nil, limit: 10).map(\.entity.id) == ["P-6"])
            #expect(try s.search("иордан елкин", kind: nil, limit: 10).map(\.entity.id) == ["P-7"])
            #expect(try s.resolve("nguyen thi anh", kind: nil).id == "P-6")
        }
    }

    @Test func aTextLongerThanANameIsRefused() throws {
        let f = try fixture()
        try f.read { s throws in
            #expect(
                nexoError { _ = try s.search(" " + String(repeating: "a", count: 1001) + " ", kind: nil, limit: 10) }
                    == NexoError(
                        .usage, "search text is 1001 characters long; the limit is 1000",
                        hint: "search for a part of the name: names are at most 1000 characters"))
            #expect(
                nexoError { _ = try s.resolve(String(repeating: "jose ", count: 400), kind: "person") }
                    == NexoError(
                        .notFound, "no person '\(String(repeating: "jose ", count: 8))…' (1999 characters)",
                        hint: "ids and names are at most 1000 characters"))
        }
    }

    @Test func wordsLongerThanAPhraseAreCheckedWhole() throws {
        let f = try Fixture()
        let head = String(repeating: "abcdefgh", count: 5) // 40 characters, more than a phrase
        try f.write { s in
            try s.addEntity(EntityDraft(kind: "person", label: head + "xyz tail"), source: nil) // P-1
            try s.addEntity(EntityDraft(kind: "person", label: head + "qqq tail"), source: nil) // P-2
            try s.addEntity(EntityDraft(kind: "person", label: String(repeating: "a", count: 1000)), source: nil) // P-3
            try s.addAlias(String(repeating: "a b ", count: 250), to: "P-3")
        }
        try f.read { s throws in
            #expect(try s.search(head + "xyz", kind: nil, limit: 10).map(\.entity.id) == ["P-1"])
            #expect(try s.search("tail " + head + "qqq", kind: nil, limit: 10).map(\.entity.id) == ["P-2"])
            #expect(try s.search(head + "xyz", kind: nil, limit: 10).first?.score ?? 0 >= 3)
            #expect(
                try s.search(String(repeating: "a", count: 1000), kind: nil, limit: 10).map { $0.score.rounded(.down) }
                    == [4])
            #expect(try s.search(String(repeating: "a", count: 999) + "b", kind: nil, limit: 10).isEmpty)
            #expect(
                try s.search(String(repeating: "a b ", count: 250), kind: nil, limit: 10).map(\.entity.id) == ["P-3"])
            #expect(try s.resolve(String(repeating: "a", count: 1000), kind: nil).id == "P-3")
        }
    }

    @Test func ftsOperatorsInTheTextDoNotWidenTheSearch() throws {
        let f = try fixture()
        try f.read { s throws in
            #expect(try s.search("jose OR li", kind: nil, limit: 10).isEmpty)
            #expect(try s.search("jos*", kind: nil, limit: 10).isEmpty)
        }
    }

    /// Labels starting with the text, then labels with a word starting with it ("María José Pérez" for "jos").
    @Test func completionsListIDsThenLabels() throws {
        let f = try fixture()
        try f.read { s throws in
            #expect(
                try s.entityCompletions(prefix: "P-", kind: nil, limit: 10).entities.map(\.entity.id.rawValue) == [
                    "P-1", "P-2", "P-3", "P-4",
                ])
            #expect(
                try s.entityCompletions(prefix: "p-", kind: nil, limit: 2).entities.map(\.entity.id.rawValue) == [
                    "P-1", "P-2",
                ])
            #expect(
                try s.entityCompletions(prefix: "jos", kind: nil, limit: 10).entities.map(\.entity.id.rawValue) == [
                    "G-1", "P-1", "P-2", "P-3",
                ])
            #expect(
                try s.entityCompletions(prefix: "jos", kind: "person", limit: 10).entities.map(\.entity.id.rawValue)
                    == ["P-1", "P-2", "P-3"])
            #expect(
                try s.entityCompletions(prefix: "ma", kind: nil, limit: 10).entities.map(\.entity.id.rawValue) == [
                    "P-3"
                ])
            // Aliases (monikers) complete too, to the entity's id.
            #expect(
                try s.entityCompletions(prefix: "el flaco", kind: "person", limit: 10).entities.map(
                    \.entity.id.rawValue) == ["P-3"])
        }
    }

    @Test func resolveByIDLabelOrAlias() throws {
        let f = try fixture()
        try f.read { s throws in
            #expect(try s.resolve("P-3", kind: nil).label == "María José Pérez")
            #expect(try s.resolve("p-3", kind: "person").id == "P-3")
            #expect(try s.resolve("jose hernandez", kind: nil).id == "P-1")
            #expect(try s.resolve("  El flaco ñoño ", kind: "person").id == "P-3")
            #expect(try s.resolve("li", kind: nil).id == "P-4")
        }
    }

    @Test func resolveErrorsSuggestAndExplain() throws {
        let f = try fixture()
        try f.write { s in
            try s.addEntity(EntityDraft(kind: "person", label: "Juan Perez"), source: nil) // P-5
            try s.addEntity(EntityDraft(kind: "person", label: "Juan Pérez"), source: nil) // P-6
        }
        try f.read { s throws in
            #expect(
                nexoError { _ = try s.resolve("Juan Perez", kind: nil) }
                    == NexoError(
                        .usage, "ambiguous: 'Juan Perez' matches P-5 (Juan Perez), P-6 (Juan Pérez); use an id"))
            #expect(
                nexoError { _ = try s.resolve("Juan Pe", kind: nil) }
                    == NexoError(
                        .usage, "ambiguous: 'Juan Pe' is part of the names of P-5 (Juan Perez), P-6 (Juan Pérez)",
                        hint: "use an id, or the whole name in quotes"))
            #expect(try s.resolve("Josefina", kind: nil).id == "P-2", "the one name that contains it, as find finds it")
            #expect(
                nexoError { _ = try s.resolve("P-3", kind: "group") }
                    == NexoError(.usage, "P-3 is a person, expected a group"))
            #expect(
                nexoError { _ = try s.resolve("jose gang", kind: "person") }
                    == NexoError(.usage, "G-1 is a group, expected a person"))
            #expect(
                nexoError { _ = try s.resolve("Jose Hernandes", kind: nil) }
                    == NexoError(
                        .notFound, "no entity 'Jose Hernandes'", hint: "Did you mean 'P-1' (José Hernández)?"))
            #expect(
                nexoError { _ = try s.resolve("Josefina Hernandez", kind: "group") }
                    == NexoError(.usage, "P-2 is a person, expected a group"))
            #expect(
                nexoError { _ = try s.resolve("P-12", kind: nil) }
                    == NexoError(.notFound, "no entity 'P-12'", hint: "Did you mean 'P-1' (José Hernández)?"))
            #expect(
                nexoError { _ = try s.resolve("zzzzqqq", kind: "person") }
                    == NexoError(.notFound, "no person 'zzzzqqq'"))
            #expect(
                nexoError { _ = try s.resolve("x", kind: "persn") }
                    == NexoError(.notFound, "unknown entity kind 'persn'", hint: "Did you mean 'person'?"))
        }
    }
}
