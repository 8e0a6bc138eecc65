import NexoKit
import Testing

@Suite struct EntityIDTests {
    @Test func ordersByPrefixThenNumber() {
        let ids: [EntityID] = ["P-10", "P-9", "G-2", "PH-1", "P-1", "N-100", "P-abc", "P-", "G-10"]
        #expect(ids.sorted().map(\.rawValue) == ["G-2", "G-10", "N-100", "P-", "P-1", "P-9", "P-10", "P-abc", "PH-1"])
    }

    @Test func equalNumbersFallBackToText() {
        #expect(EntityID("P-01") < EntityID("P-1"))
        #expect(!(EntityID("P-1") < EntityID("P-01")))
        #expect(!(EntityID("P-1") < EntityID("P-1")))
    }

    @Test func hugeNumbersCompareAsText() {
        let big = EntityID("P-" + String(repeating: "9", count: 25))
        #expect(EntityID("P-1") < big)
    }

    @Test func edgeIDs() {
        #expect(EdgeID(parsing: "E-12")?.rawValue == 12)
        #expect(EdgeID(parsing: "7")?.description == "E-7")
        #expect(EdgeID(parsing: "E-0") == nil)
        #expect(EdgeID(parsing: "E-x") == nil)
    }
}

@Suite struct ValueTests {
    private let ana = EntityRef(id: "P-2", kind: "person", label: "Ana")
    private let beto = EntityRef(id: "P-10", kind: "person", label: "Beto")

    @Test func totalOrderNullsFirstThenTypeThenValue() {
        let values: [Value] = [
            .entity(beto), .string("b"), .int(3), .null, .date(CivilDate(iso: "2026-01-01")!), .double(2.5),
            .bool(true), .string("B"), .entity(ana), .bool(false), .dateRange(DateRange(parsing: "2026..")!), .int(-1),
        ]
        #expect(
            values.sorted(by: Value.ordered).map(\.description) == [
                "", "false", "true", "-1", "2.5", "3", "2026-01-01", "2026-01-01..", "B", "b", "P-2", "P-10",
            ])
    }

    @Test func mixedNumbersCompareByValue() {
        #expect(Value.ordered(.int(2), .double(2.5)))
        #expect(Value.ordered(.double(1.5), .int(2)))
        #expect(!Value.ordered(.int(2), .double(2.0)))
    }

    @Test func stringsCompareByScalarsNotLocale() {
        #expect(Value.ordered(.string("Z"), .string("a")))
        #expect(Value.ordered(.string("e"), .string("é")))
    }

    @Test func descriptionsAndAccessors() {
        #expect(Value.double(0.1).description == "0.1")
        #expect(Value.double(.nan).description == "nan")
        #expect(Value.double(-.infinity).description == "-inf")
        #expect(Value.int(7).doubleValue == 7)
        #expect(Value.entity(ana).description == "P-2")
        #expect(Value.null.isNull && !Value.string("").isNull)
        #expect(ValueType.oneOf(["a", "b"]).description == "a|b")
        #expect(ValueType.entity(kind: nil).description == "entity")
    }

    @Test func entityRefsFromATableKeepFirstAppearance() {
        let table = ResultTable(
            columns: [Column("a", .entity(kind: nil)), Column("b", .entity(kind: nil))],
            rows: [[.entity(beto), .entity(ana)], [.entity(ana), .null]])
        #expect(table.entityRefs.map(\.id) == ["P-10", "P-2"])
        #expect(table.columnIndex("b") == 1)
    }
}

@Suite struct SuggestionsTests {
    private let options = ["role", "active-on", "during", "max-hops", "via"]

    @Test func suggestsCloseWords() {
        #expect(Suggestions.closest(to: "rol", in: options) == "role")
        #expect(Suggestions.closest(to: "durnig", in: options) == "during")
        #expect(Suggestions.didYouMean("max-hop", in: options) == "Did you mean 'max-hops'?")
    }

    @Test func suggestsAUniquePrefix() {
        #expect(Suggestions.closest(to: "act", in: options) == "active-on")
    }

    @Test func staysQuietForFarWords() {
        #expect(Suggestions.closest(to: "zebra", in: options) == nil)
        #expect(Suggestions.didYouMean("xyz", in: []) == nil)
    }

    @Test func distanceCountsTranspositionsOnce() {
        #expect(Suggestions.distance("ab", "ba") == 1)
        #expect(Suggestions.distance("", "abc") == 3)
        #expect(Suggestions.distance("kitten", "sitting") == 3)
        #expect(Suggestions.distance("same", "same") == 0)
    }

    @Test func tiesGoToTheSmallerCandidate() {
        #expect(Suggestions.closest(to: "cat", in: ["cot", "cab"]) == "cab")
    }
}
