import LinkGraph
import NexoKit

/// `link project --via phone|address|crossing|payment|encounter`: people linked through a thing they
/// share (a bipartite projection), each link with the shared things as its evidence.
enum LinkProject {
    static let command = Command(spec, run: run)

    /// What people can share, and the links that tie a person to one.
    enum Via: String, CaseIterable {
        case phone, address, crossing, payment, encounter

        /// The kind of the shared thing.
        var kind: String {
            switch self {
            case .phone: CoreSchema.Kind.phone
            case .address: CoreSchema.Kind.place
            case .crossing: CoreSchema.Kind.crossing
            case .payment: CoreSchema.Kind.payment
            case .encounter: CoreSchema.Kind.encounter
            }
        }

        /// The edge kinds between a person and the thing, either way round.
        var edgeKinds: [String] {
            switch self {
            case .phone: [CoreSchema.Edge.usesPhone, CoreSchema.Edge.owns]
            case .address: [CoreSchema.Edge.locatedIn, CoreSchema.Edge.owns]
            case .crossing: [CoreSchema.Edge.crossed]
            case .payment: [CoreSchema.Edge.paid]
            case .encounter: [CoreSchema.Edge.encountered]
            }
        }
    }

    static let via = OptionKey(
        "via", .oneOf(Via.allCases.map(\.rawValue)),
        "What the people share: phone, address, crossing, payment, encounter")
    static let minShared = DefaultedOptionKey("min-shared", .int, "Only people who share this many things", default: 1)
    static let maxShare = DefaultedOptionKey(
        "max-share", .int, "Leave out things shared by more people than this (said in the message)", default: 100)

    static let spec = CommandSpec(
        ["link", "project"],
        summary: "People linked through a phone, address, crossing, payment or encounter they share",
        discussion:
            "Each row is two people and the things of the chosen kind both are linked to ('uses_phone' or 'owns' "
            + "a phone; 'located_in' or 'owns' a place whose type is address; 'crossed' a crossing; 'paid' or "
            + "was paid by a payment; 'encountered' at an encounter), most shared first. A thing linked to more "
            + "than --max-share people (a switchboard, a whole group's crossing) would link everyone to "
            + "everyone: it is left out, and the message says how many. Entities piped in keep the links of "
            + "those people.",
        options: [via, minShared, maxShare],
        examples: [
            "link project --via phone", "link project --via crossing --min-shared 2",
            "find person zorro | link project --via payment",
        ],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        guard let given = arguments[via], let chosen = Via(rawValue: given) else {
            throw NexoError(
                .usage, "say what the people share", hint: "add --via phone, address, crossing, payment or encounter")
        }
        let minimum = arguments[minShared], bound = arguments[maxShare]
        guard minimum >= 1 else { throw NexoError(.usage, "--min-shared must be at least 1 (given \(minimum))") }
        guard bound >= 2 else { throw NexoError(.usage, "--max-share must be at least 2 (given \(bound))") }
        let store = context.store
        let people = Set(try store.entities(EntityQuery(kind: CoreSchema.Kind.person)).map(\.id))
        var things = Set(
            try store.entities(EntityQuery(kind: chosen.kind)).filter { entity in
                chosen != .address
                    || entity.properties[CoreSchema.Place.type]?.stringValue == CoreSchema.PlaceType.address
            }.map(\.id))
        try context.checkCancellation()
        var personNumber: [EntityID: Int32] = [:], thingNumber: [EntityID: Int32] = [:]
        var personIDs: [EntityID] = [], thingIDs: [EntityID] = []
        var incidence: [(person: Int32, thing: Int32)] = []
        for edge in try store.edges(EdgeQuery(kinds: chosen.edgeKinds)) {
            let (person, thing): (EntityID, EntityID)
            if people.contains(edge.from), things.contains(edge.to) {
                (person, thing) = (edge.from, edge.to)
            } else if people.contains(edge.to), things.contains(edge.from) {
                (person, thing) = (edge.to, edge.from)
            } else {
                continue
            }
            let p = personNumber[person] ?? number(person, &personNumber, &personIDs)
            let t = thingNumber[thing] ?? number(thing, &thingNumber, &thingIDs)
            incidence.append((p, t))
        }
        things.removeAll()
        let (links, skipped) = Projection.links(incidence, minShared: Int(minimum), maxPeoplePerThing: Int(bound))
        let piped = Set(context.entities(given: []).map(\.id))
        // A pipe, even an empty one, limits the links to its people.
        let kept =
            context.input == nil
            ? links
            : links.filter { piped.contains(personIDs[Int($0.first)]) || piped.contains(personIDs[Int($0.second)]) }

        let shown = try PersonReferences(
            kept.flatMap { [personIDs[Int($0.first)], personIDs[Int($0.second)]] }, in: store)
        func ref(_ number: Int32) -> Value { shown.value(personIDs[Int(number)]) }
        var table = ResultTable(columns: [
            Column("person", .entity(kind: CoreSchema.Kind.person)),
            Column("other", .entity(kind: CoreSchema.Kind.person)),
            Column("shared", .int), Column("via", .string),
        ])
        for link in kept {
            table.append([
                ref(link.first), ref(link.second), .int(Int64(link.shared.count)),
                .string(link.shared.map { thingIDs[Int($0)].rawValue }.joined(separator: " ")),
            ])
        }
        var message = "\(kept.count) links between people through a shared \(chosen.rawValue)"
        if !skipped.things.isEmpty {
            message +=
                "; left out \(skipped.things.count) \(chosen.rawValue)(s) shared by more than \(bound) people "
                + "(\(skipped.pairs) links; raise --max-share to keep them)"
        }
        return CommandResult(table: table, message: message)
    }

    private static func number(_ id: EntityID, _ numbers: inout [EntityID: Int32], _ ids: inout [EntityID]) -> Int32 {
        let value = Int32(ids.count)
        numbers[id] = value
        ids.append(id)
        return value
    }
}
