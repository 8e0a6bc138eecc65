import NexoKit
import Testing

@testable import NexoStore

@Suite struct EntityWriteTests {
    @Test func addAssignsSequentialIDsPerPrefixAndReadsBackTypedProperties() throws {
        let f = try Fixture()
        let outcome = try f.write { s in
            let a = try s.addEntity(
                EntityDraft(
                    kind: "person", label: "Ana",
                    properties: [
                        "date_of_birth": .date(CivilDate(year: 1994, month: 2, day: 28)!), "height": .int(170),
                        "children": .int(2), "deceased": .bool(false), "sex": .string("F"),
                        "given_names": .string("Ana \"La\" María"),
                    ]), source: nil)
            let b = try s.addEntity(EntityDraft(kind: "person", label: "Beto"), source: nil)
            let g = try s.addEntity(EntityDraft(kind: "group", label: "MS"), source: nil)
            return [a.id, b.id, g.id]
        }
        #expect(outcome.value == ["P-1", "P-2", "G-1"])
        #expect(outcome.changes.entitiesAdded == 3)
        #expect(outcome.run?.id == 1)
        let ana = try #require(try f.read { try $0.entity("P-1") })
        #expect(ana.label == "Ana")
        #expect(
            ana.properties == [
                "date_of_birth": .date(CivilDate(year: 1994, month: 2, day: 28)!), "height": .double(170),
                "children": .int(2), "deceased": .bool(false), "sex": .string("F"),
                "given_names": .string("Ana \"La\" María"),
            ])
        #expect(ana.provenance?.run.id == 1)
        #expect(try f.read { try $0.entity("P-99") } == nil)
    }

    @Test func suppliedIDsMoveTheSequencePastThem() throws {
        let f = try Fixture()
        let ids = try f.write { s in
            try s.addEntity(EntityDraft(id: "P-40", kind: "person", label: "Forty"), source: nil)
            return try s.addEntity(EntityDraft(kind: "person", label: "Next"), source: nil).id
        }.value
        #expect(ids == "P-41")
        let duplicate = nexoError {
            try f.write { try $0.addEntity(EntityDraft(id: "P-40", kind: "person", label: "Again"), source: nil) }
        }
        #expect(
            duplicate == NexoError(.conflict, "entity P-40 already exists", hint: "leave the id out to get a new one"))
    }

    @Test func validationErrorsSayWhatIsWrong() throws {
        let f = try Fixture()
        func attempt(_ draft: EntityDraft) -> NexoError? {
            nexoError { try f.write { try $0.addEntity(draft, source: nil) } }
        }
        #expect(
            attempt(EntityDraft(kind: "persn", label: "X"))
                == NexoError(.notFound, "unknown entity kind 'persn'", hint: "Did you mean 'person'?"))
        #expect(
            attempt(EntityDraft(kind: "person", label: "  "))
                == NexoError(.invalidInput, "label must not be empty"))
        #expect(
            attempt(EntityDraft(kind: "person", label: "X", properties: ["given_name": .string("a")]))
                == NexoError(
                    .invalidInput, "property 'given_name' is not declared for person",
                    hint: "Did you mean 'given_names'?"))
        #expect(
            attempt(EntityDraft(kind: "person", label: "X", properties: ["date_of_birth": .string("yesterday")]))
                == NexoError(
                    .invalidInput,
                    "property 'date_of_birth' of person must be a date (YYYY-MM-DD), got text 'yesterday'"))
        #expect(
            attempt(EntityDraft(kind: "person", label: "X", properties: ["sex": .string("Q")]))
                == NexoError(.invalidInput, "property 'sex' of person must be one of F|M|X, got 'Q'"))
        #expect(
            attempt(EntityDraft(kind: "person", label: "X", properties: ["children": .double(1.5)]))
                == NexoError(.invalidInput, "property 'children' of person must be an int, got number 1.5"))
        #expect(
            attempt(EntityDraft(kind: "person", label: "X", properties: ["height": .double(.nan)]))
                == NexoError(.invalidInput, "property 'height' of person must be a finite number, got number nan"))
        #expect(
            attempt(EntityDraft(kind: "phone", label: "X"))
                == NexoError(.invalidInput, "missing required property 'number' for phone"))
        #expect(
            attempt(EntityDraft(id: "P 1", kind: "person", label: "X"))
                == NexoError(
                    .invalidInput, "invalid id 'P 1'", hint: "ids are non-empty, without spaces or control characters"))
        #expect(try f.read { try $0.countEntities(kind: nil) } == 0)
        #expect(try f.store.dataVersion() == 0)
    }

    @Test func updateChangesLabelAndPropertiesAndNullRemoves() throws {
        let f = try Fixture()
        try f.write {
            try $0.addEntity(
                EntityDraft(kind: "person", label: "Ana", properties: ["sex": .string("F"), "children": .int(1)]),
                source: nil)
        }
        let outcome = try f.write { s in
            try s.updateEntity("P-1", label: "Ana María", properties: ["children": .null, "height": .double(1.6)])
        }
        #expect(outcome.changes.entitiesUpdated == 1)
        let ana = try #require(try f.read { try $0.entity("P-1") })
        #expect(ana.label == "Ana María")
        #expect(ana.properties == ["sex": .string("F"), "height": .double(1.6)])
        #expect(ana.provenance?.run.id == 1, "provenance names the creating run")
        let unchanged = try f.write { try $0.updateEntity("P-1", label: "Ana María", properties: [:]) }
        #expect(unchanged.run == nil && unchanged.changes.isEmpty)
        #expect(try f.store.dataVersion() == 2)
        #expect(
            nexoError { try f.write { try $0.updateEntity("P-7", label: "X", properties: [:]) } }
                == NexoError(.notFound, "no entity 'P-7'"))
        #expect(
            nexoError { try f.write { try $0.updateEntity("P-1", label: nil, properties: ["sex": .int(1)]) } }
                == NexoError(.invalidInput, "property 'sex' of person must be one of F|M|X, got int 1"))
    }

    @Test func removeEntityRemovesItsEdgesAndAliases() throws {
        let f = try Fixture()
        try f.seedGraph()
        try f.write { try $0.addAlias("El Chepe", to: "P-1") }
        let outcome = try f.write { try $0.removeEntity("P-1") }
        #expect(outcome.changes.entitiesRemoved == 1)
        #expect(outcome.changes.edgesRemoved == 2)
        try f.read { s throws in
            #expect(try s.entity("P-1") == nil)
            #expect(try s.edges(EdgeQuery()).map(\.id.rawValue) == [2, 4, 5])
            #expect(try s.search("chepe", kind: nil, limit: 5).isEmpty)
            #expect(try s.search("jose", kind: nil, limit: 5).isEmpty)
        }
    }

    @Test func readOnlySessionsRefuseWrites() throws {
        let f = try Fixture()
        let error = nexoError {
            _ = try f.store.perform(f.request("show P-1"), writes: false, dryRun: false) { s in
                try s.addEntity(EntityDraft(kind: "person", label: "X"), source: nil)
            }
        }
        #expect(
            error
                == NexoError(
                    .denied, "'show P-1' is read-only and cannot change the store",
                    hint: "a command that writes must declare writes: true in its CommandSpec"))
    }

    @Test func sessionCannotBeUsedAfterItsCommand() throws {
        let f = try Fixture()
        let escaped = try f.read { $0 }
        #expect(nexoError { _ = try escaped.entity("P-1") }?.message == "store session used after its command ended")
    }

    @Test func throwingCommandStoresNothing() throws {
        let f = try Fixture()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try f.write { s in
                try s.addEntity(EntityDraft(kind: "person", label: "Ana"), source: nil)
                throw Boom()
            }
        }
        #expect(try f.read { try $0.countEntities(kind: nil) } == 0)
        #expect(try f.store.dataVersion() == 0)
        #expect(try f.read { try $0.runs(limit: 10) }.isEmpty)
    }

    @Test func countsPerKindFollowAddsRemovalsAndUndo() throws {
        let f = try Fixture()
        func counted() throws -> [Int] {
            try f.read { s throws(NexoError) in [try s.countEntities(kind: "person"), try s.countEntities(kind: nil)] }
        }
        try f.write { s in
            for name in ["Ana", "Beto", "Carla"] {
                try s.addEntity(EntityDraft(kind: "person", label: name), source: nil)
            }
            try s.addEntity(EntityDraft(kind: "group", label: "G"), source: nil)
        }
        #expect(try counted() == [3, 4])
        try f.write { try $0.removeEntity("P-2") }
        #expect(try counted() == [2, 3])
        _ = try f.store.undoLastRun(by: f.request("undo"))
        #expect(try counted() == [3, 4])
        _ = try f.store.undoLastRun(by: f.request("undo"))
        #expect(try counted() == [0, 0])
    }

    @Test func aliasesAreKeptInOrderWithoutDuplicates() throws {
        let f = try Fixture()
        try f.write { s in
            try s.addEntity(EntityDraft(kind: "person", label: "Ana"), source: nil)
            try s.addAlias("La Flaca", to: "P-1")
            try s.addAlias("Anita", to: "P-1")
            try s.addAlias("La Flaca", to: "P-1")
        }
        #expect(try f.read { try $0.aliases(of: "P-1") } == ["La Flaca", "Anita"])
        #expect(
            nexoError { try f.write { try $0.addAlias("X", to: "P-9") } } == NexoError(.notFound, "no entity 'P-9'"))
    }

    @Test func entityQueriesFilterByKindAndPropertyInIDOrder() throws {
        let f = try Fixture()
        try f.write { s in
            for i in 1...12 {
                try s.addEntity(
                    EntityDraft(
                        kind: "person", label: "Person \(i)", properties: ["sex": .string(i % 2 == 0 ? "F" : "M")]),
                    source: nil)
            }
            try s.addEntity(EntityDraft(kind: "group", label: "G"), source: nil)
        }
        try f.read { s throws in
            #expect(
                try s.entities(EntityQuery(kind: "person", properties: ["sex": .string("F")])).map(\.id.rawValue)
                    == ["P-2", "P-4", "P-6", "P-8", "P-10", "P-12"])
            #expect(try s.entities(EntityQuery(limit: 3)).map(\.id.rawValue) == ["G-1", "P-1", "P-2"])
            #expect(try s.countEntities(kind: "person") == 12)
            #expect(try s.countEntities(kind: nil) == 13)
            #expect(
                nexoError { _ = try s.entities(EntityQuery(kind: "person", properties: ["sx": .string("F")])) }
                    == NexoError(.invalidInput, "property 'sx' is not declared for person", hint: "Did you mean 'sex'?")
            )
        }
    }
}
