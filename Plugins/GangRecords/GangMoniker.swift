import NexoKit

/// `gang moniker <text> [--limit N]`: people who go by a moniker, with the clique that gave it.
enum GangMoniker {
    static let command = Command(spec, run: run)

    static let text = ArgumentKey("text", .string, "The moniker or part of it")
    static let limit = DefaultedOptionKey("limit", .int, "Search at most this many people", default: 50)

    static let spec = CommandSpec(
        ["gang", "moniker"],
        summary: "Find people by moniker (placazo), with the clique and role they had under it",
        discussion: """
            Monikers are stored on memberships and as aliases of the person, so the store's name \
            search finds them (ignoring case and accents). One row per \
            membership whose moniker contains the text or is the name the search matched; an alias \
            that is on no membership gives a row without clique. People found only by their real name \
            are left out (use 'find' for them). --limit caps the people searched (default 50). Rows are \
            ordered with exact matches first, then by moniker, person id, joining date, edge id.
            """,
        arguments: [text],
        options: [limit],
        examples: ["gang moniker flaco", "gang moniker \"El Chucky\" --limit 10", "gang moniker satan | gang history"])

    static let columns = [
        Column("person", .entity(kind: CoreSchema.Kind.person)), Column("name", .string), Column("moniker", .string),
        Column("clique", .entity(kind: CoreSchema.Kind.group)), Column("gang", .entity(kind: CoreSchema.Kind.group)),
        Column("role", .string),
        Column("since", .date), Column("until", .date),
    ]

    private struct Row {
        let person: EntityRef
        let moniker: String
        let exact: Bool
        let membership: Membership?
        let clique: EntityRef?
        let gang: EntityRef?

        var cells: [Value] {
            [
                .entity(person), .string(person.label), .string(moniker), .ref(clique), .ref(gang),
                .text(membership?.role),
                .day(membership?.since), .day(membership?.until),
            ]
        }

        static func precedes(_ a: Row, _ b: Row) -> Bool {
            if a.exact != b.exact { return a.exact }
            let (ma, mb) = (NameFolding.fold(a.moniker), NameFolding.fold(b.moniker))
            if ma != mb { return Order.text(ma, mb) }
            if a.person.id != b.person.id { return a.person.id < b.person.id }
            if a.membership?.since != b.membership?.since {
                return Order.date(a.membership?.since, b.membership?.since)
            }
            return (a.membership?.edge.id.rawValue ?? 0) < (b.membership?.edge.id.rawValue ?? 0)
        }
    }

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let text = try Inputs.name(try arguments[Self.text], of: "moniker to look for", example: "flaco")
        let limit = arguments[Self.limit]
        guard limit > 0 else {
            throw NexoError(.usage, "--limit \(limit) is not a positive number", hint: "e.g. --limit 50")
        }
        let needle = NameFolding.fold(text)
        let index = try GangIndex(context.store)
        var rows: [Row] = []
        var seen = Set<EntityID>()
        for hit in try context.store.search(text, kind: CoreSchema.Kind.person, limit: Int(limit))
        where seen.insert(hit.entity.id).inserted {
            try context.checkCancellation()
            let matched = NameFolding.fold(hit.matched)
            var monikers = Set<String>()
            for membership in try Membership.of(person: hit.entity.id, in: context.store, index: index) {
                guard let moniker = membership.moniker else { continue }
                let folded = NameFolding.fold(moniker)
                monikers.insert(folded)
                guard folded.contains(needle) || folded == matched else { continue }
                rows.append(
                    Row(
                        person: hit.entity, moniker: moniker, exact: folded == needle, membership: membership,
                        clique: index.ref(membership.group), gang: index.gang(of: membership.group).flatMap(index.ref)))
            }
            // An alias on no membership (recorded with 'add … --alias'): the person still goes by it.
            if hit.matched != hit.entity.label, !monikers.contains(matched),
                try context.store.aliases(of: hit.entity.id).contains(hit.matched)
            {
                rows.append(
                    Row(
                        person: hit.entity, moniker: hit.matched, exact: matched == needle, membership: nil,
                        clique: nil, gang: nil))
            }
        }
        return CommandResult(table: ResultTable(columns: columns, rows: rows.sorted(by: Row.precedes).map(\.cells)))
    }
}
