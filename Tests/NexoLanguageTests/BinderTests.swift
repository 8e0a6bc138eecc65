import NexoKit
import Testing

@testable import NexoLanguage

@Suite struct BinderTests {
    @Test func resolvesTheLongestCommandPathAndBindsPositionalsAndOptions() throws {
        let bound = try Fixtures.bind("gang members \"Sonsonate Locos\" --role palabrero --since=2026-01-15 --active")
        #expect(bound.spec.path == ["gang", "members"])
        #expect(bound.arguments.raw("group")?.entityValue?.id == "G-2")
        #expect(bound.arguments.raw("role")?.stringValue == "palabrero")
        #expect(bound.arguments.raw("since")?.dateValue == CivilDate(year: 2026, month: 1, day: 15))
        #expect(bound.arguments.flags.contains("active"))
        #expect(bound.globalArguments == ParsedArguments())
        #expect(bound.sourceRange.start.column == 1)
    }

    @Test func everyValueTypeConverts() throws {
        let path = try Fixtures.bind("link path P-1 P-2 --max-hops 4 --during 2026-01..2026-06 --min-confidence 0.75")
        #expect(path.arguments.raw("max-hops")?.intValue == 4)
        #expect(path.arguments.raw("during")?.dateRangeValue == DateRange(parsing: "2026-01..2026-06"))
        #expect(path.arguments.raw("min-confidence")?.doubleValue == 0.75)
        #expect(path.arguments.rawAll("from").compactMap(\.entityValue).map(\.id) == ["P-1"])
        #expect(
            try Fixtures.bind("link path P-1 P-2 --during 2026-03").arguments.raw("during")?.dateRangeValue
                == DateRange(
                    lower: CivilDate(year: 2026, month: 3, day: 1), upper: CivilDate(year: 2026, month: 3, day: 31)))
        #expect(
            try Fixtures.bind("link path P-1 P-2 --during 2025..").arguments.raw("during")?.dateRangeValue?.upper == nil
        )
        #expect(
            try Fixtures.bind("link path P-1 P-2 --min-confidence 1").arguments.raw("min-confidence")?.doubleValue == 1)
        #expect(try Fixtures.bind("find x --exact yes").arguments.raw("exact") == .bool(true))
        #expect(try Fixtures.bind("find x --exact FALSE").arguments.raw("exact") == .bool(false))
        #expect(
            try Fixtures.bind("bio identify --face ~/probe.f32").arguments.raw("face")?.stringValue
                == "/home/ana/probe.f32")
        #expect(try Fixtures.bind("bio identify --face x/~/p").arguments.raw("face")?.stringValue == "x/~/p")
        #expect(
            try Fixtures.bind("gang members MS-13 --role PALABRERO").arguments.raw("role")?.stringValue == "palabrero")
    }

    @Test func numbersAndDatesStayTextWhereTheSpecSaysText() throws {
        let bound = try Fixtures.bind("find 2026 1994-03-02 --id 007")
        #expect(bound.arguments.raw("text") == .string("2026"))
        #expect(bound.arguments.raw("more") == .string("1994-03-02"))
        #expect(bound.arguments.raw("id") == .string("007"))
    }

    @Test func defaultsApplyToOptionsNotGiven() throws {
        let bound = try Fixtures.bind("link path P-1 P-2")
        #expect(bound.arguments.raw("max-hops")?.intValue == 3)
        #expect(bound.arguments.raw("during") == nil)
        #expect(try Fixtures.bind("find x").arguments.values == ["text": [.string("x")], "limit": [.int(20)]])
    }

    @Test func optionalAndVariadicArguments() throws {
        #expect(try Fixtures.bind("find perez").arguments.raw("more")?.stringValue == nil)
        let sorted = try Fixtures.bind("sort -score label id")
        #expect(sorted.arguments.rawAll("columns") == [.string("-score"), .string("label"), .string("id")])
        #expect(try Fixtures.bind("link chart").arguments.rawAll("entities").isEmpty)
    }

    @Test func repeatedOptionsCollectInOrder() throws {
        let bound = try Fixtures.bind("gang members MS-13 --via phone --via=payment --via phone")
        #expect(bound.arguments.rawAll("via") == [.string("phone"), .string("payment"), .string("phone")])
    }

    @Test func doubleDashEndsOptions() throws {
        let bound = try Fixtures.bind("find -- --role --limit")
        #expect(bound.arguments.raw("text")?.stringValue == "--role")
        #expect(bound.arguments.raw("more")?.stringValue == "--limit")
        #expect(bound.arguments.raw("limit")?.intValue == 20)
    }

    @Test func globalOptionsAreSeparatedFromTheCommandsOwn() throws {
        let bound = try Fixtures.bind("case open Test --format json --dry-run")
        #expect(bound.arguments.values == ["title": [.string("Test")]])
        #expect(bound.arguments.flags.isEmpty)
        #expect(bound.globalArguments.raw("format")?.stringValue == "json")
        #expect(bound.globalArguments.flags.contains("dry-run"))
    }

    @Test func helpFlagExcusesMissingArguments() throws {
        let bound = try Fixtures.bind("link path --help")
        #expect(bound.globalArguments.flags.contains("help"))
        #expect(bound.arguments.raw("from") == nil)
    }

    @Test func scalarVariablesKeepOrConvertTheirValue() throws {
        let variables: [String: Variable] = [
            "since": .value(.string("2026-01-15")), "hops": .value(.int(4)),
            "d": .value(.date(CivilDate(year: 2026, month: 2, day: 1)!)),
            "who": .value(.entity(Fixtures.entities[2])), "n": .value(.int(2)), "g": .value(.string("MS-13")),
        ]
        let bound = try Fixtures.bind(
            "link path $who P-${n} --max-hops ${hops} --during $d --min-confidence $hops", variables: variables)
        #expect(bound.arguments.raw("from")?.entityValue?.id == "P-1")
        #expect(bound.arguments.raw("to")?.entityValue?.id == "P-2")
        #expect(bound.arguments.raw("max-hops")?.intValue == 4)
        #expect(
            bound.arguments.raw("during")?.dateRangeValue
                == DateRange(
                    lower: CivilDate(year: 2026, month: 2, day: 1)!,
                    upper: CivilDate(year: 2026, month: 2, day: 1)!))
        #expect(bound.arguments.raw("min-confidence")?.doubleValue == 4)
        let members = try Fixtures.bind("gang members $g --since $since", variables: variables)
        #expect(members.arguments.raw("group")?.entityValue?.id == "G-1")
        #expect(members.arguments.raw("since")?.dateValue == CivilDate(year: 2026, month: 1, day: 15))
        #expect(try Fixtures.bind("find $who", variables: variables).arguments.raw("text")?.stringValue == "P-1")
        #expect(try Fixtures.bind("find \"$who\"", variables: variables).arguments.raw("text")?.stringValue == "$who")
    }

    @Test func tableVariablesExpandToEntitiesForVariadicEntityArguments() throws {
        var table = ResultTable(columns: [Column("id", .entity(kind: nil)), Column("n", .int)])
        table.append([.entity(Fixtures.entities[2]), .int(1)])
        table.append([.entity(Fixtures.entities[3]), .int(2)])
        let bound = try Fixtures.bind("link chart $people G-1", variables: ["people": .table(table)])
        #expect(bound.arguments.rawAll("entities").compactMap(\.entityValue).map(\.id) == ["P-1", "P-2", "G-1"])
    }

    @Test func entityReferencesGoThroughTheResolver() throws {
        #expect(try Fixtures.bind("show \"José Hernández\"").arguments.raw("entity")?.entityValue?.id == "P-2")
        #expect(Fixtures.bindMessage("show P-99") == "no entity 'P-99'")
        #expect(
            Fixtures.bindError("gang members P-1") == """
                error: 'P-1' is a person, not a gang
                    gang members P-1
                                 ^
                """)
    }

    @Test func commandWordsMayBeQuotedButNotVariables() throws {
        #expect(try Fixtures.bind("\"gang\" list").spec.path == ["gang", "list"])
        #expect(Fixtures.bindMessage("$x list", variables: ["x": .value(.string("gang"))]) != nil)
    }
}
