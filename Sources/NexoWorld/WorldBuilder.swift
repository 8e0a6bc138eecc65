import NexoKit

/// The state of one generation: id counters, what was built so far (compactly), the sink.
final class WorldBuilder {
    let scale: WorldScale
    let seed: UInt64
    let sink: any WorldSink
    var summary = WorldSummary()
    private var counters: [String: Int] = [:]

    // Places.
    var placeByKey: [String: EntityID] = [:]
    var countryByCode: [String: EntityID] = [:]
    var prisons: [EntityID] = []
    /// Names of border posts, for labels of crossings and encounters.
    var postNames: [EntityID: String] = [:]
    var coloniasByMunicipality: [String: [EntityID]] = [:]

    // Gangs and cliques.
    struct Gang { let id: EntityID; let name: String; let style: Int }
    var gangs: [Gang] = []
    struct Clique {
        let id: EntityID
        let name: String
        let gang: Int
        let municipality: String
        var members: [EntityID] = []
        var leaders: [EntityID] = []
        var phones: [EntityID] = []
    }
    var cliques: [Clique] = []
    /// Active clique members free to be recruited by a network, by country code.
    var recruitable: [String: [(person: EntityID, clique: Int)]] = [:]

    // Networks and routes.
    struct Network {
        let id: EntityID
        let name: String
        var byRole: [String: [EntityID]] = [:]
        var phones: [EntityID] = []
        var routes: [Int] = []
    }
    var networks: [Network] = []
    struct Leg {
        let id: EntityID
        let from: EntityID
        let to: EntityID
        /// The border post the leg ends at, when it crosses a border.
        let post: EntityID?
        /// Whether the post is on the side being left (an exit), not the side entered.
        let leavesCountry: Bool
        let mode: String
        let days: Int
        let operatorID: EntityID
        let vehicle: EntityID?
    }
    struct Route {
        let id: EntityID
        let name: String
        let network: Int
        let originCountry: String
        let price: Double
        var legs: [Leg] = []
        var taxedBy: [(clique: Int, amount: Double)] = []
    }
    var routes: [Route] = []
    /// The clique of each facilitator who is also a clique member.
    var cliqueOfFacilitator: [EntityID: Int] = [:]
    /// When each facilitator joined their network.
    var facilitatorSince: [EntityID: CivilDate] = [:]
    /// Each facilitator's phone.
    var phoneOf: [EntityID: EntityID] = [:]
    /// Truth: clique ↔ route links and the people or taxes that make them.
    var links: [String: (clique: EntityID, route: EntityID, via: [EntityID], taxes: Bool)] = [:]

    init(scale: WorldScale, seed: UInt64, sink: any WorldSink) {
        self.scale = scale
        self.seed = seed
        self.sink = sink
    }

    func random(_ stream: String) -> WorldRandom { WorldRandom(seed: seed, stream: stream) }

    // MARK: Emitting

    func nextID(_ prefix: String) -> EntityID {
        let n = (counters[prefix] ?? 0) + 1
        counters[prefix] = n
        return EntityID("\(prefix)-\(n)")
    }

    @discardableResult
    func entity(
        _ prefix: String, _ kind: String, _ label: String, _ properties: [String: Value] = [:],
        aliases: [String] = []
    ) throws(NexoError) -> EntityID {
        let id = nextID(prefix)
        try sink.entity(EntityDraft(id: id, kind: kind, label: label, properties: properties), aliases: aliases)
        summary.entities += 1
        if kind == CoreSchema.Kind.person { summary.people += 1 }
        return id
    }

    func edge(
        _ kind: String, _ from: EntityID, _ to: EntityID, _ properties: [String: Value] = [:],
        from start: CivilDate? = nil, to end: CivilDate? = nil, confidence: Double = 1
    ) throws(NexoError) {
        try sink.edge(
            EdgeDraft(
                kind: kind, from: from, to: to, properties: properties, validFrom: start, validTo: end,
                confidence: confidence))
        summary.edges += 1
    }

