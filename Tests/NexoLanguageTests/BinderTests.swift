import NexoKit
import Testing

@testable import NexoLanguage

@Suite struct BinderTests {
    @Test func resolvesTheLongestCommandPathAndBindsPositionalsAndOptions() throws {
        let bound = try Fixtures.bind("gang members \"Sonsonate Locos\" --role palabrero --since=2026-01-15 --active")
        #expect(bound.spec.path == ["gang", "members"])
        #expect(bound.arguments.entity("group")?.id == "G-2")
        #expect(bound.arguments.string("role") == "palabrero")
        #expect(bound.arguments.date("since") == CivilDate(year: 2026, month: 1, day: 15))
        #expect(bound.arguments.flag("active"))
        #expect(bound.globalArguments == ParsedArguments())
        #expect(bound.sourceRange.start.column == 1)
    }

    @Test func everyValueTypeConverts() throws {
        let path = try Fixtures.bind("link path P-1 P-2 --max-hops 4 --during 2026-01..2026-06 --min-confidence 0.75")
        #expect(path.arguments.int("max-hops") == 4)
        #expect(path.arguments.dateRange("during") == DateRange(parsing: "2026-01..2026-06"))
        #expect(path.arguments.double("min-confidence") == 0.75)
        #expect(path.arguments.entities("from").map(\.id) == ["P-1"])
        #expect(
            try Fixtures.bind("link path P-1 P-2 --during 2026-03").arguments.dateRange("during")
                == DateRange(
                    lower: CivilDate(year: 2026, month: 3, day: 1), upper: CivilDate(year: 2026, month: 3, day: 31)))
        #expect(try Fixtures.bind("link path P-1 P-2 --during 2025..").arguments.dateRange("during")?.upper == nil)
        #expect(try Fixtures.bind("link path P-1 P-2 --min-confidence 1").arguments.double("min-confidence") == 1)
        #expect(try Fixtures.bind("find x --exact yes").arguments.value("exact") == .bool(true))
        #expect(try Fixtures.bind("find x --exact FALSE").arguments.value("exact") == .bool(false))
        #expect(try Fixtures.bind("bio identify --face ~/probe.f32").arguments.string("face") == "/home/ana/probe.f32")
        #expect(try Fixtures.bind("bio identify --face x/~/p").arguments.string("face") == "x/~/p")
        #expect(try Fixtures.bind("gang members MS-13 --role PALABRERO").arguments.string("role") == "palabrero")
    }

    @Test func numbersAndDatesStayTextWhereTheSpecSaysText() throws {
        let bound = try Fixtures.bind("find 2026 1994-03-02 --id 007")
        #expect(bound.arguments.value("text") == .string("2026"))
        #expect(bound.arguments.value("more") == .string("1994-03-02"))
        #expect(bound.arguments.value("id") == .string("007"))
    }

    @Test func defaultsApplyToOptionsNotGiven() throws {
        let bound = try Fixtures.bind("link path P-1 P-2")
        #expect(bound.arguments.int("max-hops") == 3)
        #expect(bound.arguments.value("during") == nil)
        #expect(try Fixtures.bind("find x").arguments.values == ["text": [.string("x")], "limit": [.int(20)]])
    }

    @Test func optionalAndVariadicArguments() throws {
        #expect(try Fixtures.bind("find perez").arguments.string("more") == nil)
        let sorted = try Fixtures.bind("sort -score label id")
        #expect(sorted.arguments.all("columns") == [.string("-score"), .string("label"), .string("id")])
        #expect(try Fixtures.bind("link chart").arguments.all("entities").isEmpty)
    }

    @Test func repeatedOptionsCollectInOrder() throws {
        let bound = try Fixtures.bind("gang members MS-13 --via phone --via=payment --via phone")
        #expect(bound.arguments.all("via") == [.string("phone"), .string("payment"), .string("phone")])
    }

    @Test func doubleDashEndsOptions() throws {
        let bound = try Fixtures.bind("find -- --role --limit")
        #expect(bound.arguments.string("text") == "--role")
        #expect(bound.arguments.string("more") == "--limit")
        #expect(bound.arguments.int("limit") == 20)
    }

    @Test func globalOptionsAreSeparatedFromTheCommandsOwn() throws {
        let bound = try Fixtures.bind("case open Test --format json --dry-run")
        #expect(bound.arguments.values == ["title": [.string("Test")]])
        #expect(bound.arguments.flags.isEmpty)
        #expect(bound.globalArguments.string("format") == "json")
        #expect(bound.globalArguments.flag("dry-run"))
    }

    @Test func helpFlagExcusesMissingArguments() throws {
        let bound = try Fixtures.bind("link path --help")
        #expect(bound.globalArguments.flag("help"))
        #expect(bound.arguments.value("from") == nil)
    }

    @Test func scalarVariablesKeepOrConvertTheirValue() throws {
        let variables: [String: Variable] = [
            "since": .value(.string("2026-01-15")), "hops": .value(.int(4)),
            "d": .value(.date(CivilDate(year: 2026, month: 2, day: 1)!)),
            "who": .value(.entity(Fixtures.entities[2])), "n": .value(.int(2)), "g": .value(.string("MS-13")),
        ]
        let bound = try Fixtures.bind(
            "link path $who P-${n} --max-hops ${hops} --during $d --min-confidence $hops", variables: variables)
        #expect(bound.arguments.entity("from")?.id == "P-1")
        #expect(bound.arguments.entity("to")?.id == "P-2")
        #expect(bound.arguments.int("max-hops") == 4)
        #expect(
            bound.arguments.dateRange("during")
                == DateRange(
                    lower: CivilDate(year: 2026, month: 2, day: 1)!,
                    upper: CivilDate(year: 2026, month: 2, day: 1)!))
        #expect(bound.arguments.double("min-confidence") == 4)
        let members = try Fixtures.bind("gang members $g --since $since", variables: variables)
        #expect(members.arguments.entity("group")?.id == "G-1")
        #expect(members.arguments.date("since") == CivilDate(year: 2026, month: 1, day: 15))
        #expect(try Fixtures.bind("find $who", variables: variables).arguments.string("text") == "P-1")
        #expect(try Fixtures.bind("find \"$who\"", variables: variables).arguments.string("text") == "$who")
    }

    @Test func tableVariablesExpandToEntitiesForVariadicEntityArguments() throws {
        var table = ResultTable(columns: [Column("id", .entity(kind: nil)), Column("n", .int)])
        table.append([.entity(Fixtures.entities[2]), .int(1)])
        table.append([.entity(Fixtures.entities[3]), .int(2)])
        let bound = try Fixtures.bind("link chart $people G-1", variables: ["people": .table(table)])
        #expect(bound.arguments.entities("entities").map(\.id) == ["P-1", "P-2", "G-1"])
    }

    @Test func entityReferencesGoThroughTheResolver() throws {
        #expect(try Fixtures.bind("show \"José Hernández\"").arguments.entity("entity")?.id == "P-2")
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
