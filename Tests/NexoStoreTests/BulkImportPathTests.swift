import NexoKit
import Testing

@testable import NexoStore

@Suite struct BulkImportPathTests {
    @Test func csvRowsThatNeedTheGeneralPathGetItsMessages() throws {
        let f = try Fixture()
        try f.seedGraph()
        let people = try f.directory.write("p.csv", "id,kind,label,sex\nP-7,person,Ana,F\nP-8,person,Beto,Q\n")
        #expect(
            nexoError { try f.write { _ = try $0.importFile(path: people, format: .csv, skipInvalid: false) { _ in } } }
                == NexoError(.invalidInput, "\(people):3: property 'sex' of person must be one of F|M|X, got 'Q'"))
        let dup = try f.directory.write("d.csv", "id,kind,label\nP-1,person,Again\n")
        #expect(
            nexoError { try f.write { _ = try $0.importFile(path: dup, format: .csv, skipInvalid: false) { _ in } } }
                == NexoError(.invalidInput, "\(dup):2: entity P-1 already exists"))
        let phone = try f.directory.write("ph.csv", "id,kind,label,number\nPH-9,phone,x,\n")
        #expect(
            nexoError { try f.write { _ = try $0.importFile(path: phone, format: .csv, skipInvalid: false) { _ in } } }
                == NexoError(.invalidInput, "\(phone):2: missing required property 'number' for phone"))
        let wrong = try f.directory.write("w.csv", "kind,from,to,calls\ncalled,PH-1,P-1,3\nmember_of,P-1,G-1,4\n")
        #expect(
            nexoError { try f.write { _ = try $0.importFile(path: wrong, format: .csv, skipInvalid: false) { _ in } } }
                == NexoError(.invalidInput, "\(wrong):2: called cannot end at P-1 (a person); allowed: phone"))
        let foreign = try f.directory.write("x.csv", "kind,from,to,calls\nmember_of,P-1,G-1,4\n")
        #expect(
            nexoError {
                try f.write { _ = try $0.importFile(path: foreign, format: .csv, skipInvalid: false) { _ in } }
            }
                == NexoError(
                    .invalidInput, "\(foreign):2: property 'calls' is not declared for member_of",
                    hint: "member_of has: role"))
        #expect(try f.read { try $0.countEntities(kind: nil) } == 5)
    }

    @Test func csvEdgesMayReferToStoredEntitiesAndSequencesMovePastImportedIDs() throws {
        let f = try Fixture()
        try f.seedGraph()
        let people = try f.directory.write(
            "p.csv", "id,kind,label,children,height,deceased,date_of_birth\nP-20,person,Twenty,-4,1.5,true,2001-01-01\n"
        )
        let links = try f.directory.write(
            "l.csv",
            "kind,from,to,valid_from,valid_to,confidence,role\nmember_of,P-20,G-1,,,0.25,x\n"
                + "member_of,P-2,G-1,2020-01-01,2020-01-01,1,\n"
        )
        try f.write { s in
            _ = try s.importFile(path: people, format: .csv, skipInvalid: false) { _ in }
            _ = try s.importFile(path: links, format: .csv, skipInvalid: false) { _ in }
        }
        try f.read { s throws in
            #expect(
                try s.entity("P-20")?.properties == [
                    "children": .int(-4), "height": .double(1.5), "deceased": .bool(true),
                    "date_of_birth": .date(CivilDate(year: 2001, month: 1, day: 1)!),
                ])
            #expect(try s.edges(EdgeQuery(entity: "G-1", direction: .incoming)).map(\.confidence) == [1, 1, 0.25, 1])
        }
        #expect(
            try f.write { try $0.addEntity(EntityDraft(kind: "person", label: "Next"), source: nil).id }.value == "P-21"
        )
    }

    @Test func replacingATemplateFindsItThroughTheEntityIndex() throws {
        let f = try Fixture()
        try f.seedGraph()
        let connection = try SQLiteConnection(path: f.directory.file("nexo.db"))
        let plan = try connection.withStatement(
            "EXPLAIN QUERY PLAN SELECT id FROM templates WHERE \(StoreSession.templateKey)"
        ) { s throws(NexoError) in
            var lines: [String] = []
            while try s.step() { lines.append(s.text(3)) }
            return lines.joined(separator: "\n")
        }
        #expect(plan.contains("USING INDEX templates_entity"), "\(plan)")
    }

    @Test func peopleAreFoundByDocumentThroughItsIndex() throws {
        let f = try Fixture()
        try f.seedGraph()
        // (This fixture's schema has no `document`; the lookup through the real schema is tested end to end.)
        #expect(try f.read { try $0.people(withDocument: "04417622-2", limit: 5) }.isEmpty)
        let connection = try SQLiteConnection(path: f.directory.file("nexo.db"))
        let plan = try connection.withStatement(
            "EXPLAIN QUERY PLAN SELECT e.id FROM entities e WHERE e.kind = 'person' AND json_extract(e.props, "
                + "'$.document') = ?1"
        ) { s throws(NexoError) in
            var lines: [String] = []
            while try s.step() { lines.append(s.text(3)) }
            return lines.joined(separator: "\n")
        }
        #expect(plan.contains("entities_document"), "\(plan)")
    }

    @Test func peopleAreFoundByDateOfBirthThroughItsIndex() throws {
        let f = try Fixture()
        try f.seedGraph()
        let id = try f.write {
            try $0.addEntity(
                EntityDraft(
                    kind: "person", label: "Born",
                    properties: ["date_of_birth": .date(CivilDate(year: 1994, month: 2, day: 28)!)]), source: nil
            ).id
        }.value
        #expect(try f.read { try $0.people(bornOn: ["1994-02-28", "1994-02-27"], limit: 5) } == [id])
        #expect(try f.read { try $0.people(bornOn: ["1994-02-27"], limit: 5) }.isEmpty)
        let connection = try SQLiteConnection(path: f.directory.file("nexo.db"))
        let plan = try connection.withStatement(
            "EXPLAIN QUERY PLAN SELECT e.id FROM entities e WHERE e.kind = 'person' AND json_extract(e.props, "
                + "'$.date_of_birth') = ?1"
        ) { s throws(NexoError) in
            var lines: [String] = []
            while try s.step() { lines.append(s.text(3)) }
            return lines.joined(separator: "\n")
        }
        #expect(plan.contains("entities_birth"), "\(plan)")
    }

    @Test func largeImportsRebuildTheEdgeIndexesAndFailuresRestoreThem() throws {
        let f = try Fixture()
        try f.seedGraph()
        func indexes() throws -> [String] {
            let connection = try SQLiteConnection(path: f.directory.file("nexo.db"))
            return try connection.withStatement(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'edges' ORDER BY name"
            ) { s throws(NexoError) in
                var names: [String] = []
                while try s.step() { names.append(s.text(0)) }
                return names
            }
        }
        let expected = try indexes()
        #expect(expected == ["edges_from", "edges_kind", "edges_source", "edges_to"])
        let records = (0..<30).map { _ in ImportRecord.edge(EdgeDraft(kind: "member_of", from: "P-2", to: "G-1")) }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try f.write { s in
                let importer = try BulkImporter(session: s, skipInvalid: false)
                importer.rebuildThreshold = 10
                try importer.expectEdges(records.count)
                throw Stop()
            }
        }
        #expect(try indexes() == expected)
        try f.write { s in
            let importer = try BulkImporter(session: s, skipInvalid: false)
            importer.rebuildThreshold = 10
            try importer.expectEdges(records.count)
            for case .edge(let draft) in records {
                try importer.addEdge(
                    kind: draft.kind, from: draft.from.rawValue, to: draft.to.rawValue, validFrom: nil, validTo: nil,
                    confidence: 1, properties: [:], source: nil)
            }
            try importer.finish()
        }
        #expect(try indexes() == expected)
        #expect(try f.read { try $0.edges(EdgeQuery(entity: "G-1", direction: .incoming)) }.count == 32)
    }

    @Test func performInsidePerformFailsInsteadOfDeadlocking() throws {
        let f = try Fixture()
        let error = nexoError {
            _ = try f.read { _ in try f.store.dataVersion() }
        }
        #expect(
            error
                == NexoError(
                    .failed, "the store is already in use by this command",
                    hint: "use the StoreSession you were given instead of calling the Store again"))
    }
}
