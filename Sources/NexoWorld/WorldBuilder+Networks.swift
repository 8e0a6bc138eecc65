import NexoKit

/// Smuggling networks, their facilitators, routes, legs, safe houses and vehicles, and the cliques
/// that tax the routes or lend members to run them.
extension WorldBuilder {
    func buildNetworks() throws(NexoError) {
        var random = random("networks")
        var names = Set<String>()
        for index in 0..<scale.networks {
            var name = ""
            repeat {
                let surname = NameGenerator.surname(&random)
                name = random.pick([
                    "Red \(surname)", "Los \(surname)", "Organización \(surname)", "Hermanos \(surname)",
                ])
                if names.contains(name) {
                    name += " \(random.pick(["del Norte", "del Sur", "de Oriente", "de Occidente"]))"
                }
            } while !names.insert(name).inserted
            let founded = random.date(CivilDate(iso: "2012-01-01")!, CivilDate(iso: "2023-06-30")!)
            let id = try entity(
                "G", CoreSchema.Kind.group, name,
                [
                    CoreSchema.Group.type: .string(CoreSchema.GroupType.network),
                    CoreSchema.Group.founded: .date(founded),
                ])
            networks.append(Network(id: id, name: name))
            let templates = random.sample(random.int(scale.routesPerNetwork), of: Geography.routeTemplates.count)
            let start = Geography.sitesByKey[Geography.routeTemplates[templates[0]].stops[0]]!
            for role in [
                "coordinator", "recruiter", "recruiter", "collector", "forger", "guide", "guide", "transporter",
            ]
            where role != "forger" || random.chance(0.7) {
                try facilitator(
                    network: index, role: role, country: start.country, founded: founded,
                    recruitFromCliques: ["guide", "transporter", "collector"].contains(role), &random)
            }
            for template in templates { try buildRoute(network: index, template: template, founded: founded, &random) }
            // Facilitators call each other.
            let phones = networks[index].phones
            for (i, phone) in phones.enumerated() where phones.count > 1 {
                for _ in 0..<3 {
                    let j = random.below(phones.count)
                    if j != i {
                        try calls(
                            phone, phones[j], months: random.int(scale.callMonths), around: founded.adding(days: 400),
                            &random)
                    }
                }
            }
        }
    }

    /// A facilitator: sometimes a clique member from where the network recruits, else a new person.
    @discardableResult
    func facilitator(
        network index: Int, role: String, country: String, founded: CivilDate,
        recruitFromCliques: Bool = false, _ random: inout WorldRandom
    ) throws(NexoError) -> EntityID {
        let since = random.date(founded, WorldGenerator.asOf.adding(days: -60))
        var person: EntityID
        var clique: Int? = nil
        if recruitFromCliques, random.chance(0.5), var pool = recruitable[country], !pool.isEmpty {
            let pick = pool.remove(at: random.below(pool.count))
            recruitable[country] = pool
            person = pick.person
            clique = pick.clique
        } else {
            let nationality = Nationality(rawValue: country) ?? .gt
            person = try self.person(
                nationality, female: random.chance(role == "recruiter" || role == "collector" ? 0.4 : 0.1),
                born: random.date(CivilDate(iso: "1965-01-01")!, CivilDate(iso: "2000-12-31")!),
                role: .facilitator, &random)
        }
        try edge(CoreSchema.Edge.memberOf, person, networks[index].id, ["role": .string(role)], from: since)
        if let clique {
            try truth([
                ("type", .string("dual_role")), ("person", .string(person.rawValue)),
                ("clique", .string(cliques[clique].id.rawValue)), ("network", .string(networks[index].id.rawValue)),
                ("network_role", .string(role)),
            ])
            networks[index].byRole["clique-member", default: []].append(person)
            cliqueOfFacilitator[person] = clique
        }
        facilitatorSince[person] = since
        let phone = try phone(for: person, country: country, since: since, &random)
        networks[index].phones.append(phone)
        phoneOf[person] = phone
        networks[index].byRole[role, default: []].append(person)
        return person
    }

