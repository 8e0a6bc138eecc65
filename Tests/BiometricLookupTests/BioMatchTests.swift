import BiometricLookupPlugin
import NexoKit
import NexoKitTesting
import Testing

/// `bio enroll|identify|verify|explain|gallery stats|export` over a scripted match engine: the
/// probes the plugin reads and hands to the engine, and the rows it makes of the answers.
@Suite struct BioMatchTests {
    private let kit: PluginTestKit
    private let matcher = ScriptedMatcher()
    private let files = MemoryFiles()

    /// P-1 Ana (with a record), P-2 Beto; `ana.f32` decodes as face 1, `ana.ist` as two fingers
    /// with a flaw, `bad.f32` is refused.
    init() throws {
        kit = try PluginTestKit(plugin: BiometricLookupPlugin(), matcher: matcher, files: files)
        _ = try kit.store.addEntity(
            EntityDraft(
                kind: CoreSchema.Kind.person, label: "Ana Lucía Pérez",
                properties: [
                    CoreSchema.Person.dateOfBirth: .date(CivilDate(year: 1994, month: 3, day: 2)!),
                    CoreSchema.Person.sex: .string("F"), CoreSchema.Person.nationality: .string("SV"),
                    CoreSchema.Person.document: .string("04512345-6"),
                ]),
            source: nil)
        try kit.store.addAlias("La Flaca", to: "P-1")
        try kit.store.addPeople(["Beto Ramos"])
        files.contents["ana.f32"] = Array("ana face".utf8)
        files.contents["ana.ist"] = Array("ana fingers".utf8)
        files.contents["bad.f32"] = Array("bad face".utf8)
        matcher.decodes[Array("ana face".utf8)] = .success(BiometricSample(face: Samples.face(1)))
        matcher.decodes[Array("ana fingers".utf8)] = .success(
            BiometricSample(
                fingers: [Samples.finger(2), Samples.finger(7)],
                warnings: ["4 zero byte(s) of padding after the record, from offset 340"]))
        matcher.decodes[Array("bad face".utf8)] = .failure(
            NexoError(.invalidInput, "the face vector is all zeros", hint: "export the embedding again"))
    }

