import NexoKit
import Testing

@testable import NexoStore

@Suite struct ImportExportTests {
    static let entitiesCSV = """
        id,kind,label,aliases,date_of_birth,sex,number,type
        P-1,person,José Hernández,"[""El Chepe""]",1994-02-28,M,,
        P-2,person,"Ana ""La Flaca"" López",,,F,,
        ,person,"Multi
        Line",,,,,
        G-1,group,Sonsonate Locos,,,,,clique
        PH-1,phone,+503 7000 0001,,,,+50370000001,
        """
    static let edgesCSV = """
        kind,from,to,valid_from,valid_to,confidence,role,calls
        member_of,P-1,G-1,2020-01-01,2022-12-31,0.9,palabrero,
        member_of,P-2,G-1,2024-01-01,,,,
        uses_phone,P-1,PH-1,,,1.0,,
        """

    @Test func csvImportReadsQuotedFieldsAndAssignsMissingIDs() throws {
        let f = try Fixture()
        let entities = try f.directory.write("people.csv", Self.entitiesCSV)
        let edges = try f.directory.write("links.csv", Self.edgesCSV)
        var progress: [Int] = []
        let outcome = try f.write("import") { s in
            let a = try s.importFile(path: entities, format: .detect, skipInvalid: false) { progress.append($0) }
            let b = try s.importFile(path: edges, format: .csv, skipInvalid: false) { progress.append($0) }
            return (a, b)
        }
        #expect(outcome.value.0.description == "5 entities, 0 edges")
        #expect(outcome.value.1.description == "0 entities, 3 edges")
        #expect(outcome.changes.entitiesAdded == 5 && outcome.changes.edgesAdded == 3)
        try f.read { s throws in
            #expect(try s.entity("P-2")?.label == "Ana \"La Flaca\" López")
            #expect(try s.entity("P-3")?.label == "Multi\nLine")
            #expect(
                try s.entity("P-1")?.properties == [
                    "date_of_birth": .date(CivilDate(year: 1994, month: 2, day: 28)!), "sex": .string("M"),
                ])
            #expect(try s.aliases(of: "P-1") == ["El Chepe"])
            #expect(try s.search("chepe", kind: nil, limit: 5).map(\.entity.id) == ["P-1"])
            #expect(try s.search("flaca", kind: nil, limit: 5).map(\.entity.id) == ["P-2"])
            let e1 = try #require(try s.edge(EdgeID(1)))
            #expect(
                e1.confidence == 0.9 && e1.properties == ["role": .string("palabrero")]
                    && e1.validTo == CivilDate(year: 2022, month: 12, day: 31))
            #expect(try s.edge(EdgeID(2))?.confidence == 1)
            #expect(try s.entity("P-1")?.provenance?.run.command == "import")
        }
        let next = try f.write { try $0.addEntity(EntityDraft(kind: "person", label: "After"), source: nil).id }.value
        #expect(next == "P-4")
    }

    @Test func badLineAbortsWithFileAndLineAndStoresNothing() throws {
        let f = try Fixture()
        let file = try f.directory.write(
            "bad.ndjson",
            """
            {"type":"entity","id":"P-1","kind":"person","label":"Ana"}

            {"type":"entity","id":"P-2","kind":"persn","label":"Beto"}
            {"type":"entity","id":"P-3","kind":"person","label":"Carla"}
            """)
        let error = nexoError {
            try f.write { _ = try $0.importFile(path: file, format: .detect, skipInvalid: false) { _ in } }
        }
        #expect(
            error == NexoError(.invalidInput, "\(file):3: unknown entity kind 'persn'", hint: "Did you mean 'person'?"))
        #expect(try f.read { try $0.countEntities(kind: nil) } == 0)
        #expect(try f.store.dataVersion() == 0)
    }

    @Test func skipInvalidCountsBadLinesAndKeepsTheRest() throws {
        let f = try Fixture()
        let file = try f.directory.write(
            "mixed.ndjson",
            """
            {"type":"entity","id":"P-1","kind":"person","label":"Ana","properties":{"date_of_birth":"1990-01-01",\
            "children":2}}
            {"type":"entity","id":"P-1","kind":"person","label":"Ana again"}
            {"type":"entity","kind":"person","label":"Beto","properties":{"sex":"Q"}}
            not json
            {"type":"edge","kind":"member_of","from":"P-1","to":"G-404"}
            {"type":"thing"}
            {"type":"entity","kind":"person","label":"Carla","colour":"red"}
            {"type":"entity","kind":"person","label":"Dora"}
            """)
        let report = try f.write { try $0.importFile(path: file, format: .ndjson, skipInvalid: true) { _ in } }.value
        #expect(report.description == "2 entities, 0 edges, 6 invalid lines skipped")
        #expect(
            report.skippedMessages == [
                "\(file):2: entity P-1 already exists",
                "\(file):3: property 'sex' of person must be one of F|M|X, got 'Q'",
                "\(file):4: malformed JSON at column 1: unexpected word in JSON",
                "\(file):5: no entity 'G-404'",
                "\(file):6: unknown record type 'thing'; "
                    + "use \"type\":\"source\", \"type\":\"entity\" or \"type\":\"edge\"",
                "\(file):7: unknown field 'colour' in an entity",
            ])
        try f.read { s throws in
            #expect(try s.entities(EntityQuery()).map(\.label) == ["Ana", "Dora"])
            #expect(
                try s.entity("P-1")?.properties == [
                    "date_of_birth": .date(CivilDate(year: 1990, month: 1, day: 1)!), "children": .int(2),
                ])
        }
    }

    @Test func csvErrorsNameTheLine() throws {
        let f = try Fixture()
        let header = try f.directory.write("h.csv", "name,kind\nx,y\n")
        #expect(
            nexoError { try f.write { _ = try $0.importFile(path: header, format: .csv, skipInvalid: false) { _ in } } }
                == NexoError(
                    .invalidInput, "\(header):1: unrecognised CSV header",
                    hint: "entities start with id,kind,label and edges with kind,from,to"))
        let column = try f.directory.write("c.csv", "id,kind,label,sexx\n")
        #expect(
            nexoError { try f.write { _ = try $0.importFile(path: column, format: .csv, skipInvalid: false) { _ in } } }
                == NexoError(
                    .invalidInput, "\(column):1: column 'sexx' is not a property of any entity kind",
                    hint: "Did you mean 'sex'?"))
        let fields = try f.directory.write("f.csv", "id,kind,label\nP-1,person,Ana\nP-2,person\n")
        #expect(
            nexoError { try f.write { _ = try $0.importFile(path: fields, format: .csv, skipInvalid: false) { _ in } } }
                == NexoError(.invalidInput, "\(fields):3: expected 3 fields, found 2"))
        let quote = try f.directory.write("q.csv", "id,kind,label\nP-1,person,\"Ana\n")
        #expect(
            nexoError { try f.write { _ = try $0.importFile(path: quote, format: .csv, skipInvalid: false) { _ in } } }
                == NexoError(.invalidInput, "\(quote):2: unterminated quoted field"))
        let date = try f.directory.write("d.csv", "kind,from,to,valid_from\nmember_of,P-1,G-1,2024-02-30\n")
        #expect(
            nexoError { try f.write { _ = try $0.importFile(path: date, format: .csv, skipInvalid: false) { _ in } } }
                == NexoError(.invalidInput, "\(date):2: valid_from must be a date (YYYY-MM-DD), got '2024-02-30'"))
        #expect(
            nexoError {
                try f.write {
                    _ = try $0.importFile(path: f.directory.file("none.csv"), format: .csv, skipInvalid: false) { _ in }
                }
            }
                == NexoError(.notFound, "cannot read '\(f.directory.file("none.csv"))': No such file or directory"))
        #expect(
            nexoError {
                try f.write { _ = try $0.importFile(path: "x.txt", format: .detect, skipInvalid: false) { _ in } }
            }
                == NexoError(
                    .usage, "cannot tell the format of 'x.txt' from its extension",
                    hint: "use --file-format ndjson or --file-format csv"))
    }

    func populated() throws -> Fixture {
        let f = try Fixture()
        try f.seedGraph()
        try f.write { s in
            try s.addAlias("El Chepe", to: "P-1")
            try s.addAlias("Chepito, \"el\" menor", to: "P-1")
            try s.addEntity(
                EntityDraft(
                    id: "P-10", kind: "person", label: "Ten, with comma",
                    properties: [
                        "height": .double(1.75), "children": .int(-3), "deceased": .bool(true),
                        "given_names": .string("tab\there\nnewline"),
                        "date_of_birth": .date(CivilDate(year: 2000, month: 2, day: 29)!),
                    ]), source: nil)
            try s.addEdge(
                EdgeDraft(
                    kind: "member_of", from: "P-10", to: "G-1", properties: ["role": .string("líder")],
                    validTo: CivilDate(year: 2025, month: 1, day: 1), confidence: 0.1 + 0.2), source: nil)
            try s.removeEdge(EdgeID(2))
        }
        return f
    }

    /// NDJSON keeps provenance: the cited sources come first with their grading and origin, each entity and edge
    /// names its source, and an import records the sources again, marked as imported, citing them as before.
    @Test func sourcesAndGradingsSurviveARoundTrip() throws {
        let f = try Fixture()
        try f.write { s in
            let informant = try s.addSource(description: "PNC informant 7", reliability: .b, credibility: .probablyTrue)
            let register = try s.addSource(description: "Civil register", reliability: .a, credibility: .confirmed)
            _ = try s.addSource(description: "Cited by nothing", reliability: .e, credibility: .improbable)
            let ana = try s.addEntity(EntityDraft(kind: "person", label: "Ana"), source: informant.id)
            _ = try s.addEntity(EntityDraft(kind: "person", label: "Bob"), source: nil)
            let gang = try s.addEntity(EntityDraft(kind: "group", label: "Norte"), source: nil)
            _ = try s.addEdge(EdgeDraft(kind: "member_of", from: ana.id, to: gang.id), source: register.id)
        }
        let report = try f.read { try $0.exportFile(path: f.directory.file("out.ndjson"), format: .ndjson, kinds: []) }
        #expect(report.sources == 2, "only the sources cited")
        let copy = try Fixture(path: f.directory.file("copy.db"))
        let imported = try copy.write { s in
            try s.importFile(path: f.directory.file("out.ndjson"), format: .ndjson, skipInvalid: false) { _ in }
        }.value
        #expect(imported.sources == 2)
        try copy.read { s throws in
            let ana = try #require(try s.entity("P-1")?.provenance?.source)
            #expect(ana.description == "PNC informant 7" && ana.grading == "B2")
            #expect(ana.origin?.hasPrefix("S-1, recorded in R-") == true, "\(ana.origin ?? "no origin")")
            #expect(try s.entity("P-2")?.provenance?.source == nil)
            let edge = try #require(try s.edges(EdgeQuery(entity: "P-1")).first?.provenance?.source)
            #expect(edge.description == "Civil register" && edge.grading == "A1")
        }
        _ = try copy.read { try $0.exportFile(path: f.directory.file("again.ndjson"), format: .ndjson, kinds: []) }
        #expect(f.directory.read("out.ndjson") == f.directory.read("again.ndjson"), "origins kept, not stacked")
    }

    @Test(arguments: [ImportFormat.ndjson, .csv])
    func exportThenImportRoundTripsExactly(_ format: ImportFormat) throws {
        let f = try populated()
        let name = format == .csv ? "out.csv" : "out.ndjson"
        let report = try f.read { try $0.exportFile(path: f.directory.file(name), format: .detect, kinds: []) }
        #expect(report.entities == 6 && report.edges == 5)
        let copy = try Fixture(path: f.directory.file("copy.db"))
        try copy.write { s in
            _ = try s.importFile(path: f.directory.file(name), format: .detect, skipInvalid: false) { _ in }
            if format == .csv {
                _ = try s.importFile(path: f.directory.file("out-edges.csv"), format: .csv, skipInvalid: false) { _ in }
            }
        }
        let again = format == .csv ? "again.csv" : "again.ndjson"
        _ = try copy.read { try $0.exportFile(path: f.directory.file(again), format: .detect, kinds: []) }
        #expect(f.directory.read(name) == f.directory.read(again))
        if format == .csv { #expect(f.directory.read("out-edges.csv") == f.directory.read("again-edges.csv")) }
        let original = try f.read { s in
            try s.entities(EntityQuery()).map {
                Entity(id: $0.id, kind: $0.kind, label: $0.label, properties: $0.properties)
            }
        }
        let imported = try copy.read { s in
            try s.entities(EntityQuery()).map {
                Entity(id: $0.id, kind: $0.kind, label: $0.label, properties: $0.properties)
            }
        }
        #expect(original == imported)
        #expect(try copy.read { try $0.aliases(of: "P-1") } == ["El Chepe", "Chepito, \"el\" menor"])
        #expect(try copy.read { try $0.edges(EdgeQuery(entity: "P-10")) }.first?.confidence == 0.1 + 0.2)
    }

    @Test func ndjsonExportFormat() throws {
        let f = try Fixture()
        try f.write { s in
            try s.addEntity(EntityDraft(kind: "person", label: "Ana", properties: ["sex": .string("F")]), source: nil)
            try s.addAlias("La Flaca", to: "P-1")
            try s.addEntity(EntityDraft(kind: "group", label: "G"), source: nil)
            try s.addEdge(
                EdgeDraft(
                    kind: "member_of", from: "P-1", to: "G-1", validFrom: CivilDate(year: 2020, month: 1, day: 1),
                    confidence: 0.9), source: nil)
        }
        _ = try f.read { try $0.exportFile(path: f.directory.file("x.ndjson"), format: .ndjson, kinds: []) }
        #expect(
            f.directory.read("x.ndjson") == """
                {"type":"entity","id":"G-1","kind":"group","label":"G","properties":{}}
                {"type":"entity","id":"P-1","kind":"person","label":"Ana","properties":{"sex":"F"},"aliases":["La \
                Flaca"]}
                {"type":"edge","kind":"member_of","from":"P-1","to":"G-1","valid_from":"2020-01-01","valid_to":null,\
                "confidence":0.9,"properties":{}}

                """)
    }

    @Test func exportByKindOrIDsKeepsOnlyEdgesBetweenChosenEntities() throws {
        let f = try Fixture()
        try f.seedGraph()
        let phones = try f.read {
            try $0.exportFile(path: f.directory.file("phones.ndjson"), format: .ndjson, kinds: ["phone"])
        }
        #expect(phones.entities == 2 && phones.edges == 1)
        let two = try f.read {
            try $0.exportFile(path: f.directory.file("two.csv"), format: .csv, kinds: [], ids: ["P-1", "G-1"])
        }
        #expect(
            two.description
                == "2 entities, 1 edge to \(f.directory.file("two.csv")), \(f.directory.file("two-edges.csv"))")
        #expect(
            f.directory.read("two-edges.csv")
                == ("kind,from,to,valid_from,valid_to,confidence,calls,role\n"
                    + "member_of,P-1,G-1,2020-01-01,2022-12-31,1.0,,palabrero\n")
        )
    }

    @Test func importRecordsFromMemory() throws {
        let f = try Fixture()
        let records: [ImportRecord] = [
            .entity(EntityDraft(kind: "person", label: "Ana"), aliases: ["Anita"]),
            .entity(EntityDraft(kind: "group", label: "G"), aliases: []),
            .edge(EdgeDraft(kind: "member_of", from: "P-1", to: "G-1")),
            .edge(EdgeDraft(kind: "member_of", from: "G-1", to: "P-1")),
        ]
        let error = nexoError { try f.write { _ = try $0.importRecords(records, skipInvalid: false) } }
        #expect(error == NexoError(.invalidInput, "record 4: member_of cannot start at G-1 (a group); allowed: person"))
        let report = try f.write { try $0.importRecords(records.dropLast(), skipInvalid: false) }.value
        #expect(report.entities == 2 && report.edges == 1 && report.aliases == 1)
        #expect(try f.read { try $0.search("anita", kind: nil, limit: 1) }.first?.entity.id == "P-1")
    }
}
