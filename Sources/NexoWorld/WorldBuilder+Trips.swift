import NexoKit

/// People moved along a route: departures of small groups, their legs, crossings, encounters at
/// border posts, payments (to the network, and to the cliques that tax the route), relatives who
/// pay, phones and calls, forged documents and asylum claims.
extension WorldBuilder {
    /// Who travels a route, by where it starts: Central Americans from their own country, and
    /// third-country nationals who arrive through Nicaragua or fly into the region.
    private func nationalities(origin: String) -> Weighted<Nationality> {
        switch origin {
        case "NI": Weighted([(.ni, 2), (.ve, 3), (.cu, 3), (.ec, 2), (.ht, 2), (.cn, 1), (.in, 1)])
        case "HN": Weighted([(.hn, 8), (.ni, 1), (.ve, 1), (.ht, 0.5)])
        case "GT": Weighted([(.gt, 8), (.hn, 1), (.ec, 0.5)])
        default: Weighted([(.sv, 7), (.hn, 1), (.gt, 1), (.ve, 0.6), (.cu, 0.4), (.ec, 0.3), (.in, 0.2), (.cn, 0.2)])
        }
    }

    func buildTrips(route index: Int) throws(NexoError) {
        var random = random("trips-\(index)")
        let route = routes[index]
        let network = networks[route.network]
        let nationalities = nationalities(origin: route.originCountry)
        let recruiters = network.byRole["recruiter"] ?? []
        let collectors = network.byRole["collector"] ?? []
        let forgers = network.byRole["forger"] ?? []
        for _ in 0..<random.int(scale.tripsPerRoute) {
            let departure = random.date(CivilDate(iso: "2024-01-01")!, WorldGenerator.asOf.adding(days: -45))
            let size = random.int(scale.tripSize)
            // Some departures are stopped at a border post; the group's journey ends there.
            let stoppedAt: Int? =
                random.chance(0.18)
                ? route.legs.indices.filter { route.legs[$0].post != nil }.randomElement(using: &random) : nil
            var travellers: [EntityID] = []
            for _ in 0..<size {
                let nationality = nationalities.draw(&random)
                let female = random.chance(0.38)
                let born = random.date(CivilDate(iso: "1970-01-01")!, CivilDate(iso: "2012-12-31")!)
                var protection: (String, String)? = nil
                let fleeing: Set<Nationality> = [.ve, .ni, .cu, .ht, .sv, .hn, .gt]
                if fleeing.contains(nationality), random.chance(nationality.isThirdCountry ? 0.3 : 0.12) {
                    protection = (
                        random.chance(0.25) ? CoreSchema.Protection.refugee : CoreSchema.Protection.asylumSeeker,
                        nationality.rawValue
                    )
                }
                let migrant = try person(
                    nationality, female: female, born: born, role: .migrant, &random, protection: protection)
                travellers.append(migrant)
                let home = nationality.isThirdCountry ? route.originCountry : nationality.rawValue
                var phone: EntityID? = nil
                if random.chance(0.6) {
                    phone = try self.phone(for: migrant, country: home, since: departure.adding(days: -30), &random)
                }
                // A relative at home, who often pays.
                var payer = migrant
                if !nationality.isThirdCountry, random.chance(0.5) {
                    let relative = try person(
                        nationality, female: random.chance(0.6),
                        born: random.date(CivilDate(iso: "1955-01-01")!, CivilDate(iso: "1995-12-31")!),
                        role: .relative, &random)
                    try edge(
                        CoreSchema.Edge.knows, migrant, relative,
                        ["relation": .string(random.pick(["mother", "father", "sibling", "aunt", "uncle", "cousin"]))])
                    if random.chance(0.7) { payer = relative }
                    if let phone, random.chance(0.6) {
                        let family = try self.phone(
                            for: relative, country: home, since: departure.adding(days: -200), &random)
                        try calls(phone, family, months: 2, around: departure.adding(days: 20), &random)
                    }
                }
                if let phone, !recruiters.isEmpty, let recruiterPhone = phoneOf[random.pick(recruiters)] {
                    try calls(recruiterPhone, phone, months: 1, around: departure.adding(days: -10), &random)
                }
                // Deposit to the recruiter before leaving, the rest to a collector on the way.
                let deposit = (route.price * Double(random.int(25...50)) / 100).rounded()
                if !recruiters.isEmpty {
                    try payment(
                        from: payer, to: random.pick(recruiters), amount: deposit, route: route.id,
                        date: departure.adding(days: -random.int(3...30)), &random)
                }
                if !collectors.isEmpty, stoppedAt == nil || random.chance(0.3) {
                    try payment(
                        from: payer, to: random.pick(collectors), amount: route.price - deposit, route: route.id,
                        date: departure.adding(days: random.int(5...25)), &random)
                }
                if !forgers.isEmpty, nationality.isThirdCountry, random.chance(0.3) {
                    let document = Documents.number(
                        random.pick([.gt, .hn, .mx]), name: PersonName(given: "X", paternal: "X"),
                        born: born, female: female, &random)
                    try edge(
                        "forged_for", random.pick(forgers), migrant, ["document": .string(document)],
                        from: departure.adding(days: -random.int(5...40)))
                }
            }
            let companions = try travel(
                route: route, travellers: travellers, departure: departure, stoppedAt: stoppedAt, &random)
            // Cliques that tax the route take their cut of each departure.
            for (clique, amount) in route.taxedBy where !collectors.isEmpty {
                try payment(
                    from: random.pick(collectors), to: cliques[clique].id, amount: amount * Double(size),
                    route: route.id,
                    date: departure.adding(days: random.int(0...6)), channel: "cash", &random)
            }
            try truth([
                ("type", .string("trip")), ("route", .string(route.id.rawValue)), ("departure", .date(departure)),
                ("people", .string(travellers.map(\.rawValue).joined(separator: " "))),
                ("stopped_at", stoppedAt.map { Value.string(route.legs[$0].id.rawValue) } ?? .null),
                // The network's people who crossed with the group (the operators of its border legs).
                ("crossed_with", .string(companions.map(\.rawValue).joined(separator: " "))),
            ])
        }
    }

