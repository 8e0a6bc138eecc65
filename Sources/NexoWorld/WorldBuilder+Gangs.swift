import NexoKit

/// Places, gangs, cliques, members, territory, rivalries and prison terms.
extension WorldBuilder {
    func buildPlaces() throws(NexoError) {
        for (code, name) in Geography.countries {
            countryByCode[code] = try entity(
                "PL", CoreSchema.Kind.place, name,
                [CoreSchema.Place.type: .string(CoreSchema.PlaceType.country), CoreSchema.Place.country: .string(code)])
        }
        for site in Geography.departments + Geography.municipalities + Geography.borderPosts {
            let id = try entity(
                "PL", CoreSchema.Kind.place, site.name,
                [
                    CoreSchema.Place.type: .string(site.type), CoreSchema.Place.country: .string(site.country),
                    CoreSchema.Place.latitude: .double(site.latitude),
                    CoreSchema.Place.longitude: .double(site.longitude),
                ])
            placeByKey[site.key] = id
            if site.type == CoreSchema.PlaceType.borderPost { postNames[id] = site.name }
            let parent = site.parent.flatMap { placeByKey[$0] } ?? countryByCode[site.country]!
            try edge(CoreSchema.Edge.locatedIn, id, parent)
        }
        for (name, municipality) in Geography.prisons {
            let id = try entity(
                "PL", CoreSchema.Kind.place, name,
                [CoreSchema.Place.type: .string(CoreSchema.PlaceType.prison), CoreSchema.Place.country: .string("SV")])
            try edge(CoreSchema.Edge.locatedIn, id, placeByKey[municipality]!)
            prisons.append(id)
        }
    }

    func buildGangs() throws(NexoError) {
        let founded: [(String, String, Int)] = [
            ("MS-13", "1985-01-01", 0), ("Barrio 18 Sureños", "2005-09-01", 1),
            ("Barrio 18 Revolucionarios", "2005-09-01", 1),
            ("Mao Mao", "1990-01-01", 2), ("La Mirada Locos", "1992-01-01", 2),
        ]
        for (name, date, style) in founded {
            let id = try entity(
                "G", CoreSchema.Kind.group, name,
                [
                    CoreSchema.Group.type: .string(CoreSchema.GroupType.gang),
                    CoreSchema.Group.founded: .date(CivilDate(iso: date)!),
                ])
            gangs.append(Gang(id: id, name: name, style: style))
        }
        try edge("rival_of", gangs[0].id, gangs[1].id, ["intensity": .string("war")])
        try edge("rival_of", gangs[0].id, gangs[2].id, ["intensity": .string("war")])
        try edge(
            "rival_of", gangs[1].id, gangs[2].id, ["intensity": .string("war")], from: CivilDate(iso: "2005-09-01"))
        try edge("rival_of", gangs[3].id, gangs[0].id, ["intensity": .string("tension")])
        try edge("rival_of", gangs[4].id, gangs[1].id, ["intensity": .string("tension")])
    }

    /// Whether two gangs are at odds (MS-13 against both Barrio 18 factions and the factions against each other).
    func rivals(_ a: Int, _ b: Int) -> Bool { a != b && (a <= 2 && b <= 2 || (a == 3 && b == 0) || (a == 4 && b == 1)) }

