import NexoKit

/// `gang enroll <person> <clique> --role R --since DATE [--moniker M]`: records that a person joined a clique.
enum GangEnroll {
    static let command = Command(spec, run: run)

    static let person = ArgumentKey("person", .entity(kind: CoreSchema.Kind.person), "Who joined")
    static let clique = ArgumentKey("clique", .entity(kind: CoreSchema.Kind.group), "The clique they joined")
    static let role = OptionKey("role", .oneOf(GangSchema.roles), "Their role (required)")
    static let since = OptionKey("since", .date, "When they joined (required)")
    static let moniker = OptionKey("moniker", .string, "The name the clique gave them")

    static let spec = CommandSpec(
        ["gang", "enroll"],
        summary: "Record that a person joined a clique, with role, date and moniker",
        discussion: """
            Adds a member_of edge (person → clique) with the role and moniker, valid from --since. The \
            moniker is also added as an alias of the person, so 'find' and 'gang moniker' find them by \
            it. Refused when the person already has an open membership in the clique, or an earlier one \
            that ends on or after --since. A note warns when the person is still an open member of \
            another clique. Every write names its source. Returns the membership as 'gang members' \
            shows it.
            """,
        arguments: [person, clique],
        options: [role, since, moniker] + SourceOptions.options,
        examples: [
            "gang enroll P-12 \"Santa Ana Criminales Salvatrucha\" --role homeboy --since 2015-03-01 "
                + "--moniker \"El Flaco\" --source S-1"
        ],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let store = context.store
        let index = try GangIndex(store)
        let person = try Inputs.person(try arguments[Self.person], in: store)
        let clique = try index.gangOrClique(try arguments[Self.clique], as: [Types.clique], for: "gang enroll")
        guard let roleText = arguments[Self.role] else {
            throw NexoError(
                .usage, "missing --role: the person's role in the clique",
                hint: "add --role with one of: \(GangSchema.roles.joined(separator: ", "))")
        }
        let role = try Roles.checked(roleText)
        let since = try Inputs.required(Self.since, in: arguments, "when they joined")
        let moniker = try arguments[Self.moniker].map { text throws(NexoError) in
            try Inputs.name(text, of: "moniker", example: "El Flaco")
        }
        try Inputs.checkBorn(person, before: since, option: Self.since)

        let memberships = try Membership.of(person: person.id, in: store, index: index)
        for membership in memberships where membership.group == clique.id {
            if membership.isOpen {
                throw NexoError(
                    .conflict,
                    "\(person.id) is already a member of \(clique.id) (\(clique.label)) since "
                        + "\(membership.since?.description ?? "an unknown date") (\(membership.edge.id))",
                    hint: "record that they left first: gang leave \(person.id) \(clique.id) --on DATE")
            }
            if let until = membership.until, since <= until {
                throw NexoError(
                    .conflict,
                    "\(person.id) was a member of \(clique.id) (\(clique.label)) until \(until) "
                        + "(\(membership.edge.id)); --since \(since) is not after that",
                    hint: "give a --since after \(until)")
            }
        }

        let source = try Inputs.source(arguments, context)
        var properties: [String: Value] = [CoreSchema.MemberOf.role: .string(role)]
        if let moniker { properties["moniker"] = .string(moniker) }
        let edge = try store.addEdge(
            EdgeDraft(
                kind: CoreSchema.Edge.memberOf, from: person.id, to: clique.id, properties: properties,
                validFrom: since), source: source.id)
        if let moniker, moniker != person.label, !(try store.aliases(of: person.id)).contains(moniker) {
            try store.addAlias(moniker, to: person.id)
        }
        for other in memberships where other.isOpen && other.group != clique.id {
            let gang = index.gang(of: other.group).flatMap(index.ref).map { ", \($0.label)" } ?? ""
            context.output.note(
                "note: \(person.id) is still a member of \(other.group) "
                    + "(\(index.ref(other.group)?.label ?? "?")\(gang)) since "
                    + "\(other.since?.description ?? "an unknown date")"
            )
        }
        let row = MemberRow(membership: Membership(edge: edge), person: person.ref, clique: clique.ref)
        return CommandResult(
            table: MemberRow.table([row]),
            message: "enrolled \(person.id) in \(clique.id) as \(role) since \(since) (\(edge.id))")
    }
}