    @Test func enrollReadsEachFileThroughTheHostAndEnrolsTheSample() throws {
        let result = try kit.run("bio enroll 'ana lucia perez' --face ana.f32 --finger ana.ist")
        #expect(result.message == "enrolled face, finger for P-1")
        #expect(result.table?.columns.map(\.name) == ["person", "modality", "templates"])
        #expect(rows(result) == [["P-1", "face", "1"], ["P-1", "finger", "2"]])
        #expect(matcher.decoded.map(\.modality) == [.face, .finger])
        #expect(matcher.decoded.map(\.bytes) == [Array("ana face".utf8), Array("ana fingers".utf8)])
        #expect(matcher.enrolled.map(\.entity) == ["P-1"])
        #expect(matcher.enrolled.first?.sample.face == Samples.face(1))
        #expect(matcher.enrolled.first?.sample.fingers.map(\.position) == [2, 7])
        #expect(
            kit.notes == [
                "warning: finger template 'ana.ist': 4 zero byte(s) of padding after the record, from offset 340"
            ])
    }

    @Test func enrollRefusesNoTemplatesAnUnreadableFileAndARefusedTemplate() throws {
        #expect(throws: NexoError(.usage, "nothing to enrol", hint: "give --face, --finger or --iris files")) {
            try kit.run("bio enroll P-1")
        }
        #expect(throws: NexoError(.notFound, "gone.f32: cannot read 'gone.f32': no such file", hint: "check the path"))
        {
            try kit.run("bio enroll P-1 --face gone.f32")
        }
        #expect(
            throws: NexoError(
                .invalidInput, "face template 'bad.f32': the face vector is all zeros",
                hint: "export the embedding again")
        ) {
            try kit.run("bio enroll P-1 --finger ana.ist --face bad.f32")
        }
        #expect(matcher.enrolled.isEmpty)
    }

    @Test func identifyRowsEachCandidateWithItsDecisionAndModalities() throws {
        matcher.searched = [.face: 3, .biographic: 2]
        matcher.candidates = [
            Samples.candidate(
                "P-1", rank: 1, [(.face, 4.123), (.biographic, 1.456)], decision: .hit,
                why: ["face cosine 0.91", "name agrees"]),
            Samples.candidate("P-2", rank: 2, [(.face, 2.6)], decision: .review),
            Samples.candidate("P-404", rank: 3, [(.biographic, -1.004)], decision: .noHit),
        ]
        let result = try kit.run(
            "bio identify --face ana.f32 --name 'Ana Perez' --alias Flaca --dob 1994-03 --nationality sv --top 3")
        #expect(result.message == "1 hit among 3 candidates; searched biographic 2, face 3")
        #expect(
            result.table?.columns.map(\.name) == [
                "rank", "person", "fused", "decision", "face", "finger", "iris", "biographic", "why",
            ])
        #expect(
            rows(result) == [
                ["1", "P-1", "5.58", "hit", "4.12", "", "", "1.46", "face cosine 0.91"],
                ["2", "P-2", "2.6", "review", "2.6", "", "", "", ""],
                ["3", "P-404", "-1.0", "no_hit", "", "", "", "-1.0", ""],
            ])
        #expect(result.table?.rows.first?[1].entityValue?.label == "Ana Lucía Pérez")
        let asked = try #require(matcher.identified.first)
        #expect(asked.top == 3)
        #expect(asked.probe.face == Samples.face(1))
        #expect(
            asked.probe.biographic
                == BiographicRecord(
                    name: "Ana Perez", otherNames: ["Flaca"], dateOfBirth: PartialDate(year: 1994, month: 3),
                    nationality: "SV"))
        let top = try kit.run("bio identify --face ana.f32 --top 1")
        #expect(top.message == "1 hit among 1 candidates; searched biographic 2, face 3")
    }

    @Test func identifyTakesNamesInPartsAndAnAddress() throws {
        _ = try kit.run(
            "bio identify --given 'Ana Lucía' --surnames 'Pérez Ayala' --address '12 Calle Arce' --locality Soyapango "
                + "--postcode 1101 --region 'San Salvador'")
        let asked = try #require(matcher.identified.last)
        #expect(
            asked.probe.biographic
                == BiographicRecord(
                    name: "Ana Lucía Pérez Ayala", givenNames: "Ana Lucía", surnames: "Pérez Ayala",
                    addresses: [
                        PostalAddress(
                            street: "12 Calle Arce", locality: "Soyapango", postcode: "1101", region: "San Salvador")
                    ]))
        #expect(throws: NexoError.self) { try kit.run("bio identify --postcode 1101") }
    }

    @Test func calibrateRowsEveryLevelAndSaysWhereMCameFrom() throws {
        #expect(throws: NexoError.self) { try kit.run("bio calibrate") }
        matcher.calibration = BiographicCalibrationReport(
            people: 5_000, sampled: 5_000, randomPairs: 400_000, candidatePairs: 1_109, estimatedMatches: 781,
            learnedM: false, mSource: "m default: namesakes, not duplicates", file: "/tmp/x.db.biographic-calibration",
            levels: [.init(field: "surname", level: "close", m: 0.04, u: 0.000283, weight: 7.1428)])
        let result = try kit.run("bio calibrate")
        #expect(rows(result) == [["surname", "close", "0.04", "0.000283", "7.14"]])
        #expect(
            result.footer
                == "measured on 5000 of 5000 people: u on 400000 random pairs, m default: namesakes, not duplicates; "
                + "kept in /tmp/x.db.biographic-calibration")
    }

    @Test func storedPeoplePipedInAreProbedInBatchesEachLeftOutOfTheirAnswer() throws {
        try kit.store.addPeople((3...150).map { "Persona \($0)" })
        matcher.candidates = [
            MatchCandidate(entity: "P-1", rank: 1, scores: [], fused: 5, decision: .hit, explanation: ["x"]),
            MatchCandidate(entity: "P-2", rank: 2, scores: [], fused: 3, decision: .review, explanation: ["y"]),
        ]
        var input = ResultTable(columns: [Column("person", .entity(kind: CoreSchema.Kind.person))])
        for n in 1...150 {
            input.append([.entity(EntityRef(id: EntityID("P-\(n)"), kind: CoreSchema.Kind.person, label: "P\(n)"))])
        }
        let result = try kit.run("bio identify --top 1", input: input)
        // Every person probed (with their record), in order, asking one more than --top (themselves may come back).
        #expect(matcher.identified.count == 150 && matcher.identified.allSatisfy { $0.top == 2 })
        #expect(matcher.identified.first?.probe.biographic?.name == "Ana Lucía Pérez")
        #expect(result.table?.columns.first?.name == "probe")
        let table = rows(result)
        #expect(table.count == 150)
        // P-1 is left out of its own answer (P-2 comes first, ranked 1); everyone else gets P-1.
        #expect(table[0].prefix(3) == ["P-1", "1", "P-2"])
        #expect(table.dropFirst().allSatisfy { $0[1] == "1" && $0[2] == "P-1" })
        #expect(result.message == "149 hits for 150 of 150 people probed")
    }

    @Test func anEmptyGallerySaysNothingWasCompared() throws {
        matcher.searched = [.biographic: 0]
        let empty = try kit.run("bio identify --name 'Ana Perez'")
        #expect(
            empty.message
                == "0 hits among 0 candidates; searched biographic 0 (the gallery holds no one for this probe's "
                + "modalities: nothing was compared)")
        matcher.searched = [.biographic: 2]
        #expect(
            try kit.run("bio identify --name 'Ana Perez'").message == "0 hits among 0 candidates; searched biographic 2"
        )
    }

    @Test func identifyRefusesBadBiographicData() throws {
        var kit = self.kit
        kit.today = CivilDate(year: 2026, month: 12, day: 7)
        #expect(
            throws: NexoError(
                .usage, "date of birth '1994-02-30' is not a date: 1994-02 has 28 days",
                hint: "check the day; a day not known is left out (1994-02)")
        ) {
            try kit.run("bio identify --name Ana --dob 1994-02-30")
        }
        for (dob, message) in [
            ("94-02-01", "date of birth '94-02-01' is not YYYY-MM-DD, YYYY-MM or YYYY"),
            ("1994-2-1", "date of birth '1994-2-1' is not YYYY-MM-DD, YYYY-MM or YYYY"),
            ("1994-00", "date of birth '1994-00': there is no month 0"),
            ("1849", "date of birth '1849': the year 1849 is before 1850"),
            ("2026-12-08", "date of birth '2026-12-08' is in the future (today is 2026-12-07)"),
            ("2027", "date of birth '2027' is in the future (today is 2026-12-07)"),
            ("1994-02-29", "date of birth '1994-02-29' is not a date: 1994-02 has 28 days"),
        ] {
            #expect(
                performing: { try kit.run("bio identify --name Ana --dob \(dob)") },
                throws: {
                    ($0 as? NexoError)?.message == message && ($0 as? NexoError)?.code == .usage
                })
        }
        #expect(
            throws: NexoError(
                .usage, "the name '... --' has no letters: nothing in it can be compared",
                hint: "give the name as written, e.g. --name \"José Luis Hernández López\"")
        ) {
            try kit.run("bio identify --name '... --'")
        }

        #expect(
            throws: NexoError(
                .usage, "biographic data needs --name (or --given and --surnames)",
                hint: "e.g. --name \"José Luis Hernández López\" --dob 1994-03-02")
        ) {
            try kit.run("bio identify --alias Flaca")
        }
        #expect(matcher.identified.isEmpty)
        // A leap day is a date.
        _ = try kit.run("bio identify --name Ana --dob 1996-02-29")
        #expect(matcher.identified.first?.probe.biographic?.dateOfBirth == PartialDate(year: 1996, month: 2, day: 29))
    }

    @Test func verifyComparesWithTheClaimedPersonAndRanksTheAnswerFirst() throws {
        matcher.verdicts["P-2"] = Samples.candidate("P-2", rank: 0, [(.face, 1.5)], decision: .noHit, why: ["far"])
        let result = try kit.run("bio verify P-2 --face ana.f32")
        #expect(rows(result) == [["1", "P-2", "1.5", "no_hit", "1.5", "", "", "", "far"]])
        #expect(matcher.verified.map(\.entity) == ["P-2"])
        #expect(matcher.verified.first?.probe.face == Samples.face(1))
        #expect(
            throws: NexoError(
                .usage, "nothing to compare", hint: "give a probe: --face, --finger, --iris or --name")
        ) {
            try kit.run("bio verify P-2")
        }
    }

    @Test func explainProbesWithThePersonsTemplatesAndRecord() throws {
        _ = try kit.run("bio enroll P-1 --face ana.f32")
        matcher.verdicts["P-2"] = Samples.candidate(
            "P-2", rank: 1, [(.face, 3.0)], decision: .review, why: ["face cosine 0.71", "thresholds 4.5 / 2.5"])
        let result = try kit.run("bio explain P-1 P-2")
        #expect(result.message == "P-1 vs P-2: review")
        #expect(rows(result) == [["1", "face cosine 0.71"], ["2", "thresholds 4.5 / 2.5"]])
        let probe = try #require(matcher.verified.first?.probe)
        #expect(probe.face == Samples.face(1))
        #expect(
            probe.biographic
                == BiographicRecord(
                    name: "Ana Lucía Pérez", otherNames: ["La Flaca"],
                    dateOfBirth: PartialDate(year: 1994, month: 3, day: 2), sex: "F", nationality: "SV",
                    documents: ["04512345-6"]))
    }

    @Test func galleryStatsListsTheEnginesStatistics() throws {
        matcher.gallery = [
            GalleryStatistic(modality: .face, entities: 12, templates: 12, index: "exact int8 + re-rank"),
            GalleryStatistic(modality: .finger, entities: 3, templates: 20, index: "popcount ±8"),
        ]
        #expect(
            rows(try kit.run("bio gallery stats")) == [
                ["face", "12", "12", "exact int8 + re-rank"], ["finger", "3", "20", "popcount ±8"],
            ])
    }

    @Test func exportWritesTheEncodedTemplatesInTheFormatAsked() throws {
        #expect(
            throws: NexoError(.notFound, "P-1 has no enrolled templates", hint: "enrol them with 'bio enroll'")
        ) {
            try kit.run("bio export P-1 out.ist --modality finger")
        }
        _ = try kit.run("bio enroll P-1 --finger ana.ist")
        matcher.encoded = [0x46, 0x4D, 0x52, 0x00]
        let written = try kit.run("bio export P-1 out.ist --modality finger")
        #expect(written.message == "wrote P-1's finger (4 bytes) to out.ist")
        #expect(files.contents["out.ist"] == [0x46, 0x4D, 0x52, 0x00])
        _ = try kit.run("bio export P-1 ansi.ist --modality finger --record-format ansi")
        #expect(matcher.encodings.map(\.fingerFormat) == ["iso", "ansi"])
        #expect(matcher.encodings.map(\.modality) == [.finger, .finger])
    }

    @Test func exportRefusesAHostThatWritesNoFiles() throws {
        var kit = self.kit
        _ = try kit.run("bio enroll P-1 --face ana.f32")
        kit.files = nil
        #expect(throws: NexoError(.denied, "this host does not let commands write files")) {
            try kit.run("bio export P-1 out.f32 --modality face")
        }
    }
}
