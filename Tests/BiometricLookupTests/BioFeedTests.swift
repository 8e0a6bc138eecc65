import BiometricLookupPlugin
import NexoKit
import NexoKitTesting
import Testing

/// `bio feed run` and `bio import` over a scripted match engine and files in memory: the
/// encounters stored, their `matched` edges, the alerts of standing watches, and bad lines.
@Suite struct BioFeedTests {
    private let kit: PluginTestKit
    private let matcher = ScriptedMatcher()
    private let files = MemoryFiles()
    private var store: MemoryStore { kit.store }

    /// P-1 Ana, member of the clique G-2 (Sonsonate Locos) of the gang G-1 (MS-13) until
    /// 2026-06-30; P-2 Beto, P-3 Carla. `ana.f32` decodes as a face.
    init() throws {
        kit = try PluginTestKit(plugin: BiometricLookupPlugin(), matcher: matcher, files: files)
        try kit.store.addPeople(["Ana Pérez", "Beto Ramos", "Carla Ruiz"])
        try kit.store.addGroups([("MS-13", "gang"), ("Sonsonate Locos", "clique")])
        _ = try kit.store.addEdge(
            EdgeDraft(
                kind: CoreSchema.Edge.memberOf, from: "P-1", to: "G-2",
                validFrom: CivilDate(year: 2020, month: 1, day: 1),
                validTo: CivilDate(year: 2026, month: 6, day: 30)),
            source: nil)
        _ = try kit.store.addEdge(EdgeDraft(kind: CoreSchema.Edge.memberOf, from: "G-2", to: "G-1"), source: nil)
        files.contents["ana.f32"] = Array("ana face".utf8)
        matcher.decodes[Array("ana face".utf8)] = .success(BiometricSample(face: Samples.face(1)))
    }

    private static let feed = [
        #"{"ref":"LH-1","date":"2026-05-20","post":"La Hachadura","face_file":"ana.f32"}"#,
        #"{"ref":"LH-2","date":"2026-05-21","post":"La Hachadura","name":"Beto Ramos","dob":"1990"}"#,
        #"{"ref":"LH-3","date":"2026-05-32","face_file":"ana.f32"}"#,
        "",
        #"{"post":"El Amatillo","face_file":"ana.f32","colour":"red"}"#,
    ]

