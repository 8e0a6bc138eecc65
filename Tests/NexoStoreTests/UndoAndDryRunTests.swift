import NexoKit
import Testing

@testable import NexoStore

@Suite struct UndoAndDryRunTests {
    func undo(_ f: Fixture) throws -> (undone: RunInfo, changes: ChangeSummary)? {
        try f.store.undoLastRun(by: f.request("undo"))
    }

    @Test func undoAddRemovesWhatTheRunInserted() throws {
        let f = try Fixture()
        try f.seedGraph()
        try f.write("add person Beto") { s in
            try s.addEntity(EntityDraft(kind: "person", label: "Beto Ramírez"), source: nil)
            try s.addAlias("Beto", to: "P-1")
        }
        let result = try #require(try undo(f))
        #expect(result.undone.command == "add person Beto")
        #expect(result.changes.entitiesRemoved == 1)
        try f.read { s throws in
            #expect(try s.entity("P-3") == nil)
            #expect(try s.search("ramirez", kind: nil, limit: 5).isEmpty)
            #expect(try s.search("beto", kind: nil, limit: 5).isEmpty)
            #expect(try s.aliases(of: "P-1").isEmpty)
            #expect(try s.countEntities(kind: nil) == 5)
        }
        #expect(try f.store.dataVersion() == 3, "the undo is itself a run")
        let again = try f.write { try $0.addEntity(EntityDraft(kind: "person", label: "Carla"), source: nil).id }
        #expect(again.value == "P-4", "ids are not reused after undo")
    }

    @Test func undoUpdateRestoresLabelPropertiesAndIndex() throws {
        let f = try Fixture()
        try f.seedGraph()
        try f.write {
            try $0.updateEntity("P-1", label: "Chepe Renamed", properties: ["sex": .null, "children": .int(3)])
        }
        let result = try #require(try undo(f))
        #expect(result.changes.entitiesUpdated == 1)
        try f.read { s throws in
            let p = try #require(try s.entity("P-1"))
            #expect(p.label == "José Hernández")
            #expect(p.properties == ["sex": .string("M")])
            #expect(try s.search("renamed", kind: nil, limit: 5).isEmpty)
            #expect(try s.search("jose hernandez", kind: nil, limit: 5).map(\.entity.id) == ["P-1"])
        }
    }

    @Test func undoRemoveRestoresEntityEdgesAliasesAndExactConfidence() throws {
        let f = try Fixture()
        try f.seedGraph()
        try f.write { s in
            // E-6
            try s.addEdge(EdgeDraft(kind: "member_of", from: "P-1", to: "G-1", confidence: 0.1 + 0.2), source: nil)
            try s.addAlias("El Chepe", to: "P-1")
        }
        let before = try f.read { s in
            (try s.entity("P-1"), try s.edges(EdgeQuery(entity: "P-1")), try s.aliases(of: "P-1"))
        }
        try f.write { try $0.removeEntity("P-1") }
        let result = try #require(try undo(f))
        #expect(result.changes.entitiesAdded == 1 && result.changes.edgesAdded == 3)
        try f.read { s throws in
            #expect(try s.entity("P-1") == before.0)
            #expect(try s.edges(EdgeQuery(entity: "P-1")) == before.1)
            #expect(try s.edges(EdgeQuery(entity: "P-1")).last?.confidence == 0.1 + 0.2)
            #expect(try s.aliases(of: "P-1") == before.2)
            #expect(try s.search("chepe", kind: nil, limit: 5).map(\.entity.id) == ["P-1"])
            #expect(try s.search("hernandez", kind: nil, limit: 5).map(\.entity.id) == ["P-1"])
        }
    }

    @Test func undoLinkAddAndRemove() throws {
        let f = try Fixture()
        try f.seedGraph()
        try f.write("link add") { try $0.addEdge(EdgeDraft(kind: "member_of", from: "P-2", to: "G-1"), source: nil) }
        #expect(try undo(f)?.changes.edgesRemoved == 1)
        #expect(try f.read { try $0.edges(EdgeQuery()) }.count == 5)
        try f.write { try $0.removeEdge(EdgeID(5)) }
        #expect(try undo(f)?.changes.edgesAdded == 1)
        #expect(try f.read { try $0.edge(EdgeID(5)) }?.properties == ["calls": .int(12)])
    }

