import NexoKit
import NexoKitTesting
import SmugglingNetworksPlugin
import Testing

/// The SmugglingNetworks plugin's commands, run by the test kit against its in-memory store with
/// the core schema and the plugin's.
@Suite struct SmugglingNetworksPluginTests {
    private let kit: PluginTestKit
    private var store: MemoryStore { kit.store }
    /// The commands that write, which the helper gives `--source S-1`.
    private static let writing = Set(SmugglingNetworksPlugin().commands.filter(\.spec.writes).map(\.spec.name))

    init() throws {
        kit = try PluginTestKit(plugin: SmugglingNetworksPlugin(), user: "mlopez")
        _ = try store.addSource(description: "PNC DAN Sonsonate", reliability: .b, credibility: .probablyTrue)
    }

    // MARK: Helpers

    @discardableResult
    private func run(
        _ path: String, _ values: [String: [Value]] = [:], flags: Set<String> = [], input: ResultTable? = nil
    ) throws -> CommandResult {
        var values = values
        if Self.writing.contains(path) && values["source"] == nil && values["reported-by"] == nil {
            values["source"] = [.string("S-1")]
        }
        return try kit.run(path, values, flags: flags, input: input)
    }

    private func rows(_ result: CommandResult, _ columns: String...) throws -> [String] {
        let table = try #require(result.table)
        let indexes = try columns.map { name in try #require(table.columnIndex(name), "no column \(name)") }
        return table.rows.map { row in indexes.map { row[$0].description }.joined(separator: " ") }
    }

    private func ref(_ id: EntityID) throws -> Value { .entity(try #require(try store.entity(id)).ref) }
    private func day(_ text: String) -> Value { .date(CivilDate(iso: text)!) }

    @discardableResult
    private func add(_ kind: String, _ label: String, _ properties: [String: Value] = [:]) throws -> EntityID {
        try store.addEntity(EntityDraft(kind: kind, label: label, properties: properties), source: nil).id
    }

    private func link(
        _ from: EntityID, _ kind: String, _ to: EntityID, _ properties: [String: Value] = [:],
        since: String? = nil
    ) throws {
        try store.addEdge(
            EdgeDraft(
                kind: kind, from: from, to: to, properties: properties,
                validFrom: since.flatMap { CivilDate(iso: $0) }), source: nil)
    }

    /// The world of the golden script: network G-3 runs RT-1 over three legs through a safe house.
    private func world() throws {
        let country = try add("place", "El Salvador", ["type": .string("country")]) // PL-1
        let department = try add("place", "Ahuachapán", ["type": .string("department")]) // PL-2
        try link(department, "located_in", country)
        let hachadura = try add("place", "La Hachadura", ["type": .string("border_post")]) // PL-3
        try link(hachadura, "located_in", department)
        try add("place", "Ciudad Hidalgo", ["type": .string("border_post")]) // PL-4
        try add("place", "Casa Verde", ["type": .string("safe_house")]) // PL-5
        try add("place", "Tapachula", ["type": .string("municipality")]) // PL-6
        try add("person", "Carlos Mejía", ["nationality": .string("SV")]) // P-1
        try add("person", "Rosa Ayala", ["nationality": .string("GT")]) // P-2
        try add("person", "Pedro Gómez", ["nationality": .string("GT")]) // P-3
        try add(
            "person", "Luis Martínez",
            [
                "nationality": .string("SV"), "protection": .string("asylum_seeker"),
                "fled_country": .string("SV"),
            ]) // P-4
        try add("person", "María Chávez", ["nationality": .string("HN")]) // P-5
        try add("person", "Tomás Rivas", ["nationality": .string("SV")]) // P-6
        let gang = try add("group", "Mara Uno", ["type": .string("gang")]) // G-1
        let clique = try add("group", "Sonsonate Locos", ["type": .string("clique")]) // G-2
        try link(clique, "member_of", gang)
        try link("P-3", "member_of", clique, ["role": .string("homeboy")], since: "2015-01-01")
        try add("vehicle", "Toyota Hiace P123") // V-1
        try link("P-2", "owns", "PL-5")

        try run("smuggling network add", ["name": [.string("Red del Norte")], "founded": [day("2019-03-01")]]) // G-3
        for (person, role, since) in [
            ("P-1", "coordinator", "2019-03-01"), ("P-2", "safe_house_keeper", "2021-06-01"),
            ("P-3", "guide", "2022-01-15"),
        ] {
            try run(
                "smuggling facilitator add",
                [
                    "person": [try ref(EntityID(person))], "network": [try ref("G-3")],
                    "role": [.string(role)], "since": [day(since)],
                ])
        }
        try run(
            "smuggling route add",
            [
                "name": [.string("Ruta del Pacífico")], "network": [try ref("G-3")], "price": [.double(6000)],
                "currency": [.string("usd")], "origin": [.string("sv")], "destination": [.string("US")],
            ])
        for (from, to, mode, days) in [
            ("PL-3", "PL-5", "bus", 2), ("PL-5", "PL-4", "foot", 1), ("PL-4", "PL-6", "truck", 1),
        ] {
            try run(
                "smuggling leg add",
                [
                    "route": [try ref("RT-1")], "from-place": [try ref(EntityID(from))],
                    "to-place": [try ref(EntityID(to))], "mode": [.string(mode)], "days": [.int(Int64(days))],
                ])
        }
        try run(
            "smuggling operate",
            [
                "operator": [try ref("P-3")], "leg": [try ref("LEG-2")], "role": [.string("guide")],
                "from": [day("2024-03-01")],
            ])
        try run(
            "smuggling operate",
            ["operator": [try ref("V-1")], "leg": [try ref("LEG-3")], "role": [.string("transporter")]])
        for (person, start, legs) in [
            ("P-4", "2024-03-01", nil), ("P-5", "2024-03-01", nil), ("P-6", "2024-04-10", 1 as Int64?),
        ] {
            var values: [String: [Value]] = [
                "person": [try ref(EntityID(person))], "route": [try ref("RT-1")], "from": [day(start)],
            ]
            if let legs { values["legs"] = [.int(legs)] }
            try run("smuggling travel", values)
        }
        for (payer, payee, amount, currency, date, route) in [
            ("P-4", "P-1", 3000.0, "USD", "2024-02-20", true),
            ("P-5", "G-3", 45000.0, "MXN", "2024-02-25", true),
            ("P-1", "G-1", 200.0, "USD", "2024-03-05", false),
        ] {
            var values: [String: [Value]] = [
                "payer": [try ref(EntityID(payer))], "payee": [try ref(EntityID(payee))],
                "amount": [.double(amount)], "currency": [.string(currency)],
                "channel": [.string("cash")], "date": [day(date)],
            ]
            if route { values["route"] = [try ref("RT-1")] }
            try run("smuggling payment add", values)
        }
        try run(
            "smuggling crossing add",
            [
                "entities": [try ref("P-4"), try ref("P-5"), try ref("PL-3")], "date": [day("2024-03-01")],
                "direction": [.string("exit")],
            ])
        try run(
            "smuggling crossing add",
            [
                "entities": [try ref("P-6"), try ref("V-1"), try ref("PL-4")], "date": [day("2024-04-12")],
                "direction": [.string("entry")],
            ])
        try run(
            "smuggling tax",
            [
                "group": [try ref("G-2")], "route": [try ref("RT-1")], "amount": [.double(100)],
                "currency": [.string("USD")], "since": [day("2023-01-01")],
            ])
    }

    // MARK: Specs

    @Test func everyReadingCommandDocumentsItsRowOrder() {
        for command in SmugglingNetworksPlugin().commands where !command.spec.writes {
            #expect(
                command.spec.discussion.contains("ordered") || command.spec.discussion.contains("order"),
                "\(command.spec.name) does not document its row order")
        }
    }

    // MARK: Reads

    @Test func networksCountFacilitatorsRoutesAndPeopleMoved() throws {
        try world()
        #expect(
            try rows(
                try run("smuggling networks"), "network", "founded", "facilitators", "routes", "moved", "first_moved",
                "last_moved")
                == ["G-3 2019-03-01 3 1 3 2024-03-01 2024-04-12"])
    }

    @Test func showListsFacilitatorsByRoleRoutesPaymentTotalsAndTaxes() throws {
        try world()
        let result = try run("smuggling show", ["network": [try ref("G-3")]])
        #expect(
            try rows(result, "section", "item", "detail", "count", "amount", "currency") == [
                "network G-3    ",
                "facilitator P-1 coordinator   ",
                "facilitator P-3 guide   ",
                "facilitator P-2 safe_house_keeper   ",
                "route RT-1 SV → US, 3 legs 3 6000.0 USD",
                "payments  1 payment 1 45000.0 MXN",
                "payments  2 payments 2 3200.0 USD",
                "taxed_by G-2 RT-1 Ruta del Pacífico  100.0 USD",
            ])
    }

