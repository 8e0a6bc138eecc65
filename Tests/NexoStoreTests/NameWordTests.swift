import NexoKit
import Testing

@testable import NexoStore

/// The `name_words` index behind the match engine's name candidates: kept in step with labels, aliases, renames,
/// removals, bulk imports and undo, and looked up word by word (rare words whole, common words together).
@Suite struct NameWordTests {
    func candidates(_ f: Fixture, _ name: String, limit: Int = 10) throws -> NameWordCandidates {
        try f.read { try $0.nameWordCandidates(name, kind: "person", limit: limit) }
    }

    @Test func followsLabelsAliasesRenamesRemovalsAndUndo() throws {
        let f = try Fixture()
        try f.write { s in
            try s.addEntity(EntityDraft(kind: "person", label: "José Hernández"), source: nil) // P-1
            try s.addEntity(EntityDraft(kind: "person", label: "María José Pérez"), source: nil) // P-2
            try s.addEntity(EntityDraft(kind: "group", label: "José gang"), source: nil) // G-1
        }
        #expect(try candidates(f, "JOSE").entities.sorted { $0 < $1 } == ["P-1", "P-2"], "people only, folded")
        #expect(try candidates(f, "Hernandez Jose").entities.sorted { $0 < $1 } == ["P-1", "P-2"])
        try f.write { try $0.addAlias("El Chepe", to: "P-2") }
        #expect(try candidates(f, "chepe").entities == ["P-2"])
        try f.write { try $0.updateEntity("P-1", label: "Josué Hernández", properties: [:]) }
        #expect(try candidates(f, "jose").entities == ["P-2"])
        #expect(try candidates(f, "josue").entities == ["P-1"])
        _ = try f.store.undoLastRun(by: f.request("undo"))
        #expect(try candidates(f, "josue").entities.isEmpty)
        #expect(try candidates(f, "jose").entities.sorted { $0 < $1 } == ["P-1", "P-2"])
        _ = try f.store.undoLastRun(by: f.request("undo"))
        #expect(try candidates(f, "chepe").entities.isEmpty, "the undone alias's words went with it")
        try f.write { try $0.removeEntity("P-2") }
        #expect(try candidates(f, "maria").entities.isEmpty)
        #expect(try candidates(f, "maria").unknownWords == ["maria"])
        _ = try f.store.undoLastRun(by: f.request("undo"))
        #expect(try candidates(f, "maria").entities == ["P-2"], "restored with the person")
    }

    @Test func rareWordsWholeCommonWordsTogetherAndMisspellingsByTheirStart() throws {
        let f = try Fixture()
        try f.write { s in
            for n in 1...30 {
                // Everyone is a Garcia; every third a Maria; P-7 alone is a Quintanilla.
                let given = n % 3 == 0 ? "Maria" : "Ana"
                let label = n == 7 ? "Ana Quintanilla Garcia" : "\(given) Garcia Lopez"
                try s.addEntity(EntityDraft(kind: "person", label: label), source: nil)
            }
        }
        let rare = try candidates(f, "Maria Quintanilla", limit: 5)
        #expect(rare.entities == ["P-7"], "Maria (10 people) is common at limit 5; Quintanilla brings P-7")
        let both = try candidates(f, "Maria Garcia", limit: 20)
        #expect(both.entities.count == 10 && both.truncated.isEmpty, "the ten Garcias named Maria: \(both)")
        let cut = try candidates(f, "Ana Garcia", limit: 5)
        #expect(cut.entities.count == 5 && cut.truncated == ["ana garcia"], "\(cut)")
        let typo = try candidates(f, "Quintanila", limit: 5)
        #expect(typo.entities == ["P-7"] && typo.unknownWords == ["quintanila"], "by its first four letters")
    }
}
