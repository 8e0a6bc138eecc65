import NexoKit
import Testing

@testable import NexoStore

@Suite struct GraphTests {
    @Test func graphViewIsASnapshotCachedPerVersion() throws {
        let f = try Fixture()
        try f.seedGraph()
        let old = try f.read { try $0.graphView(edgeKinds: []) }
        #expect(old.dataVersion == 1)
        #expect(old.ids == ["G-1", "P-1", "P-2", "PH-1", "PH-2"])
        #expect(old.edgeCount == 5)
        let p1 = try #require(old.node("P-1"))
        #expect(old.distances(from: p1, maxHops: 2).count == 5)
        try f.write { s in
            try s.addEntity(EntityDraft(kind: "person", label: "New"), source: nil)
            try s.addEdge(EdgeDraft(kind: "member_of", from: "P-3", to: "G-1"), source: nil)
        }
        let new = try f.read { try $0.graphView(edgeKinds: []) }
        #expect(new.dataVersion == 2)
        #expect(new.nodeCount == 6 && new.edgeCount == 6)
        #expect(old.nodeCount == 5 && old.edgeCount == 5 && old.node("P-3") == nil, "the old view is unchanged")
        let members = try f.read { try $0.graphView(edgeKinds: ["member_of"]) }
        #expect(members.edgeCount == 3)
        #expect(members.edgeKindNames == ["member_of"])
        let g = try #require(members.node("G-1"))
        #expect(members.degree(of: g) == 3)
        #expect(members.slots(of: g).allSatisfy { !members.isOutgoing($0) })
    }

    @Test func graphViewInsideAWritingCommandSeesItsOwnChanges() throws {
        let f = try Fixture()
        try f.seedGraph()
        _ = try f.read { try $0.graphView(edgeKinds: []) }
        let counts = try f.write { s in
            let before = try s.graphView(edgeKinds: []).edgeCount
            try s.removeEdge(EdgeID(1))
            return (before, try s.graphView(edgeKinds: []).edgeCount)
        }.value
        #expect(counts == (5, 4))
        #expect(try f.read { try $0.graphView(edgeKinds: []) }.edgeCount == 4)
    }

    @Test func neighborsByDepthKindsAndDates() throws {
        let f = try Fixture()
        try f.seedGraph()
        try f.read { s throws in
            let one = try s.neighbors(of: "P-1", depth: 1, edgeKinds: [], direction: .both, during: nil, limit: nil)
            #expect(one.map(\.entity.id) == ["G-1", "PH-1"])
            #expect(one.map(\.distance) == [1, 1])
            #expect(one.first?.via == EdgeRef(id: EdgeID(1), kind: "member_of", direction: .outgoing))
            let two = try s.neighbors(of: "P-1", depth: 2, edgeKinds: [], direction: .both, during: nil, limit: nil)
            #expect(two.map(\.entity.id) == ["G-1", "PH-1", "P-2", "PH-2"])
            #expect(two.map(\.distance) == [1, 1, 2, 2])
            #expect(two[2].via == EdgeRef(id: EdgeID(2), kind: "member_of", direction: .incoming))
            #expect(two[3].via == EdgeRef(id: EdgeID(5), kind: "called", direction: .outgoing))
            let phones = try s.neighbors(
                of: "P-1", depth: 3, edgeKinds: ["uses_phone", "called"], direction: .both, during: nil, limit: nil)
            #expect(phones.map(\.entity.id) == ["PH-1", "PH-2", "P-2"])
            let out = try s.neighbors(of: "P-1", depth: 3, edgeKinds: [], direction: .outgoing, during: nil, limit: nil)
            #expect(out.map(\.entity.id) == ["G-1", "PH-1", "PH-2"])
            let in2023 = try s.neighbors(
                of: "G-1", depth: 1, edgeKinds: ["member_of"], direction: .incoming,
                during: DateRange(parsing: "2023..2023"), limit: nil)
            #expect(in2023.isEmpty)
            let in2021 = try s.neighbors(
                of: "G-1", depth: 1, edgeKinds: ["member_of"], direction: .incoming,
                during: DateRange(parsing: "2021-06..2021-07"), limit: nil)
            #expect(in2021.map(\.entity.id) == ["P-1"])
            #expect(
                try s.neighbors(of: "P-1", depth: 2, edgeKinds: [], direction: .both, during: nil, limit: 3).count == 3)
            #expect(
                nexoError {
                    _ = try s.neighbors(of: "P-9", depth: 1, edgeKinds: [], direction: .both, during: nil, limit: nil)
                }
                    == NexoError(.notFound, "no entity 'P-9'"))
            #expect(
                nexoError {
                    _ = try s.neighbors(
                        of: "P-1", depth: 1, edgeKinds: ["calld"], direction: .both, during: nil, limit: nil)
                }
                    == NexoError(.notFound, "unknown edge kind 'calld'", hint: "Did you mean 'called'?"))
        }
    }
}