    @Test func undoWalksBackwardsAndSkipsUndoRuns() throws {
        let f = try Fixture()
        try f.write("one") { try $0.addEntity(EntityDraft(kind: "person", label: "One"), source: nil) }
        try f.write("two") { try $0.addEntity(EntityDraft(kind: "person", label: "Two"), source: nil) }
        #expect(try undo(f)?.undone.command == "two")
        #expect(try undo(f)?.undone.command == "one")
        #expect(try undo(f) == nil)
        #expect(try f.read { try $0.countEntities(kind: nil) } == 0)
        #expect(try f.read { try $0.runs(limit: 10) }.map(\.command) == ["undo", "undo", "two", "one"])
        #expect(try f.store.dataVersion() == 4)
    }

    @Test func undoCaseOpenAndClose() throws {
        let f = try Fixture()
        try f.write { _ = try $0.openCase(id: "C-1", title: "t", purpose: "p") }
        try f.write { try $0.closeCase("C-1") }
        _ = try undo(f)
        #expect(try f.read { try $0.caseInfo("C-1") }?.isOpen == true)
        _ = try undo(f)
        #expect(try f.read { try $0.caseInfo("C-1") } == nil)
    }

    @Test func undoImportRemovesEverythingImported() throws {
        let f = try Fixture()
        try f.seedGraph()
        let file = try f.directory.write(
            "in.ndjson",
            """
            {"type":"entity","id":"P-10","kind":"person","label":"Imported Ida","aliases":["La Ida"]}
            {"type":"edge","kind":"member_of","from":"P-10","to":"G-1"}
            """)
        try f.write("import") { s in
            try s.addAlias("Old alias", to: "P-2")
            return try s.importFile(path: file, format: .detect, skipInvalid: false) { _ in }
        }
        #expect(try f.read { try $0.search("ida", kind: nil, limit: 5) }.count == 1)
        let result = try #require(try undo(f))
        #expect(result.changes.entitiesRemoved == 1 && result.changes.edgesRemoved == 1)
        try f.read { s throws in
            #expect(try s.entity("P-10") == nil)
            #expect(try s.search("ida", kind: nil, limit: 5).isEmpty)
            #expect(try s.search("old alias", kind: nil, limit: 5).isEmpty)
            #expect(try s.edges(EdgeQuery()).count == 5)
        }
    }

    @Test func dryRunReportsChangesAndKeepsNothing() throws {
        let f = try Fixture()
        try f.seedGraph()
        let outcome = try f.store.perform(f.request("add person Zoe --dry-run"), writes: true, dryRun: true) { s in
            try s.addEntity(EntityDraft(kind: "person", label: "Zoe"), source: nil)
            try s.addEdge(EdgeDraft(kind: "member_of", from: "P-3", to: "G-1"), source: nil)
            try s.removeEdge(EdgeID(5))
            return try s.dataVersion()
        }
        #expect(outcome.changes.description == "1 entity added, 1 edge added, 1 edge removed")
        #expect(outcome.run == nil)
        #expect(outcome.value == 2, "inside the dry run the version is the run's")
        #expect(try f.store.dataVersion() == 1)
        try f.read { s throws in
            #expect(try s.entity("P-3") == nil)
            #expect(try s.edge(EdgeID(5)) != nil)
            #expect(try s.search("zoe", kind: nil, limit: 5).isEmpty)
            #expect(try s.runs(limit: 5).count == 1)
        }
    }

    @Test func writesThatChangeNothingDoNotMoveTheDataVersion() throws {
        let f = try Fixture()
        try f.seedGraph()
        let outcome = try f.write { s in try s.entity("P-1")?.label }
        #expect(outcome.run == nil && outcome.changes.isEmpty)
        #expect(try f.store.dataVersion() == 1)
        #expect(try f.read { try $0.runs(limit: 5) }.count == 1)
    }
}