    /// Legs with their dates, crossings at border posts (one crossing per group and post, which the
    /// leg's operator crosses with the group), and an encounter for each person when the group is
    /// stopped. Returns the operators who crossed with the group, each once, in order.
    private func travel(
        route: Route, travellers: [EntityID], departure: CivilDate, stoppedAt: Int?,
        _ random: inout WorldRandom
    ) throws(NexoError) -> [EntityID] {
        var companions: [EntityID] = []
        var day = departure
        for (n, leg) in route.legs.enumerated() {
            let arrival = day.adding(days: max(0, leg.days + random.int(-1...2)))
            guard arrival <= WorldGenerator.asOf else { return companions }
            for person in travellers { try edge("travelled", person, leg.id, from: day, to: arrival) }
            if let post = leg.post {
                if n == stoppedAt {
                    for person in travellers {
                        let encounter = try entity(
                            "ENC", CoreSchema.Kind.encounter, "Encounter at \(label(ofPost: post)) \(arrival)",
                            ["date": .date(arrival), "post": .string(label(ofPost: post))])
                        try edge(CoreSchema.Edge.locatedIn, encounter, post)
                        try edge(CoreSchema.Edge.encountered, person, encounter, from: arrival, to: arrival)
                    }
                    return companions
                }
                let crossing = try entity(
                    "X", CoreSchema.Kind.crossing, "Crossing at \(label(ofPost: post)) \(arrival)",
                    [
                        "date": .date(arrival),
                        CoreSchema.Crossing.direction: .string(
                            leg.leavesCountry ? CoreSchema.Direction.exit : CoreSchema.Direction.entry),
                    ])
                try edge(CoreSchema.Edge.locatedIn, crossing, post)
                for person in travellers {
                    try edge(CoreSchema.Edge.crossed, person, crossing, from: arrival, to: arrival)
                }
                // The leg's operator (the guide on foot or by boat, else the driver) crosses with the
                // group: over many trips, the same person keeps crossing with different groups.
                try edge(CoreSchema.Edge.crossed, leg.operatorID, crossing, from: arrival, to: arrival)
                if !companions.contains(leg.operatorID) { companions.append(leg.operatorID) }
                if let vehicle = leg.vehicle {
                    try edge(CoreSchema.Edge.crossed, vehicle, crossing, from: arrival, to: arrival)
                }
            }
            day = arrival
        }
        return companions
    }

    private func label(ofPost id: EntityID) -> String {
        postNames[id] ?? id.rawValue
    }

    func payment(
        from payer: EntityID, to payee: EntityID, amount: Double, route: EntityID, date: CivilDate,
        channel: String? = nil, _ random: inout WorldRandom
    ) throws(NexoError) {
        let date = min(date, WorldGenerator.asOf)
        let channel =
            channel
            ?? Weighted([("cash", 0.4), ("remittance agency", 0.3), ("bank transfer", 0.15), ("mobile wallet", 0.15)])
            .draw(&random)
        let id = try entity(
            "PAY", CoreSchema.Kind.payment, "USD \(Int(amount)) \(date)",
            ["amount": .double(amount), "currency": .string("USD"), "channel": .string(channel), "date": .date(date)])
        try edge(CoreSchema.Edge.paid, payer, id, from: date, to: date)
        try edge(CoreSchema.Edge.paid, id, payee, from: date, to: date)
        try edge("payment_for", id, route)
    }
}