    func truth(_ fields: [(String, Value)]) throws(NexoError) {
        try sink.truth(fields)
        summary.truthLines += 1
    }

    // MARK: People

    /// Who a person is in the world, for the ground truth.
    enum Role: String { case gangMember = "gang_member", facilitator, migrant, relative }

    /// Emits a person (entity, phone-less) and their ground-truth line.
    func person(
        _ nationality: Nationality, female: Bool, born: CivilDate, role: Role, _ random: inout WorldRandom,
        extra: [String: Value] = [:], aliases extraAliases: [String] = [],
        protection: (status: String, fled: String)? = nil
    ) throws(NexoError) -> EntityID {
        let adult = WorldGenerator.asOf.year - born.year >= 18
        let name = NameGenerator.name(nationality, female: female, adult: adult, &random)
        var properties: [String: Value] = [
            CoreSchema.Person.givenNames: .string(name.given), CoreSchema.Person.surnames: .string(name.surnames),
            CoreSchema.Person.dateOfBirth: .date(born),
            CoreSchema.Person.sex: .string(female ? "F" : "M"),
            CoreSchema.Person.nationality: .string(nationality.rawValue),
            CoreSchema.Person.document: .string(
                Documents.number(nationality, name: name, born: born, female: female, &random)),
        ]
        if let protection {
            properties["protection"] = .string(protection.status)
            properties["fled_country"] = .string(protection.fled)
        }
        for (key, value) in extra { properties[key] = value }
        let id = try entity("P", CoreSchema.Kind.person, name.full, properties, aliases: name.aliases + extraAliases)
        var fields: [(String, Value)] = [
            ("type", .string("person")), ("id", .string(id.rawValue)),
            ("identity", .string("ID-" + id.rawValue.dropFirst(2))), ("role", .string(role.rawValue)),
            ("nationality", .string(nationality.rawValue)),
            ("third_country", .bool(nationality.isThirdCountry)),
        ]
        if let protection {
            fields += [("protection", .string(protection.status)), ("fled_country", .string(protection.fled))]
        }
        try truth(fields)
        return id
    }

    /// A phone for `owner`, linked by `uses_phone`.
    func phone(for owner: EntityID, country: String, since: CivilDate, _ random: inout WorldRandom) throws(NexoError)
        -> EntityID
    {
        let codes = ["SV": ("+503", 8), "GT": ("+502", 8), "HN": ("+504", 8), "NI": ("+505", 8), "MX": ("+52", 10)]
        let (code, length) = codes[country] ?? ("+1", 10)
        var digits = String(random.pick(country == "SV" ? [6, 7] : [3, 4, 5, 9]))
        for _ in 1..<length { digits += String(random.below(10)) }
        var imei = ""
        for _ in 0..<15 { imei += String(random.below(10)) }
        let id = try entity(
            "PH", CoreSchema.Kind.phone, code + " " + digits, ["number": .string(code + digits), "imei": .string(imei)])
        try edge(CoreSchema.Edge.usesPhone, owner, id, from: since)
        return id
    }

    /// Calls between two phones in `months` distinct months (one `called` edge per month).
    func calls(_ a: EntityID, _ b: EntityID, months: Int, around: CivilDate, _ random: inout WorldRandom)
        throws(NexoError)
    {
        var used = Set<Int>()
        for _ in 0..<months {
            let day = min(around.adding(days: random.int(-150...150)), WorldGenerator.asOf)
            let key = day.year * 12 + day.month
            guard used.insert(key).inserted else { continue }
            let first = CivilDate(year: day.year, month: day.month, day: 1)!
            let last = min(
                CivilDate(year: day.year, month: day.month, day: CivilDate.daysIn(month: day.month, year: day.year))!,
                WorldGenerator.asOf)
            let count = random.int(1...25)
            try edge(
                CoreSchema.Edge.called, a, b,
                ["calls": .int(Int64(count)), "seconds": .int(Int64(count * random.int(20...300)))],
                from: first, to: last)
        }
    }
}