@Suite struct TemplateStateTests {
    /// The engine asks for the template state before every search; the count comes from a row
    /// kept by triggers, which must agree with the table through adds, replacements, removals
    /// and undo.
    @Test func triggerKeptCountFollowsEveryChange() throws {
        let f = try Fixture()
        try f.seedGraph()
        func counted() throws -> (kept: Int, actual: Int, newest: Int64, changes: Int64) {
            try f.read { s throws in
                let state = try s.templateState()
                let actual = try s.connection.scalarInt("SELECT count(*) FROM templates") ?? -1
                return (state.count, Int(actual), state.newest, state.changes)
            }
        }
        #expect(try counted().kept == 0)
        try f.write("enrol") { s in
            try s.addTemplate(EncodedTemplate(id: 0, entity: "P-1", modality: .face, position: 0, data: [1]))
            try s.addTemplate(EncodedTemplate(id: 0, entity: "P-1", modality: .iris, position: 1, data: [2]))
            try s.addTemplate(EncodedTemplate(id: 0, entity: "P-2", modality: .face, position: 0, data: [3]))
        }
        var now = try counted()
        #expect(now.kept == 3 && now.actual == 3 && now.newest == 3 && now.changes == 3)
        try f.write("replace") { s in
            try s.addTemplate(EncodedTemplate(id: 0, entity: "P-1", modality: .face, position: 0, data: [4]))
        }
        now = try counted()
        // A replacement is a deletion and an insertion.
        #expect(now.kept == 3 && now.actual == 3 && now.newest == 4 && now.changes == 5)
        try f.write("remove") { try $0.removeEntity("P-1") }
        now = try counted()
        #expect(now.kept == 1 && now.actual == 1 && now.changes == 7)
        // The undo restores both, with their ids: the newest id and count are back, the changes are not.
        _ = try f.store.undoLastRun(by: f.request("undo"))
        now = try counted()
        #expect(now.kept == 3 && now.actual == 3 && now.newest == 4 && now.changes == 9)
    }
}

/// `undo` takes back the current user's own command; another user's needs its run id.
@Suite struct UndoByUserTests {
    private func add(_ f: Fixture, _ label: String, user: String) throws {
        _ = try f.store.perform(f.request("add person \(label)", user: user), writes: true, dryRun: false) { s throws in
            try s.addEntity(EntityDraft(kind: "person", label: label), source: nil)
        }
    }

    @Test func undoRevertsTheUsersOwnLastCommandNotAnotherUsersLater() throws {
        let f = try Fixture()
        try add(f, "Ana's", user: "ana") // R-1, P-1
        try add(f, "Maria's", user: "maria") // R-2, P-2
        let undone = try #require(try f.store.undoLastRun(by: f.request("undo", user: "ana")))
        #expect(undone.undone.id == 1)
        #expect(undone.undone.user == "ana")
        try f.read { s throws in
            #expect(try s.entity("P-1") == nil)
            #expect(try s.entity("P-2")?.label == "Maria's")
        }
        #expect(try f.store.undoLastRun(by: f.request("undo", user: "ana")) == nil)
    }

    @Test func anotherUsersRunIsUndoneByItsId() throws {
        let f = try Fixture()
        try add(f, "Maria's", user: "maria")
        let undone = try f.store.undoRun(1, by: f.request("undo R-1", user: "ana"))
        #expect(undone.undone.user == "maria")
        #expect(
            nexoError { _ = try f.store.undoRun(1, by: f.request("undo R-1", user: "ana")) }
                == NexoError(.conflict, "R-1 ('add person Maria's') is already undone"))
        #expect(
            nexoError { _ = try f.store.undoRun(9, by: f.request("undo R-9", user: "ana")) }
                == NexoError(.notFound, "no run R-9", hint: "'runs' lists the writing commands and their run ids"))
    }

    @Test func aCommandOthersBuiltOnIsNotUndoneAndTheErrorNamesThem() throws {
        let f = try Fixture()
        try add(f, "Ana's", user: "ana") // R-1, P-1
        _ = try f.store.perform(f.request("link add P-1 member_of G-1", user: "maria"), writes: true, dryRun: false) {
            s throws in
            _ = try s.addEntity(EntityDraft(kind: "group", label: "Sonsonate Locos"), source: nil)
            try s.addEdge(EdgeDraft(kind: "member_of", from: "P-1", to: "G-1"), source: nil)
        }
        #expect(
            nexoError { _ = try f.store.undoLastRun(by: f.request("undo", user: "ana")) }
                == NexoError(
                    .conflict,
                    "cannot undo R-1 by ana ('add person Ana's'): later runs depend on it: "
                        + "R-2 by maria ('link add P-1 member_of G-1')",
                    hint: "undo those first, newest first ('undo R-2'), or leave it"))
        try f.read { s throws in #expect(try s.entity("P-1") != nil) }
    }
}