    private func buildRoute(network index: Int, template: Int, founded: CivilDate, _ random: inout WorldRandom)
        throws(NexoError)
    {
        let (templateName, stops) = Geography.routeTemplates[template]
        let origin = Geography.sitesByKey[stops[0]]!
        let price = Double(random.int(40...140) * 100)
        let name = "\(templateName) — \(networks[index].name)"
        let id = try entity(
            "RT", "route", name,
            [
                "name": .string(name), "origin_country": .string(origin.country),
                "destination_country": .string("US"), "price": .double(price),
                "currency": .string("USD"),
            ])
        try edge("runs", networks[index].id, id, from: founded)
        var route = Route(id: id, name: name, network: index, originCountry: origin.country, price: price)
        var from = placeByKey[stops[0]]!
        for (n, key) in stops.dropFirst().enumerated() {
            let site = Geography.sitesByKey[key]!
            let previous = Geography.sitesByKey[stops[n]]!
            let crossesBorder = site.type == CoreSchema.PlaceType.borderPost
            let mode =
                crossesBorder
                ? random.pick(["foot", "foot", "boat", "car"])
                : site.country == "MX"
                    ? random.pick(["bus", "truck", "truck", "train"]) : random.pick(["bus", "car", "truck"])
            var to = placeByKey[key]!
            // Towns on the way have safe houses where people wait for the next leg.
            if !crossesBorder, n < stops.count - 2, random.chance(0.6) {
                to = try safeHouse(in: site, network: index, founded: founded, &random)
            }
            let role = ["foot", "boat"].contains(mode) ? "guide" : "transporter"
            let operatorID =
                random.chance(0.5) || networks[index].byRole[role] == nil
                ? try facilitator(
                    network: index, role: role, country: previous.country == "US" ? "MX" : previous.country,
                    founded: founded, recruitFromCliques: true, &random)
                : random.pick(networks[index].byRole[role]!)
            var vehicle: EntityID? = nil
            if ["truck", "car", "bus"].contains(mode) {
                let plate = vehiclePlate(previous.country, &random)
                vehicle = try entity(
                    "V", CoreSchema.Kind.vehicle, plate,
                    [
                        "plate": .string(plate),
                        "make": .string(
                            random.pick(
                                mode == "bus"
                                    ? ["Blue Bird bus", "Hino AK"]
                                    : ["Isuzu NPR", "Hino 300", "Toyota Hilux", "Nissan Frontier", "Freightliner M2"])),
                        "colour": .string(random.pick(["white", "grey", "red", "blue", "black"])),
                    ])
                try edge(CoreSchema.Edge.owns, operatorID, vehicle!, from: founded)
            }
            let legID = try entity(
                "LEG", "leg", "\(previous.name) → \(site.name) (\(id))",
                [
                    "sequence": .int(Int64(n + 1)), "mode": .string(mode),
                    "days": .int(Int64(crossesBorder ? 1 : random.int(1...4))),
                ])
            try edge("leg_of", legID, id)
            try edge("departs_from", legID, from)
            try edge("arrives_at", legID, to)
            let operating = max(founded, facilitatorSince[operatorID] ?? founded)
            try edge("operated", operatorID, legID, ["role": .string(role)], from: operating)
            if let vehicle { try edge("operated", vehicle, legID, ["role": .string("vehicle")], from: operating) }
            route.legs.append(
                Leg(
                    id: legID, from: from, to: to, post: crossesBorder ? to : nil,
                    leavesCountry: crossesBorder && site.country == previous.country, mode: mode,
                    days: crossesBorder ? 1 : 2, operatorID: operatorID, vehicle: vehicle))
            from = to
        }
        // Cliques along the route charge for passage: those in a town it passes through, else
        // those in a department it crosses, else in a country it crosses.
        let sites = stops.compactMap { Geography.sitesByKey[$0] }
        let towns = Set(sites.map(\.key)), departments = Set(sites.compactMap(\.parent)),
            countries = Set(sites.map(\.country))
        func closeness(_ clique: Clique) -> Int {
            let site = Geography.sitesByKey[clique.municipality]!
            return towns.contains(site.key)
                ? 3 : departments.contains(site.parent ?? "") ? 2 : countries.contains(site.country) ? 1 : 0
        }
        let candidates = cliques.indices.filter { closeness(cliques[$0]) > 0 }
            .sorted { (closeness(cliques[$0]), -$0) > (closeness(cliques[$1]), -$1) }
        let taxing = Array(candidates.prefix(max(1, candidates.count / 8))).filter { _ in random.chance(0.8) }
        for c in taxing.prefix(3) {
            let clique = cliques[c]
            let amount = Double(random.int(2...20) * 25)
            try edge("taxes", clique.id, id, ["amount": .double(amount), "currency": .string("USD")], from: founded)
            route.taxedBy.append((c, amount))
            noteLink(clique: clique.id, route: id, via: nil, taxes: true)
            if let phone = clique.phones.first, let coordinator = networks[index].byRole["coordinator"]?.first,
                let other = phoneOf[coordinator]
            {
                try calls(
                    other, phone, months: random.int(scale.callMonths), around: founded.adding(days: 300), &random)
            }
        }
        for leg in route.legs {
            if let clique = cliqueOfFacilitator[leg.operatorID] {
                noteLink(clique: cliques[clique].id, route: id, via: leg.operatorID, taxes: false)
            }
        }
        networks[index].routes.append(routes.count)
        routes.append(route)
    }