    @Test func routeListsLegsInSequenceWithOperatorsAndSafeHouses() throws {
        try world()
        #expect(
            try rows(
                try run("smuggling route", ["route": [try ref("RT-1")]]),
                "sequence", "leg", "from", "to", "mode", "days", "operators", "safe_house", "keeper", "moved") == [
                    "1 LEG-1 PL-3 PL-5 bus 2  PL-5 P-2 3",
                    "2 LEG-2 PL-5 PL-4 foot 1 P-3 Pedro Gómez (guide) PL-5 P-2 2",
                    "3 LEG-3 PL-4 PL-6 truck 1 V-1 Toyota Hiace P123 (transporter)   2",
                ])
    }

    @Test func legsAreOrderedBySequenceNotById() throws {
        try world()
        // A leg recorded later but placed first by its sequence number.
        let early = try add(SmugglingSchemaNames.leg, "before the border", ["sequence": .int(0)])
        try link(early, SmugglingSchemaNames.legOf, "RT-1")
        try link(early, SmugglingSchemaNames.departsFrom, "PL-1")
        try link(early, SmugglingSchemaNames.arrivesAt, "PL-3")
        #expect(
            try rows(try run("smuggling route", ["route": [try ref("RT-1")]]), "sequence", "leg")
                == ["0 LEG-4", "1 LEG-1", "2 LEG-2", "3 LEG-3"])
    }

    @Test func timelineGroupsPeopleByLegAndDaysInDateOrder() throws {
        try world()
        let result = try run("smuggling route", ["route": [try ref("RT-1")]], flags: ["timeline"])
        #expect(
            try rows(result, "start", "end", "sequence", "people", "persons", "operators", "safe_house") == [
                "2024-03-01 2024-03-03 1 2 P-4, P-5  PL-5",
                "2024-03-03 2024-03-04 2 2 P-4, P-5 P-3 Pedro Gómez (guide) PL-5",
                "2024-03-04 2024-03-05 3 2 P-4, P-5 V-1 Toyota Hiace P123 (transporter) ",
                "2024-04-10 2024-04-12 1 1 P-6  PL-5",
            ])
        let april = try run(
            "smuggling route", ["route": [try ref("RT-1")], "during": [.dateRange(DateRange(period: "2024-04")!)]],
            flags: ["timeline"])
        #expect(try rows(april, "start", "persons") == ["2024-04-10 P-6"])
    }

    @Test func timelineQueriesPerLegNotPerPerson() throws {
        try world()
        for n in 0..<40 {
            let person = try add("person", "Traveller \(n)")
            try run(
                "smuggling travel",
                ["person": [try ref(person)], "route": [try ref("RT-1")], "from": [day("2024-05-01")]])
        }
        let route = try ref("RT-1")
        store.readCounts = MemoryStore.ReadCounts()
        let result = try run("smuggling route", ["route": [route]], flags: ["timeline"])
        #expect(result.table?.rows.count == 7)
        #expect(store.readCounts.entityLookups == 0)
        #expect(store.readCounts.edgeQueries <= 1 + 3 + 2) // legs of the route, each leg, keepers of safe houses
        #expect(store.readCounts.entityQueries <= 3) // batch reads
    }

    @Test func routesThroughAPlaceIncludeLegsAtPlacesInsideIt() throws {
        try world()
        #expect(
            try rows(
                try run("smuggling routes", ["through": [try ref("PL-1")]]), "route", "network", "legs", "start", "end",
                "moved")
                == ["RT-1 G-3 3 PL-3 PL-6 3"])
        let elsewhere = try add("place", "Guatemala", ["type": .string("country")])
        #expect(try run("smuggling routes", ["through": [try ref(elsewhere)]]).table?.rows.isEmpty == true)
        let piped = ResultTable(columns: [Column("network", .entity(kind: "group"))], rows: [[try ref("G-3")]])
        #expect(try rows(try run("smuggling routes", input: piped), "route") == ["RT-1"])
    }

    @Test func facilitatorsCarryGangLinksSoCliquesCanBeFiltered() throws {
        try world()
        let linked = try rows(
            try run("smuggling facilitators", ["route": [try ref("RT-1")]]), "network", "person", "role", "via",
            "clique", "gang")
        #expect(
            linked == [
                " P-3 guide operated LEG-2 G-2 G-1",
                " P-2 safe_house_keeper owns PL-5  ",
                "G-3 P-1 coordinator member  ",
                "G-3 P-3 guide member G-2 G-1",
                "G-3 P-2 safe_house_keeper member  ",
            ])
        #expect(
            try rows(
                try run("smuggling facilitators", ["role": [.string("guide")], "network": [try ref("G-3")]]), "person",
                "since")
                == ["P-3 2022-01-15"])
        #expect(
            try rows(try run("smuggling facilitators", ["since": [day("2021-01-01")]]), "person") == ["P-3", "P-2"])
        #expect(try rows(try run("smuggling facilitators", ["active-on": [day("2020-01-01")]]), "person") == ["P-1"])
    }

    /// Totals are a footer, never rows: the table holds one row per payment, so `count` and `sort`
    /// see payments only.
    @Test func paymentsFlowFromPayerToPayeeWithTotalsPerCurrencyInTheFooter() throws {
        try world()
        let all = try run("smuggling payments", ["party": [try ref("G-3")]])
        #expect(
            try rows(all, "payment", "payer", "payee", "amount", "currency", "route") == [
                "PAY-1 P-4 P-1 3000.0 USD RT-1",
                "PAY-2 P-5 G-3 45000.0 MXN RT-1",
                "PAY-3 P-1 G-1 200.0 USD ",
            ])
        #expect(all.footer == "total: 45000.0 MXN in 1 payment, 3200.0 USD in 2 payments")
        #expect(all.table?.columnIndex("row") == nil)
        let february = DateRange(parsing: "2024-02-21..2024-02-28")!
        let some = try run("smuggling payments", ["party": [try ref("G-3")], "between": [.dateRange(february)]])
        #expect(try rows(some, "payment") == ["PAY-2"])
        #expect(some.footer == "total: 45000.0 MXN in 1 payment")
        #expect(
            try rows(try run("smuggling payments", ["party": [try ref("P-4")]]), "payment", "payee") == ["PAY-1 P-1"])
    }

    @Test func crossingsByANetworksPeopleAtPostsInsideAPlace() throws {
        try world()
        #expect(
            try rows(try run("smuggling crossings"), "date", "crossing", "direction", "post", "person") == [
                "2024-03-01 X-1 exit PL-3 P-4", "2024-03-01 X-1 exit PL-3 P-5",
                "2024-04-12 X-2 entry PL-4 P-6", "2024-04-12 X-2 entry PL-4 V-1",
            ])
        #expect(
            try rows(
                try run("smuggling crossings", ["network": [try ref("G-3")], "post": [try ref("PL-1")]]), "crossing",
                "person", "network", "as")
                == ["X-1 P-4 G-3 moved", "X-1 P-5 G-3 moved"])
        #expect(
            try rows(try run("smuggling crossings", ["between": [.dateRange(DateRange(period: "2024-04")!)]]), "person")
                == ["P-6", "V-1"])
    }

    @Test func movedShowsNationalityAndProtectionStatus() throws {
        try world()
        #expect(
            try rows(
                try run("smuggling moved", ["subject": [try ref("G-3")]]), "route", "person", "nationality",
                "protection", "fled_country", "start", "end", "legs") == [
                    "RT-1 P-4 SV asylum_seeker SV 2024-03-01 2024-03-05 3",
                    "RT-1 P-5 HN   2024-03-01 2024-03-05 3",
                    "RT-1 P-6 SV   2024-04-10 2024-04-12 1",
                ])
    }

    // MARK: Writes

    @Test func travelRecordsOneEdgePerLegWithTheDaysOnIt() throws {
        try world()
        let edges = try store.edges(EdgeQuery(entity: "P-4", direction: .outgoing, kinds: ["travelled"]))
        #expect(
            edges.map { "\($0.to) \($0.validFrom!)..\($0.validTo!)" } == [
                "LEG-1 2024-03-01..2024-03-03", "LEG-2 2024-03-03..2024-03-04", "LEG-3 2024-03-04..2024-03-05",
            ])
        #expect(
            throws: NexoError(
                .conflict,
                "P-4 already travelled leg 2 of RT-1 on 2024-03-03..2024-03-04 (E-\(edges[1].id.rawValue)), "
                    + "within this journey's 2024-03-04..2024-03-08",
                hint: "record a later journey with another --from")
        ) {
            try run(
                "smuggling travel",
                ["person": [try ref("P-4")], "route": [try ref("RT-1")], "from": [day("2024-03-04")]])
        }
    }

    @Test func writesNeedASourceAndStoreNothingWithout() throws {
        let before = try store.dataVersion()
        #expect(
            throws: NexoError(
                .usage, "this command writes and needs a source",
                hint: "add --source S-3 (a recorded source) or --reported-by TEXT --grading B2")
        ) {
            try run("smuggling network add", ["name": [.string("Red del Sur")], "reported-by": [.string(" ")]])
        }
        #expect(try store.dataVersion() == before)
        #expect(try store.countEntities(kind: "group") == 0)
    }

    @Test func badInputIsRefusedBeforeAnythingIsStored() throws {
        try world()
        let before = try store.dataVersion()
        #expect(
            throws: NexoError(
                .invalidInput, "<network> G-2 (Sonsonate Locos) is a clique, not a network",
                hint: "list networks with 'smuggling networks', or record one with 'smuggling network add <name>'")
        ) {
            try run(
                "smuggling facilitator add",
                ["person": [try ref("P-6")], "network": [try ref("G-2")], "role": [.string("guide")]])
        }
        #expect(
            throws: NexoError(
                .invalidInput, "PL-6 (Tapachula) is a municipality, not a border post",
                hint: "name a place of type border_post (add one with 'add place NAME --prop type=border_post')")
        ) {
            try run(
                "smuggling crossing add",
                [
                    "entities": [try ref("P-6"), try ref("PL-6")], "date": [day("2024-04-12")],
                    "direction": [.string("entry")],
                ])
        }
        #expect(
            throws: NexoError(.usage, "--currency 'usdx' is not an ISO 4217 currency code", hint: "Did you mean 'USD'?")
        ) {
            try run(
                "smuggling payment add",
                [
                    "payer": [try ref("P-6")], "payee": [try ref("P-1")], "amount": [.double(10)],
                    "currency": [.string("usdx")], "channel": [.string("cash")], "date": [day("2024-04-01")],
                ])
        }
        #expect(
            throws: NexoError(
                .invalidInput, "<group> G-3 (Red del Norte) is a network, not a gang or clique",
                hint: "only gangs and cliques tax routes; set the type with 'add group NAME --prop type=clique'")
        ) {
            try run(
                "smuggling tax",
                [
                    "group": [try ref("G-3")], "route": [try ref("RT-1")], "amount": [.double(50)],
                    "currency": [.string("USD")],
                ])
        }
        #expect(
            throws: NexoError(
                .conflict, "network 'red del norte' exists already as G-3",
                hint: "refer to it as G-3, or give the new network a distinct name")
        ) {
            try run("smuggling network add", ["name": [.string("red del norte")]])
        }
        #expect(try store.dataVersion() == before)
    }

    @Test func legAddNumbersLegsAndNotesAGapInTheRoute() throws {
        try world()
        let result = try run(
            "smuggling leg add",
            ["route": [try ref("RT-1")], "from-place": [try ref("PL-1")], "to-place": [try ref("PL-2")]])
        #expect(result.message == "added LEG-4 as leg 4 of RT-1")
        #expect(kit.notes == ["note: leg 3 of RT-1 arrives at PL-6, this leg departs from PL-1"])
    }
}

/// Kind names the tests use (the plugin's own are internal to its library).
private enum SmugglingSchemaNames {
    static let leg = "leg"
    static let legOf = "leg_of"
    static let departsFrom = "departs_from"
    static let arrivesAt = "arrives_at"
}
