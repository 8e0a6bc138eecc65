import NexoKit
import Testing

/// Typed argument keys: one declaration feeds the spec and reads the bound value back.
@Suite struct ArgumentKeyTests {
    static let group = ArgumentKey("group", .entity(kind: "group"), "The gang or clique")
    static let since = OptionalArgumentKey("since", .date, "Start date")
    static let people = VariadicArgumentKey("people", .entity(kind: nil), "People", optional: true)
    static let role = OptionKey("role", .oneOf(["leader", "member"]), "Role")
    static let limit = DefaultedOptionKey("limit", .int, "At most this many rows", default: 50)
    static let score = OptionKey("score", .double, "Minimum score")
    static let tags = RepeatableOptionKey("tag", .string, "Tags")
    static let active = FlagKey("active", "Only current members")

    static let spec = CommandSpec(
        ["gang", "members"], summary: "Members", arguments: [group, since, people],
        options: [role, limit, score, tags, active])

    let g1 = EntityRef(id: EntityID("G-1"), kind: "group", label: "MS-13")
    let p1 = EntityRef(id: EntityID("P-1"), kind: "person", label: "Ana")

    @Test func specDeclaredFromKeys() {
        let spec = Self.spec
        #expect(spec.arguments.map(\.name) == ["group", "since", "people"])
        #expect(spec.arguments.map(\.type) == [.entity(kind: "group"), .date, .entity(kind: nil)])
        #expect(spec.arguments.map(\.isOptional) == [false, true, true])
        #expect(spec.arguments.map(\.isVariadic) == [false, false, true])
        #expect(spec.options.map(\.name) == ["role", "limit", "score", "tag", "active"])
        #expect(spec.options[1].defaultValue == .int(50))
        #expect(spec.options[3].isRepeatable)
        #expect(spec.options[4].isFlag)
        #expect(
            spec.synopsis
                == "gang members <group> [<since>] [<people>…] [--role leader|member] [--limit int] "
                + "[--score number] [--tag text] [--active]")
    }

    @Test func readsTypedValues() throws {
        let arguments = ParsedArguments(
            values: [
                "group": [.entity(g1)], "since": [.date(CivilDate(year: 2026, month: 1, day: 2)!)],
                "people": [.entity(p1), .entity(g1)], "role": [.string("leader")], "limit": [.int(7)],
                "score": [.int(3)], "tag": [.string("a"), .string("b")],
            ], flags: ["active"])
        #expect(try arguments[Self.group] == g1)
        #expect(arguments[Self.since] == CivilDate(year: 2026, month: 1, day: 2)!)
        #expect(arguments[Self.people] == [p1, g1])
        #expect(arguments[Self.role] == "leader")
        #expect(arguments[Self.limit] == 7)
        #expect(arguments[Self.score] == 3.0)
        #expect(arguments[Self.tags] == ["a", "b"])
        #expect(arguments[Self.active])
    }

    @Test func absentValuesReadAsNothingOrTheDefault() {
        let arguments = ParsedArguments()
        #expect(arguments[Self.since] == nil)
        #expect(arguments[Self.people].isEmpty)
        #expect(arguments[Self.role] == nil)
        #expect(arguments[Self.limit] == 50)
        #expect(arguments[Self.tags].isEmpty)
        #expect(!arguments[Self.active])
    }

    @Test func requiredKeyNotBoundThrowsNamingIt() {
        #expect(
            throws: NexoError(
                .failed, "argument 'group' was not bound",
                hint: "declare the key in the command's spec (arguments: [...])")
        ) {
            try ParsedArguments()[Self.group]
        }
    }
}