    private func safeHouse(
        in site: Geography.Site, network index: Int, founded: CivilDate,
        _ random: inout WorldRandom
    ) throws(NexoError) -> EntityID {
        let name = "Safe house \(random.pick(Geography.colonyNames)) \(random.int(1...99)), \(site.name)"
        let id = try entity(
            "PL", CoreSchema.Kind.place, name,
            [
                CoreSchema.Place.type: .string(CoreSchema.PlaceType.safeHouse),
                CoreSchema.Place.country: .string(site.country),
                CoreSchema.Place.latitude: .double(site.latitude + random.normal(mean: 0, deviation: 0.01)),
                CoreSchema.Place.longitude: .double(site.longitude + random.normal(mean: 0, deviation: 0.01)),
            ])
        try edge(CoreSchema.Edge.locatedIn, id, placeByKey[site.key]!)
        let keeper = try facilitator(
            network: index, role: "safe_house_keeper", country: site.country, founded: founded, &random)
        try edge(CoreSchema.Edge.owns, keeper, id, from: founded)
        return id
    }

    private func vehiclePlate(_ country: String, _ random: inout WorldRandom) -> String {
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(random.below(10))) }) }
        func letters(_ n: Int) -> String {
            String((0..<n).map { _ in Character(UnicodeScalar(UInt8(65 + random.below(26)))) })
        }
        switch country {
        case "SV": return "P\(digits(3))-\(digits(3))"
        case "GT": return "C\(digits(3))\(letters(3))"
        case "HN": return "H\(letters(2)) \(digits(4))"
        case "NI": return "M \(digits(3))-\(digits(3))"
        default: return "\(letters(3))-\(digits(3))-\(letters(1))"
        }
    }

    func noteLink(clique: EntityID, route: EntityID, via person: EntityID?, taxes: Bool) {
        let key = clique.rawValue + ">" + route.rawValue
        var link = links[key] ?? (clique, route, [], false)
        if let person, !link.via.contains(person) { link.via.append(person) }
        link.taxes = link.taxes || taxes
        links[key] = link
    }

    func writeLinkTruth() throws(NexoError) {
        for key in links.keys.sorted() {
            let link = links[key]!
            try truth([
                ("type", .string("clique_route_link")), ("clique", .string(link.clique.rawValue)),
                ("route", .string(link.route.rawValue)), ("taxes", .bool(link.taxes)),
                ("via", .string(link.via.map(\.rawValue).joined(separator: " "))),
            ])
        }
    }
}
