import GangRecordsPlugin
import NexoKit
import NexoKitTesting
import Testing

/// The gang records plugin's commands, run by the test kit against its in-memory store with the
/// core schema and the plugin's.
@Suite struct GangRecordsPluginTests {
    private let kit: PluginTestKit
    private var store: MemoryStore { kit.store }

    init() throws {
        kit = try PluginTestKit(plugin: GangRecordsPlugin(), user: "tester")
        _ = try store.addSource(description: "PNC DAN Sonsonate", reliability: .b, credibility: .probablyTrue) // S-1
    }

    // MARK: Helpers

    private func run(
        _ path: String, _ values: [String: Value] = [:], flags: Set<String> = [], input: ResultTable? = nil
    ) throws -> CommandResult {
        try kit.run(path, values.mapValues { [$0] }, flags: flags, input: input)
    }

    /// Runs a writing command with `--source S-1`.
    @discardableResult
    private func write(_ path: String, _ values: [String: Value]) throws -> CommandResult {
        var values = values
        values["source"] = .string("S-1")
        return try run(path, values)
    }

    private func rows(_ result: CommandResult, _ columns: String...) throws -> [String] {
        let table = try #require(result.table)
        let indexes = try columns.map { name in try #require(table.columnIndex(name), "no column \(name)") }
        return table.rows.map { row in indexes.map { row[$0].description }.joined(separator: " ") }
    }

    private func ref(_ id: String) throws -> Value { .entity(try #require(try store.entity(EntityID(id))).ref) }
    private func day(_ text: String) -> Value { .date(CivilDate(iso: text)!) }

    private func place(_ label: String, _ type: String, in parent: String? = nil) throws -> EntityID {
        let place = try store.addEntity(
            EntityDraft(kind: "place", label: label, properties: ["type": .string(type)]), source: nil)
        if let parent {
            try store.addEdge(EdgeDraft(kind: "located_in", from: place.id, to: EntityID(parent)), source: nil)
        }
        return place.id
    }

    private func person(_ label: String, born: String? = nil) throws -> EntityID {
        try store.addEntity(
            EntityDraft(
                kind: "person", label: label,
                properties: born.map { ["date_of_birth": .date(CivilDate(iso: $0)!)] } ?? [:]),
            source: nil
        ).id
    }

    /// MS-13 (G-1) with cliques G-3 and G-4, Barrio 18 (G-2) with G-5; five people; places
    /// PL-1 department > PL-2 municipality > PL-3, PL-4 colonias, PL-5 prison; PL-6 another department.
    private func seed() throws {
        try write("gang add", ["name": .string("MS-13"), "founded": day("1985-01-01")])
        try write("gang add", ["name": .string("Barrio 18 Sureños")])
        try write(
            "gang clique add", ["name": .string("Izalco Locos"), "gang": ref("G-1"), "founded": day("1996-05-01")])
        try write("gang clique add", ["name": .string("Westside"), "gang": ref("G-1")])
        try write("gang clique add", ["name": .string("Little Psycho"), "gang": ref("G-2")])
        _ = try person("Juan Pérez", born: "1980-02-01") // P-1
        _ = try person("Carlos Méndez") // P-2
        _ = try person("Luis Ortega") // P-3
        _ = try person("Mario Rivas") // P-4
        _ = try person("Ana López") // P-5
        func enroll(_ p: String, _ g: String, _ role: String, _ since: String, _ moniker: String) throws {
            try write(
                "gang enroll",
                [
                    "person": ref(p), "clique": ref(g), "role": .string(role), "since": day(since),
                    "moniker": .string(moniker),
                ])
        }
        try enroll("P-1", "G-3", "palabrero", "2005-01-10", "El Flaco")
        try enroll("P-2", "G-3", "homeboy", "2010-03-01", "Chucky")
        try enroll("P-3", "G-3", "chequeo", "2018-06-01", "Sombra")
        try enroll("P-4", "G-4", "corredor", "2012-01-01", "Toro")
        try enroll("P-5", "G-5", "palabrero", "2008-09-09", "La Diabla")
        try write(
            "gang leave",
            ["person": ref("P-2"), "clique": ref("G-3"), "on": day("2016-02-01"), "reason": .string("incarcerated")])
        try enroll("P-2", "G-4", "homeboy", "2019-09-01", "Chucky")
        let department = try place("Sonsonate", "department") // PL-1
        let municipality = try place("Izalco", "municipality", in: department.rawValue) // PL-2
        _ = try place("Colonia El Ángel", "colonia", in: municipality.rawValue) // PL-3
        _ = try place("Colonia San Judas", "colonia", in: municipality.rawValue) // PL-4
        _ = try place("Centro Penal de Izalco", "prison", in: municipality.rawValue) // PL-5
        _ = try place("San Salvador", "department") // PL-6
        func territory(_ g: String, _ p: String, _ control: String, _ since: String? = nil) throws {
            var values: [String: Value] = ["group": try ref(g), "place": try ref(p), "control": .string(control)]
            if let since { values["since"] = day(since) }
            try write("gang territory add", values)
        }
        try territory("G-3", "PL-3", "dominant", "2000-01-01")
        try territory("G-4", "PL-4", "contested", "2015-01-01")
        try territory("G-5", "PL-4", "contested", "2014-06-01")
        try territory("G-2", "PL-6", "dominant")
        try write("gang rival add", ["group": ref("G-1"), "rival": ref("G-2"), "intensity": .string("war")])
        try write(
            "gang rival add",
            ["group": ref("G-5"), "rival": ref("G-3"), "intensity": .string("tension"), "since": day("2014-06-01")])
    }

    // MARK: Reads

    @Test func listCountsCliquesAndCurrentAndFormerMembersByName() throws {
        try seed()
        #expect(
            try rows(run("gang list"), "gang", "name", "cliques", "active_members", "former_members") == [
                "G-2 Barrio 18 Sureños 1 1 0", "G-1 MS-13 2 4 0",
            ])
    }

    @Test func membersDefaultToCurrentOrderedByCliqueRoleAndDate() throws {
        try seed()
        #expect(
            try rows(run("gang members", ["group": ref("G-1")]), "person", "moniker", "role", "clique", "since") == [
                "P-1 El Flaco palabrero G-3 2005-01-10", "P-3 Sombra chequeo G-3 2018-06-01",
                "P-4 Toro corredor G-4 2012-01-01", "P-2 Chucky homeboy G-4 2019-09-01",
            ])
    }

    @Test func membersAllIncludesFormerAndActiveOnUsesThePeriod() throws {
        try seed()
        #expect(
            try rows(run("gang members", ["group": ref("G-3")], flags: ["all"]), "person", "until", "left_reason") == [
                "P-1  ", "P-2 2016-02-01 incarcerated", "P-3  ",
            ])
        // On the day they left they were still members; the day after, not.
        #expect(
            try rows(run("gang members", ["group": ref("G-3"), "active-on": day("2016-02-01")]), "person") == [
                "P-1", "P-2",
            ])
        #expect(
            try rows(run("gang members", ["group": ref("G-3"), "active-on": day("2016-02-02")]), "person") == ["P-1"])
    }

    @Test func membersFilterByRoleAndTakePipedCliquesFromOneColumn() throws {
        try seed()
        #expect(try rows(run("gang members", ["group": ref("G-1"), "role": .string("corredor")]), "person") == ["P-4"])
        let cliques = try run("gang cliques", ["gang": ref("G-1")]).table
        // The piped table also holds the gang and the palabrero; only the clique column is used.
        #expect(
            try rows(run("gang members", ["role": .string("palabrero")], input: cliques), "person", "clique") == [
                "P-1 G-3"
            ])
        // The same table given by columns (as `link` commands return large results) reads the same.
        let piped = try #require(cliques)
        let byColumns = ResultTable(
            columns: piped.columns, cells: piped.columns.indices.map { .values(piped.cells(ofColumn: $0).values) })
        #expect(
            try rows(run("gang members", ["role": .string("palabrero")], input: byColumns), "person", "clique") == [
                "P-1 G-3"
            ])
    }

    @Test func membersRefuseAnUnknownRoleWithASuggestionAndConflictingPeriods() throws {
        try seed()
        #expect(
            throws: NexoError(
                .usage, "unknown role 'palabero' for --role",
                hint: "Did you mean 'palabrero'? (roles: palabrero, corredor, homeboy, chequeo, paro)")
        ) {
            try run("gang members", ["group": ref("G-1"), "role": .string("palabero")])
        }
        #expect(
            throws: NexoError(
                .usage, "--active-on and --all ask for different things",
                hint: "give --active-on DATE for one day, or --all for every period")
        ) {
            try run("gang members", ["group": ref("G-1"), "active-on": day("2020-01-01")], flags: ["all"])
        }
        #expect(
            throws: NexoError(
                .usage, "'gang members' needs a gang or clique",
                hint: "name one ('gang members MS-13') or pipe them in ('… | gang members')")
        ) {
            try run("gang members")
        }
    }

    @Test func cliquesShowSizeAndPalabreroAndRefuseAClique() throws {
        try seed()
        #expect(
            try rows(
                run("gang cliques", ["gang": ref("G-1")]), "clique", "name", "active_members", "former_members",
                "palabrero", "moniker") == [
                    "G-3 Izalco Locos 2 1 P-1 El Flaco", "G-4 Westside 2 0  ",
                ])
        #expect(
            throws: NexoError(
                .usage, "G-3 (Izalco Locos) is a clique, not a gang",
                hint: "'gang cliques' takes a gang; its gang is G-1 (MS-13)")
        ) {
            try run("gang cliques", ["gang": ref("G-3")])
        }
    }

    @Test func showGivesAGangsCliquesLeadersTerritoryAndRivals() throws {
        try seed()
        #expect(
            try rows(run("gang show", ["group": ref("G-1")]), "section", "entity", "group", "detail", "members") == [
                "gang G-1  2 cliques; 0 former members 4",
                "clique G-3 G-1 1 former member 2",
                "clique G-4 G-1 0 former members 2",
                "leader P-1 G-3 palabrero \"El Flaco\" ",
                "leader P-4 G-4 corredor \"Toro\" ",
                "territory PL-3 G-3 dominant (colonia) ",
                "territory PL-4 G-4 contested (colonia) ",
                "rival G-2 G-1 war ",
                "rival G-5 G-3 tension ",
            ])
    }

    @Test func showGivesACliquesGangMembersAndTheGangsRivals() throws {
        try seed()
        #expect(
            try rows(run("gang show", ["group": ref("G-3")]), "section", "entity", "group", "detail") == [
                "clique G-3 G-1 1 former member", "gang G-1  ",
                "leader P-1 G-3 palabrero \"El Flaco\"", "member P-3 G-3 chequeo \"Sombra\"",
                "territory PL-3 G-3 dominant (colonia)",
                "rival G-2 G-1 war", "rival G-5 G-3 tension",
            ])
    }

    @Test func historyInterleavesMembershipsAndPrisonTermsByDate() throws {
        try seed()
        try write(
            "gang jail",
            [
                "person": ref("P-2"), "prison": ref("PL-5"), "from": day("2016-02-01"), "to": day("2019-07-31"),
                "charge": .string("extorsión"),
            ])
        #expect(
            try rows(run("gang history", ["person": ref("P-2")]), "from", "to", "event", "at", "gang", "detail") == [
                "2010-03-01 2016-02-01 member G-3 G-1 incarcerated",
                "2016-02-01 2019-07-31 prison PL-5  extorsión",
                "2019-09-01  member G-4 G-1 ",
            ])
    }

    @Test func monikerFindsPeopleByAliasAndMembership() throws {
        try seed()
        #expect(try store.aliases(of: "P-2") == ["Chucky"]) // added once, though enrolled twice
        #expect(
            try rows(run("gang moniker", ["text": .string("chucky")]), "person", "moniker", "clique", "since") == [
                "P-2 Chucky G-3 2010-03-01", "P-2 Chucky G-4 2019-09-01",
            ])
        // A real name is not a moniker.
        #expect(try rows(run("gang moniker", ["text": .string("Juan")]), "person") == [])
    }

    @Test func territoryIncludesNestedPlacesWithOverlapsAndRivals() throws {
        try seed()
        #expect(
            try rows(
                run("gang territory", ["place": ref("PL-1")]), "place", "group", "gang", "gangs_here", "rivals_here")
                == [
                    "PL-3 G-3 G-1 1 ",
                    "PL-4 G-5 G-2 2 MS-13 (war)",
                    "PL-4 G-4 G-1 2 Barrio 18 Sureños (war)",
                ])
        #expect(
            try rows(run("gang territory", ["place": ref("PL-2")], flags: ["overlaps"]), "place", "group") == [
                "PL-4 G-5", "PL-4 G-4",
            ])
        #expect(
            try rows(
                run("gang territory", ["place": ref("PL-4"), "active-on": day("2014-12-31")]), "group", "gangs_here")
                == ["G-5 1"])
    }

    @Test func rivalsAreOrientedFromTheNamedSideAndFilteredByPlace() throws {
        try seed()
        #expect(try rows(run("gang rivals"), "group", "rival", "intensity") == ["G-5 G-3 tension", "G-1 G-2 war"])
        #expect(try rows(run("gang rivals", ["group": ref("G-3")]), "group", "rival") == ["G-3 G-5", "G-1 G-2"])
        #expect(try rows(run("gang rivals", ["in": ref("PL-4")]), "group", "rival") == ["G-1 G-2"])
    }

    // MARK: Writes

    @Test func enrollWritesTheMembershipAndMonikerAliasFromTheSource() throws {
        try seed()
        let p = try person("Pedro Cruz")
        let result = try write(
            "gang enroll",
            [
                "person": ref(p.rawValue), "clique": ref("G-5"), "role": .string("paro"),
                "since": day("2021-01-01"), "moniker": .string("Pelón"),
            ])
        #expect(result.message?.hasPrefix("enrolled P-6 in G-5 as paro since 2021-01-01") == true)
        let edge = try #require(try store.edges(EdgeQuery(entity: p, direction: .outgoing, kinds: ["member_of"])).first)
        #expect(edge.properties == ["role": .string("paro"), "moniker": .string("Pelón")])
        #expect(edge.validFrom == CivilDate(iso: "2021-01-01") && edge.validTo == nil)
        #expect(try store.aliases(of: p) == ["Pelón"])
        #expect(kit.notes == [])
    }

    @Test func enrollNotesAnOpenMembershipElsewhere() throws {
        try seed()
        try write(
            "gang enroll",
            ["person": ref("P-3"), "clique": ref("G-4"), "role": .string("homeboy"), "since": day("2022-01-01")])
        #expect(kit.notes == ["note: P-3 is still a member of G-3 (Izalco Locos, MS-13) since 2018-06-01"])
    }

    @Test func enrollRefusesBadInputAndWritesNothing() throws {
        try seed()
        let before = try store.edges(EdgeQuery())
        let base: [String: Value] = [
            "person": try ref("P-1"), "clique": try ref("G-3"), "role": .string("homeboy"), "since": day("2012-01-01"),
        ]
        func refused(_ values: [String: Value], _ error: NexoError) {
            #expect(throws: error) { try write("gang enroll", values) }
        }
        refused(
            base,
            NexoError(
                .conflict, "P-1 is already a member of G-3 (Izalco Locos) since 2005-01-10 (E-4)",
                hint: "record that they left first: gang leave P-1 G-3 --on DATE"))
        refused(
            base.merging(["person": try ref("P-2"), "since": day("2016-01-01")]) { $1 },
            NexoError(
                .conflict,
                "P-2 was a member of G-3 (Izalco Locos) until 2016-02-01 (E-9); --since 2016-01-01 is not after that",
                hint: "give a --since after 2016-02-01"))
        refused(
            base.merging(["clique": try ref("G-1")]) { $1 },
            NexoError(
                .usage, "G-1 (MS-13) is a gang, not a clique",
                hint: "'gang enroll' takes a clique; see 'gang cliques G-1' for its cliques"))
        refused(
            base.merging(["clique": try ref("G-5"), "since": day("1975-01-01")]) { $1 },
            NexoError(
                .usage, "--since 1975-01-01 is before P-1 (Juan Pérez) was born (1980-02-01)", hint: "check the date"))
        refused(
            base.merging(["clique": try ref("G-5"), "role": .string("jefe")]) { $1 },
            // `--role` is declared `.oneOf(roles)`, so the binder refuses it before the command runs.
            NexoError(
                .usage, "invalid value 'jefe' for --role; expected one of: palabrero, corredor, homeboy, chequeo, paro")
        )
        refused(
            base.merging(["clique": try ref("G-5"), "moniker": .string(" ")]) { $1 },
            NexoError(.usage, "the moniker is empty", hint: "give the moniker in quotes, e.g. \"El Flaco\""))
        var noSince = base
        noSince["since"] = nil
        noSince["clique"] = try ref("G-5")
        refused(noSince, NexoError(.usage, "missing --since: when they joined", hint: "add --since YYYY-MM-DD"))
        #expect(
            throws: NexoError(
                .usage, "this command writes and needs a source",
                hint: "add --source S-3 (a recorded source) or --reported-by TEXT --grading B2")
        ) {
            try run("gang enroll", base.merging(["clique": try ref("G-5")]) { $1 })
        }
        #expect(try store.edges(EdgeQuery()) == before)
        #expect(try store.aliases(of: "P-1") == ["El Flaco"])
    }

    @Test func leaveReplacesTheOpenEdgeWithAClosedOneKeepingItsProperties() throws {
        try seed()
        let open = try #require(
            try store.edges(EdgeQuery(entity: "P-4", direction: .outgoing, kinds: ["member_of"])).first)
        let result = try write(
            "gang leave",
            ["person": ref("P-4"), "clique": ref("G-4"), "on": day("2020-05-05"), "reason": .string("deported")])
        let edges = try store.edges(EdgeQuery(entity: "P-4", direction: .outgoing, kinds: ["member_of"]))
        let closed = try #require(edges.first)
        #expect(edges.count == 1 && closed.id != open.id)
        #expect(
            closed.properties == [
                "role": .string("corredor"), "moniker": .string("Toro"), "left_reason": .string("deported"),
            ])
        #expect(closed.validFrom == open.validFrom && closed.validTo == CivilDate(iso: "2020-05-05"))
        #expect(
            result.message
                == ("P-4 left G-4 on 2020-05-05: open \(open.id) replaced by closed \(closed.id); "
                    + "the membership was reported by S-1 (B2)"))
        #expect(
            throws: NexoError(
                .notFound, "P-4 (Mario Rivas) has no open membership in G-4 (Westside)",
                hint: "past memberships: 2012-01-01..2020-05-05; see 'gang history P-4'")
        ) {
            try write("gang leave", ["person": ref("P-4"), "clique": ref("G-4"), "on": day("2021-01-01")])
        }
        #expect(
            throws: NexoError(
                .usage, "--on 2000-01-01 is before P-1 joined G-3 (2005-01-10)",
                hint: "give a date on or after 2005-01-10")
        ) {
            try write("gang leave", ["person": ref("P-1"), "clique": ref("G-3"), "on": day("2000-01-01")])
        }
    }

    @Test func addsRefuseDuplicatesIgnoringCaseAndAccents() throws {
        try seed()
        #expect(
            throws: NexoError(
                .conflict, "there is already a gang 'Barrio 18 Sureños' (G-2)",
                hint: "use G-2, or give the new gang a distinguishing name")
        ) {
            try write("gang add", ["name": .string("barrio 18 surenos")])
        }
        #expect(
            throws: NexoError(
                .conflict, "MS-13 already has a clique 'Westside' (G-4)",
                hint: "use G-4, or give the new clique a distinguishing name")
        ) {
            try write("gang clique add", ["name": .string(" WESTSIDE "), "gang": ref("G-1")])
        }
        // The same clique name in another gang is fine.
        try write("gang clique add", ["name": .string("Westside"), "gang": ref("G-2")])
        #expect(
            try rows(run("gang cliques", ["gang": ref("G-2")]), "clique", "name") == [
                "G-5 Little Psycho", "G-6 Westside",
            ])
        #expect(
            throws: NexoError(
                .conflict, "G-3 (Izalco Locos) already operates in PL-3 (Colonia El Ángel) (E-15, dominant)",
                hint: "see 'gang territory PL-3'")
        ) {
            try write(
                "gang territory add", ["group": ref("G-3"), "place": ref("PL-3"), "control": .string("presence")])
        }
        #expect(
            throws: NexoError(
                .conflict, "G-3 (Izalco Locos) and G-5 (Little Psycho) are already rivals (E-20, tension)",
                hint: "see 'gang rivals G-3'")
        ) {
            try write("gang rival add", ["group": ref("G-3"), "rival": ref("G-5"), "intensity": .string("war")])
        }
    }

    @Test func jailRefusesOverlappingTermsAndReleaseClosesTheOpenOne() throws {
        try seed()
        try write(
            "gang jail",
            ["person": ref("P-1"), "prison": ref("PL-5"), "from": day("2016-02-01"), "charge": .string("homicidio")])
        #expect(
            throws: NexoError(
                .conflict, "the term overlaps P-1's term in PL-5 from 2016-02-01 (still held) (E-21)",
                hint: "end it first: gang release P-1 --on DATE")
        ) {
            try write(
                "gang jail",
                ["person": ref("P-1"), "prison": ref("PL-5"), "from": day("2020-01-01"), "to": day("2020-02-01")])
        }
        #expect(
            throws: NexoError(
                .usage, "PL-3 (Colonia El Ángel) is a colonia, not a prison",
                hint: "record the prison with: add place NAME --prop type=prison")
        ) {
            try write("gang jail", ["person": ref("P-2"), "prison": ref("PL-3"), "from": day("2020-01-01")])
        }
        try write("gang release", ["person": ref("P-1"), "on": day("2019-12-31")])
        let terms = try store.edges(EdgeQuery(entity: "P-1", direction: .outgoing, kinds: ["incarcerated_in"]))
        #expect(
            terms.map { "\($0.validFrom!)..\($0.validTo?.description ?? "") \($0.properties["charge"]!)" } == [
                "2016-02-01..2019-12-31 homicidio"
            ])
        // Now a later term fits.
        try write(
            "gang jail",
            ["person": ref("P-1"), "prison": ref("PL-5"), "from": day("2020-01-01"), "to": day("2020-02-01")])
        #expect(try store.edges(EdgeQuery(kinds: ["incarcerated_in"])).count == 2)
    }

    @Test func everyCommandDocumentsItsOrderAndHasExamples() throws {
        for command in GangRecordsPlugin().commands {
            #expect(!command.spec.examples.isEmpty, "\(command.spec.name) has no examples")
            if !command.spec.writes {
                #expect(
                    command.spec.discussion.contains("ordered") || command.spec.discussion.contains("order"),
                    "\(command.spec.name) does not document its row order")
            } else {
                #expect(
                    SourceOptions.options.map(\.optionSpec).allSatisfy(command.spec.options.contains),
                    "\(command.spec.name) takes no source")
            }
        }
    }
}
