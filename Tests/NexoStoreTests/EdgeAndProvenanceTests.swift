import NexoKit
import Testing

@testable import NexoStore

@Suite struct EdgeAndProvenanceTests {
    @Test func edgesAreValidatedAgainstTheirKind() throws {
        let f = try Fixture()
        try f.seedGraph()
        func attempt(_ draft: EdgeDraft) -> NexoError? {
            nexoError { try f.write { try $0.addEdge(draft, source: nil) } }
        }
        #expect(
            attempt(EdgeDraft(kind: "membr_of", from: "P-1", to: "G-1"))
                == NexoError(.notFound, "unknown edge kind 'membr_of'", hint: "Did you mean 'member_of'?"))
        #expect(
            attempt(EdgeDraft(kind: "member_of", from: "P-1", to: "G-9")) == NexoError(.notFound, "no entity 'G-9'"))
        #expect(
            attempt(EdgeDraft(kind: "member_of", from: "PH-1", to: "G-1"))
                == NexoError(.invalidInput, "member_of cannot start at PH-1 (a phone); allowed: person"))
        #expect(
            attempt(EdgeDraft(kind: "member_of", from: "P-1", to: "P-2"))
                == NexoError(.invalidInput, "member_of cannot end at P-2 (a person); allowed: group"))
        #expect(
            attempt(EdgeDraft(kind: "member_of", from: "P-1", to: "G-1", confidence: 1.5))
                == NexoError(.invalidInput, "confidence must be between 0 and 1, got 1.5"))
        #expect(
            attempt(
                EdgeDraft(
                    kind: "member_of", from: "P-1", to: "G-1", validFrom: CivilDate(year: 2024, month: 5, day: 1),
                    validTo: CivilDate(year: 2024, month: 1, day: 1)))
                == NexoError(.invalidInput, "valid_from 2024-05-01 is after valid_to 2024-01-01"))
        #expect(
            attempt(EdgeDraft(kind: "called", from: "PH-1", to: "PH-2", properties: ["calls": .string("many")]))
                == NexoError(.invalidInput, "property 'calls' of called must be an int, got text 'many'"))
        #expect(try f.read { try $0.edges(EdgeQuery()) }.count == 5)
    }

    @Test func edgeQueriesFilterByEntityDirectionKindAndPeriod() throws {
        let f = try Fixture()
        try f.seedGraph()
        try f.read { s throws in
            #expect(try s.edges(EdgeQuery(entity: "G-1", direction: .incoming)).map(\.id.rawValue) == [1, 2])
            #expect(try s.edges(EdgeQuery(entity: "G-1", direction: .outgoing)).isEmpty)
            #expect(try s.edges(EdgeQuery(entity: "P-1")).map(\.id.rawValue) == [1, 3])
            #expect(try s.edges(EdgeQuery(entity: "P-1", kinds: ["uses_phone"])).map(\.id.rawValue) == [3])
            #expect(try s.edges(EdgeQuery(kinds: ["member_of"], during: DateRange(parsing: "2023..2023"))).isEmpty)
            #expect(
                try s.edges(EdgeQuery(kinds: ["member_of"], during: DateRange(parsing: "2021..2024"))).map(
                    \.id.rawValue) == [1, 2])
            #expect(
                try s.edges(EdgeQuery(kinds: ["member_of"], during: DateRange(parsing: "2025-06.."))).map(\.id.rawValue)
                    == [2])
            #expect(try s.edges(EdgeQuery(limit: 2)).map(\.id.rawValue) == [1, 2])
            let first = try #require(try s.edge(EdgeID(1)))
            #expect(first.properties == ["role": .string("palabrero")])
            #expect(first.validFrom == CivilDate(year: 2020, month: 1, day: 1))
            #expect(first.validTo == CivilDate(year: 2022, month: 12, day: 31))
            #expect(try s.edge(EdgeID(5))?.properties == ["calls": .int(12)])
        }
    }

    @Test func removeEdge() throws {
        let f = try Fixture()
        try f.seedGraph()
        let outcome = try f.write { try $0.removeEdge(EdgeID(3)) }
        #expect(outcome.changes.edgesRemoved == 1)
        #expect(try f.read { try $0.edge(EdgeID(3)) } == nil)
        #expect(nexoError { try f.write { try $0.removeEdge(EdgeID(3)) } } == NexoError(.notFound, "no edge E-3"))
    }

    @Test func provenanceNamesRunAndSource() throws {
        let f = try Fixture()
        let source = try f.write("source add") { s in
            try s.addSource(
                description: "Policía Nacional Civil, Sonsonate", reliability: .b, credibility: .probablyTrue)
        }.value
        #expect(source.id == "S-1")
        #expect(source.grading == "B2")
        try f.write("add person Ana --source S-1", caseID: "SV-1") { s in
            try s.addEntity(EntityDraft(kind: "person", label: "Ana"), source: "S-1")
            try s.addEntity(EntityDraft(kind: "group", label: "MS"), source: nil)
            try s.addEdge(EdgeDraft(kind: "member_of", from: "P-1", to: "G-1", confidence: 0.7), source: "S-1")
        }
        try f.read { s throws in
            let entity = try #require(try s.provenance(ofEntity: "P-1"))
            #expect(entity.run.id == 2)
            #expect(entity.run.command == "add person Ana --source S-1")
            #expect(entity.run.user == "ana")
            #expect(entity.run.caseID == "SV-1")
            #expect(entity.run.plugin == "core" && entity.run.pluginVersion == "0.1.0")
            #expect(entity.source == source)
            #expect(try s.provenance(ofEntity: "G-1")?.source == nil)
            let edge = try #require(try s.provenance(ofEdge: EdgeID(1)))
            #expect(edge.run.id == 2 && edge.source?.id == "S-1")
            #expect(try s.source("S-1") == source)
            #expect(try s.runs(limit: 10).map(\.id) == [2, 1])
            #expect(try s.runs(limit: 1).map(\.command) == ["add person Ana --source S-1"])
        }
        #expect(
            nexoError { try f.write { try $0.addEntity(EntityDraft(kind: "person", label: "B"), source: "S-9") } }
                == NexoError(.notFound, "no source 'S-9'"))
    }

    @Test func casesOpenCloseAndReopen() throws {
        let f = try Fixture()
        let info = try f.write {
            try $0.openCase(id: "SV-2026-0141", title: "Sonsonate", purpose: "extortion of bus lines")
        }.value
        #expect(
            info == CaseInfo(id: "SV-2026-0141", title: "Sonsonate", purpose: "extortion of bus lines", isOpen: true))
        try f.write { try $0.openCase(id: "GT-1", title: "Other", purpose: "p") }
        #expect(
            nexoError { try f.write { _ = try $0.openCase(id: "GT-1", title: "x", purpose: "y") } }
                == NexoError(.conflict, "case GT-1 already exists", hint: "use 'case use GT-1' or choose another id"))
        try f.write { try $0.closeCase("GT-1") }
        #expect(try f.read { try $0.cases() }.map(\.isOpen) == [false, true])
        #expect(
            nexoError { try f.write { try $0.closeCase("GT-1") } }
                == NexoError(.conflict, "case GT-1 is already closed"))
        try f.write { try $0.reopenCase("GT-1") }
        #expect(try f.read { try $0.caseInfo("GT-1") }?.isOpen == true)
        #expect(
            nexoError { try f.write { try $0.closeCase("GT-2") } }
                == NexoError(.notFound, "no case 'GT-2'", hint: "Did you mean 'GT-1'?"))
        #expect(try f.store.dataVersion() == 4)
    }
}