    @Test func feedStoresEachEncounterLinkedToItsHitsAndReviews() throws {
        files.put(Self.feed, at: "feed.ndjson")
        matcher.candidates = [
            Samples.candidate("P-1", rank: 1, [(.face, 5.004)], decision: .hit, why: ["face cosine 0.93"]),
            Samples.candidate("P-3", rank: 2, [(.face, 2.5)], decision: .review, why: ["face cosine 0.64"]),
            Samples.candidate("P-2", rank: 3, [(.face, 0.2)], decision: .noHit),
        ]
        let result = try kit.run("bio feed run feed.ndjson --top 3")
        #expect(result.message == "2 encounters matched, 2 with a hit; 2 malformed lines skipped")
        #expect(
            result.table?.columns.map(\.name) == [
                "line", "encounter", "decision", "person", "fused", "matched", "alerts",
            ])
        #expect(
            rows(result) == [
                ["1", "ENC-1", "hit", "P-1", "5.0", "2", "0"], ["2", "ENC-2", "hit", "P-1", "5.0", "2", "0"],
            ])
        #expect(
            kit.notes == [
                "feed.ndjson:3: date '2026-05-32' is not YYYY-MM-DD — line skipped",
                "feed.ndjson:5: unknown field 'colour' — line skipped",
            ])
        #expect(matcher.identified.map(\.top) == [3, 3])
        #expect(matcher.identified.first?.probe.face == Samples.face(1))
        #expect(
            matcher.identified.last?.probe.biographic
                == BiographicRecord(name: "Beto Ramos", dateOfBirth: PartialDate(year: 1990)))
        let encounter = try #require(try store.entity("ENC-1"))
        #expect(encounter.label == "Encounter LH-1 at La Hachadura")
        #expect(
            encounter.properties == [
                CoreSchema.Encounter.post: .string("La Hachadura"),
                CoreSchema.Encounter.date: .date(CivilDate(year: 2026, month: 5, day: 20)!),
            ])
        let matched = try store.edges(EdgeQuery(kinds: ["matched"]))
        #expect(matched.map { "\($0.from)->\($0.to)" } == ["ENC-1->P-1", "ENC-1->P-3", "ENC-2->P-1", "ENC-2->P-3"])
        #expect(
            matched.first?.properties == [
                "fused": .double(5), "decision": .string("hit"), "modalities": .string("face"),
                "explanation": .string("face cosine 0.93"),
            ])
        #expect(matched.first?.validFrom == CivilDate(year: 2026, month: 5, day: 20))
        #expect(matched.first?.validTo == CivilDate(year: 2026, month: 5, day: 20))
    }

    @Test func anEncounterWithNoCandidateIsStoredAsNoHitWithoutEdges() throws {
        files.put([#"{"face_file":"ana.f32"}"#], at: "feed.ndjson")
        let result = try kit.run("bio feed run feed.ndjson")
        #expect(result.message == "1 encounters matched, 0 with a hit")
        #expect(rows(result) == [["1", "ENC-1", "no_hit", "", "", "0", "0"]])
        #expect(try store.entity("ENC-1")?.label == "Encounter line 1 at unknown post")
        #expect(try store.edges(EdgeQuery(kinds: ["matched"])).isEmpty)
    }

    @Test func aHitOnAMemberOfAWatchedGangRaisesAnAlertWhileTheMembershipHolds() throws {
        _ = try kit.run("bio watch add --gang G-1 --note 'in transit'")
        files.put(
            [
                #"{"ref":"LH-1","date":"2026-05-20","post":"La Hachadura","face_file":"ana.f32"}"#,
                #"{"ref":"LH-2","date":"2026-07-01","post":"La Hachadura","face_file":"ana.f32"}"#,
            ], at: "feed.ndjson")
        matcher.candidates = [Samples.candidate("P-1", rank: 1, [(.face, 5.0)], decision: .hit)]
        let result = try kit.run("bio feed run feed.ndjson")
        #expect(result.message == "2 encounters matched, 2 with a hit, 1 alert")
        #expect(rows(result).map { $0[6] } == ["1", "0"])
        let reason = "member of G-2 (Sonsonate Locos) → G-1 (MS-13)"
        #expect(
            kit.notes == [
                "alert W-1 MS-13 (gang): ENC-1 at La Hachadura on 2026-05-20 matched P-1 Ana Pérez (hit, fused 5.0); "
                    + reason
            ])
        let alerted = try store.edges(EdgeQuery(kinds: ["alerted"]))
        #expect(alerted.map { "\($0.from)->\($0.to)" } == ["ENC-1->W-1"])
        #expect(
            alerted.first?.properties == [
                "person": .string("P-1"), "decision": .string("hit"), "fused": .double(5), "reason": .string(reason),
            ])
        #expect(
            rows(try kit.run("bio alerts")) == [
                ["ENC-1", "2026-05-20", "La Hachadura", "P-1", "hit", "5.0", "W-1", reason]
            ])
        #expect(rows(try kit.run("bio watch list")) == [["W-1", "gang", "G-1", "", "1", "in transit", "false"]])
    }

    @Test func aReviewOnAListedPersonAlertsAndARemovedWatchDoesNot() throws {
        _ = try kit.run("bio watch add --list 'Ruiz family'", input: piped([("P-3", "Carla Ruiz")]))
        _ = try kit.run("bio watch add --person P-3")
        _ = try kit.run("bio watch remove W-2")
        files.put([#"{"ref":"A-9","post":"El Amatillo","face_file":"ana.f32"}"#], at: "feed.ndjson")
        matcher.candidates = [Samples.candidate("P-3", rank: 1, [(.face, 3.0)], decision: .review)]
        let result = try kit.run("bio feed run feed.ndjson")
        #expect(result.message == "1 encounters matched, 0 with a hit, 1 alert")
        #expect(
            kit.notes == [
                "alert W-1 Ruiz family (list of 1): ENC-1 at El Amatillo matched P-3 Carla Ruiz (review, fused 3.0); "
                    + "on the list"
            ])
        #expect(try store.edges(EdgeQuery(kinds: ["alerted"])).map(\.to) == ["W-1"])
    }

    @Test func importEnrolsEveryGoodLineOrNothing() throws {
        files.put(
            [
                #"{"person":"P-1","face_file":"ana.f32"}"#, #"{"person":"P-2"}"#, "not json",
                #"{"person":"P-3","face_file":"ana.f32"}"#,
            ], at: "people.ndjson")
        #expect(
            throws: NexoError(
                .invalidInput, "2 bad lines in people.ndjson; nothing was enrolled",
                hint: "fix them, or add --skip-invalid to enrol the good lines")
        ) {
            try kit.run("bio import people.ndjson")
        }
        #expect(
            kit.notes == [
                "people.ndjson:2: no face, fingers or irises",
                "people.ndjson:3: malformed JSON at column 1: unexpected word in JSON",
            ])
        let skipping = try kit.run("bio import people.ndjson --skip-invalid")
        #expect(skipping.message == "enrolled 2 people (2 templates from 2 lines); 2 bad lines skipped")
        #expect(matcher.enrolled.suffix(2).map(\.entity) == ["P-1", "P-3"])
    }
}