    /// Cliques with their territory and rivalries, then their members; `step` follows each clique's members.
    func buildCliques(step: (Int) throws(NexoError) -> Void) throws(NexoError) {
        var random = random("cliques")
        let gangWeights = [0.5, 0.2, 0.18, 0.06, 0.06]
        let municipalities = Geography.gangMunicipalities
        let municipalityWeights = municipalities.map { $0.country == "SV" ? 3.0 : 1.0 }
        var names = Set<String>()
        // Colonias per municipality grow with the number of cliques, so territories overlap.
        var holders: [EntityID: [Int]] = [:]
        for index in 0..<scale.cliques {
            // Every gang has at least one clique; beyond that, MS-13 and the Barrio 18 factions dominate.
            let gang = index < gangs.count ? index : random.weighted(gangWeights)
            let site = municipalities[random.weighted(municipalityWeights)]
            var colonias = coloniasByMunicipality[site.key] ?? []
            let want = max(2, (scale.cliques * 3) / (municipalities.count * 2) + 1)
            if colonias.count < want || random.chance(0.2) {
                let colony = try newColony(in: site, &random)
                colonias.append(colony)
                coloniasByMunicipality[site.key] = colonias
            }
            let home = colonias[random.below(colonias.count)]
            let name = cliqueName(gang: gang, home: site.name, &random, taken: &names)
            let id = try entity(
                "G", CoreSchema.Kind.group, name,
                [
                    CoreSchema.Group.type: .string(CoreSchema.GroupType.clique),
                    CoreSchema.Group.founded: .date(
                        random.date(CivilDate(iso: "1998-01-01")!, CivilDate(iso: "2018-12-31")!)),
                ])
            try edge(CoreSchema.Edge.memberOf, id, gangs[gang].id)
            try edge("operates_in", id, home, ["control": .string("dominant")])
            holders[home, default: []].append(index)
            for _ in 0..<random.int(0...2) {
                let other = colonias[random.below(colonias.count)]
                guard other != home, !(holders[other] ?? []).contains(index) else { continue }
                let contested = (holders[other] ?? []).contains { rivals(cliques[$0].gang, gang) }
                try edge("operates_in", id, other, ["control": .string(contested ? "contested" : "presence")])
                holders[other, default: []].append(index)
            }
            cliques.append(Clique(id: id, name: name, gang: gang, municipality: site.key))
        }
        // Cliques of rival gangs that share a colonia are rivals themselves.
        var rivalPairs = Set<[Int]>()
        for colony in holders.keys.sorted() {
            let here = holders[colony]!
            for a in here {
                for b in here where a < b && rivals(cliques[a].gang, cliques[b].gang) { rivalPairs.insert([a, b]) }
            }
        }
        for pair in rivalPairs.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            try edge(
                "rival_of", cliques[pair[0]].id, cliques[pair[1]].id,
                ["intensity": .string(random.pick(["war", "war", "tension", "truce"]))])
        }
        for index in cliques.indices {
            try buildMembers(clique: index)
            try step(index + 1)
        }
    }

    private func newColony(in site: Geography.Site, _ random: inout WorldRandom) throws(NexoError) -> EntityID {
        let name = "\(random.pick(Geography.colonyKinds)) \(random.pick(Geography.colonyNames)), \(site.name)"
        let id = try entity(
            "PL", CoreSchema.Kind.place, name,
            [
                CoreSchema.Place.type: .string(CoreSchema.PlaceType.colonia),
                CoreSchema.Place.country: .string(site.country),
            ])
        try edge(CoreSchema.Edge.locatedIn, id, placeByKey[site.key]!)
        return id
    }

    private func cliqueName(gang: Int, home: String, _ random: inout WorldRandom, taken: inout Set<String>) -> String {
        let patterns: [[String]] = [
            [
                "{} Locos Salvatrucha", "{} Criminales Salvatrucha", "{} Teclas Locos Salvatrucha",
                "{} Guanacos Locos Salvatrucha",
                "{} Sailors Locos Salvatrucha", "{} Coronados Locos Salvatrucha",
            ],
            [
                "{} Little Psycho 18", "{} Locos 18", "Crazy {} 18", "{} Dark Side 18", "{} Normandie 18",
                "{} Criminals 18",
            ],
            ["Los {} Mao Mao", "{} Mirada Locos 13", "{} Maquina Locos"],
        ]
        let style = gangs[gang].style
        for attempt in 0..<60 {
            var place = attempt < 8 ? home : random.pick(Geography.colonyNames)
            if attempt >= 30 { place += " \(random.pick(["Norte", "Sur", "Centro", "Alta", "Baja"]))" }
            let name = random.pick(patterns[style]).replacingFirst("{}", with: place)
            if taken.insert(name).inserted { return name }
        }
        let name = "\(home) Clique \(taken.count + 1)"
        taken.insert(name)
        return name
    }

    private func buildMembers(clique index: Int) throws(NexoError) {
        var random = random("members-\(index)")
        let clique = cliques[index]
        let country = Geography.sitesByKey[clique.municipality]!.country
        let nationality = Nationality(rawValue: country) ?? .sv
        let size = random.int(scale.membersPerClique)
        var monikers = Set<String>()
        var members: [EntityID] = [], phones: [EntityID] = [], leaders: [EntityID] = []
        for n in 0..<size {
            let role =
                n == 0
                ? "palabrero"
                : n <= max(1, size / 12)
                    ? "corredor"
                    : Weighted([("homeboy", 0.6), ("chequeo", 0.22), ("paro", 0.18)]).draw(&random)
            let female = role == "paro" ? random.chance(0.35) : random.chance(0.06)
            let born = random.date(CivilDate(iso: "1975-01-01")!, CivilDate(iso: "2007-12-31")!)
            var moniker = random.pick(NameTables.monikers)
            if !monikers.insert(moniker).inserted {
                moniker = "\(random.pick(NameTables.monikerPrefixes)) \(moniker)"
                if !monikers.insert(moniker).inserted { moniker += " \(n)"; monikers.insert(moniker) }
            }
            let tattoos =
                role == "paro"
                ? []
                : random.sample(random.int(1...3), of: NameTables.tattoos.count)
                    .filter { ($0 < 6) == (gangs[clique.gang].style != 1) || $0 >= 10 }.map { NameTables.tattoos[$0] }
            var extra: [String: Value] = [:]
            if !tattoos.isEmpty { extra["tattoos"] = .string(tattoos.joined(separator: "; ")) }
            let person = try person(
                nationality, female: female, born: born, role: .gangMember, &random,
                extra: extra, aliases: [moniker])
            let earliest = max(born.adding(days: 13 * 365), CivilDate(iso: "2005-01-01")!)
            let joined = random.date(
                min(earliest, WorldGenerator.asOf.adding(days: -30)), WorldGenerator.asOf.adding(days: -30))
            var left: CivilDate? = nil
            var properties: [String: Value] = ["role": .string(role), "moniker": .string(moniker)]
            if role != "palabrero" && random.chance(0.22) {
                let end = random.date(joined.adding(days: 60), WorldGenerator.asOf.adding(days: -1))
                if end > joined {
                    left = end
                    properties["left_reason"] = .string(
                        Weighted([
                            ("incarcerated", 0.35), ("deceased", 0.2), ("deported", 0.1),
                            ("calmado", 0.2), ("expelled", 0.05), ("unknown", 0.1),
                        ]).draw(&random))
                }
            }
            try edge(CoreSchema.Edge.memberOf, person, clique.id, properties, from: joined, to: left)
            if random.chance(0.3) {
                let start = random.date(joined, WorldGenerator.asOf.adding(days: -10))
                let end = start.adding(days: random.int(90...2500))
                try edge(
                    "incarcerated_in", person, random.pick(prisons),
                    [
                        "charge": .string(
                            random.pick([
                                "extortion", "homicide", "illicit association", "drug trafficking",
                                "aggravated robbery", "human smuggling",
                            ]))
                    ],
                    from: start, to: end < WorldGenerator.asOf ? end : nil)
            }
            let phone = try phone(for: person, country: country, since: joined, &random)
            if random.chance(0.3) {
                phones.append(try self.phone(for: person, country: country, since: joined, &random))
            }
            members.append(person)
            phones.append(phone)
            if role == "palabrero" || role == "corredor" { leaders.append(person) }
            if left == nil && (role == "homeboy" || role == "paro") {
                recruitable[country, default: []].append((person, index))
            }
        }
        // Members know each other and call each other.
        for (i, person) in members.enumerated() where members.count > 1 {
            for _ in 0..<2 {
                let j = random.below(members.count)
                if j != i { try edge(CoreSchema.Edge.knows, person, members[j], ["relation": .string("associate")]) }
            }
        }
        for (i, phone) in phones.enumerated() where phones.count > 1 {
            for _ in 0..<4 {
                let j = random.below(phones.count)
                if j != i {
                    try calls(
                        phone, phones[j], months: random.int(scale.callMonths),
                        around: WorldGenerator.asOf.adding(days: -random.int(30...700)), &random)
                }
            }
        }
        cliques[index].members = members
        cliques[index].phones = phones
        cliques[index].leaders = leaders
    }
}

extension String {
    /// The string with the first `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }

    /// The first range of `target` (a plain substring search without Foundation).
    func range(of target: String) -> Range<Index>? {
        guard !target.isEmpty else { return nil }
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(target) { return start..<index(start, offsetBy: target.count) }
            start = index(after: start)
        }
        return nil
    }
}
