import NexoKit

/// One `member_of` edge from a person to a clique (or, recorded directly, to a gang).
struct Membership {
    /// The stored edge; its valid period is when the person joined and left.
    let edge: Edge

    var person: EntityID { edge.from }
    var group: EntityID { edge.to }
    var role: String? { edge.properties[CoreSchema.MemberOf.role]?.stringValue }
    var moniker: String? { edge.properties["moniker"]?.stringValue }
    var leftReason: String? { edge.properties["left_reason"]?.stringValue }
    var since: CivilDate? { edge.validFrom }
    var until: CivilDate? { edge.validTo }
    /// Whether the person is still a member (the edge has no end).
    var isOpen: Bool { edge.validTo == nil }

    /// The person memberships of `groups`, in edge-id order: one indexed edge query per group,
    /// never one per member. Edges from other groups (a clique's own `member_of` its gang) are
    /// left out.
    static func of(_ groups: [EntityID], in store: any GraphStoreAccess, index: GangIndex) throws(NexoError)
        -> [Membership]
    {
        var result: [Membership] = []
        for group in groups {
            for edge in try store.edges(
                EdgeQuery(entity: group, direction: .incoming, kinds: [CoreSchema.Edge.memberOf]))
            where edge.to == group && index.groups[edge.from] == nil {
                result.append(Membership(edge: edge))
            }
        }
        return result
    }

    /// The memberships of `person` in any group, in edge-id order.
    static func of(person: EntityID, in store: any GraphStoreAccess, index: GangIndex) throws(NexoError) -> [Membership]
    {
        try store.edges(EdgeQuery(entity: person, direction: .outgoing, kinds: [CoreSchema.Edge.memberOf]))
            .filter { $0.from == person && index.groups[$0.to] != nil }
            .map(Membership.init)
    }
}

/// Which memberships (or territory, rivalries) a read shows: the open ones (the default), the
/// ones whose period contains a date (`--active-on`), or all (`--all`).
enum Period: Equatable {
    case current
    case on(CivilDate)
    case all

    /// `--active-on DATE`.
    static let activeOn = OptionKey(
        "active-on", .date, "Only what held on this date (its period contains the date)")
    /// `--all`.
    static let includeEnded = FlagKey("all", "Include what has ended")
    /// `--active-on DATE` and `--all`, which every period-aware read takes.
    static let options: [any OptionDeclaration] = [activeOn, includeEnded]

    /// The period the options ask for; `--active-on` with `--all` is a usage error.
    static func from(_ arguments: ParsedArguments) throws(NexoError) -> Period {
        let date = arguments[activeOn]
        if date != nil, arguments[includeEnded] {
            throw NexoError(
                .usage, "--active-on and --all ask for different things",
                hint: "give --active-on DATE for one day, or --all for every period")
        }
        if let date { return .on(date) }
        return arguments[includeEnded] ? .all : .current
    }

    /// Whether a validity period `[from, to]` (either end open) is included.
    func includes(from: CivilDate?, to: CivilDate?) -> Bool {
        switch self {
        case .current: return to == nil
        case .all: return true
        case .on(let date):
            if let from, date < from { return false }
            if let to, date > to { return false }
            return true
        }
    }

    func includes(_ edge: Edge) -> Bool { includes(from: edge.validFrom, to: edge.validTo) }
}

/// Clique roles: their order (from the top) and validation.
enum Roles {
    /// Position of `role` in the documented order: ``GangSchema/roles`` first, other recorded
    /// roles after them by name, no role last.
    static func precedes(_ a: String?, _ b: String?) -> Bool {
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb }
        guard let a, let b else { return false }
        return Order.text(a, b)
    }

    private static func rank(_ role: String?) -> Int {
        guard let role else { return GangSchema.roles.count + 1 }
        return GangSchema.roles.firstIndex(of: role) ?? GangSchema.roles.count
    }

    /// `role` when it is one of ``GangSchema/roles`` (or of `recorded`), ignoring case and accents
    /// as `find` does, else a usage error with a did-you-mean hint.
    static func checked(_ role: String, recorded: some Sequence<String> = [String](), option: String = "--role")
        throws(NexoError) -> String
    {
        let known = GangSchema.roles + recorded.filter { !GangSchema.roles.contains($0) }.sorted()
        if known.contains(role) { return role }
        let folded = NameFolding.fold(role)
        if let match = known.first(where: { NameFolding.fold($0) == folded }) { return match }
        let list = "roles: " + GangSchema.roles.joined(separator: ", ")
        throw NexoError(
            .usage, "unknown role '\(role)' for \(option)",
            hint: Suggestions.didYouMean(role, in: known).map { "\($0) (\(list))" } ?? list)
    }
}
