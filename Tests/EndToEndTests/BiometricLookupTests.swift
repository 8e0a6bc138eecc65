import Foundation
import Testing

/// The biometric-lookup plugin through the real binary, plugins and match engine: enrol faces of
/// a generated demo world, identify and verify noisy captures, explain, export, undo, bad input.
@Suite struct BiometricLookupTests {
    /// Seeded unit vectors written as the face exchange format (512 little-endian float32).
    struct Faces {
        var state: UInt64
        mutating func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Double(state >> 11) * 0x1.0p-53 - 0.5)
        }
        mutating func vector() -> [Float] { (0..<512).map { _ in next() } }
        static func write(_ vector: [Float], to path: String) throws {
            var data = Data()
            for x in vector { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            try data.write(to: URL(fileURLWithPath: path))
        }
    }

    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(
            ["--plugin-dir", NexoProcess.binDirectory, "--db", "bio.db"] + arguments, directory: directory)
    }

    @Test func enrolIdentifyVerifyExplainExportUndo() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "generate --scale demo --seed 22"], in: temp.path).status == 0)
        var faces = Faces(state: 42)
        var enrol = ""
        var vectors: [[Float]] = []
        for n in 1...20 {
            let v = faces.vector()
            vectors.append(v)
            try Faces.write(v, to: temp.path + "/p\(n).f32")
            enrol += "bio enroll P-\(n) --face p\(n).f32\n"
        }
        try temp.write("enrol.nexo", enrol)
        let enrolled = try nexo(["run", "enrol.nexo"], in: temp.path)
        #expect(enrolled.status == 0, "\(enrolled)")
        // A second capture of P-7: the same face with noise.
        try Faces.write(zip(vectors[6], faces.vector()).map { $0 + 0.5 * $1 }, to: temp.path + "/probe.f32")

        let identify = try nexo(
            ["--format", "csv", "-c", "bio identify --face probe.f32 --top 3 | select rank person decision"],
            in: temp.path)
        #expect(identify.status == 0, "\(identify)")
        let lines = identify.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "rank,person,decision")
        #expect(lines.dropFirst().first == "1,P-7,hit")
        #expect(lines.dropFirst(2).allSatisfy { $0.hasSuffix(",no_hit") })
        let summary = try nexo(["-c", "bio identify --face probe.f32 --top 3"], in: temp.path)
        #expect(summary.stderr == "1 hit among 3 candidates; searched face 20\n", "\(summary)")

        let verify = try nexo(
            [
                "--format", "csv", "-c",
                "bio verify P-7 --face probe.f32 | select person decision; bio verify P-8 --face probe.f32 | "
                    + "select decision",
            ], in: temp.path)
        #expect(verify.stdout == "person,decision\nP-7,hit\ndecision\nno_hit\n", "\(verify)")

        let stats = try nexo(
            ["--format", "csv", "-c", "bio gallery stats | where modality = face | select people templates"],
            in: temp.path)
        #expect(stats.stdout == "people,templates\n20,20\n", "\(stats)")

        let export = try nexo(["-c", "bio export P-7 out.f32 --modality face"], in: temp.path)
        #expect(export.status == 0, "\(export)")
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: temp.path + "/out.f32"))
                == Data(contentsOf: URL(fileURLWithPath: temp.path + "/p7.f32")))

        let explain = try nexo(["--format", "tsv", "-c", "bio explain P-7 P-8 | select explanation"], in: temp.path)
        let explanation = explain.stdout.split(separator: "\n").dropFirst()
        #expect(
            explanation.contains { $0.hasPrefix("face: cosine ") && $0.hasSuffix("against the same person") },
            "\(explain)")
        #expect(
            explanation.contains { $0.hasPrefix("biographic: LR 10^-") }, "two different generated people: \(explain)")
        // The 1:1 bar this comparison is decided against, then the bar an identify of the gallery would set.
        #expect(
            explanation.dropLast().last.map { $0.hasPrefix("fused LR 10^") && $0.contains("1:1 bar: hit at 10^") }
                == true, "\(explain)")
        #expect(
            explanation.last?.hasPrefix("as a 1:N search of 270 people ('bio identify'): hit at 10^") == true,
            "\(explain)")

        // Stored people as probes: each is left out of their own answer, a probe column says whose it is.
        let stored = try nexo(
            [
                "--format", "csv", "-c",
                "bio identify --person P-7 --top 2 | select probe rank; "
                    + "bio identify --person P-7 --top 1 | select person | bio identify --top 1 | select probe rank; "
                    + "find person nobody-has-this-name | bio identify | count",
            ], in: temp.path)
        #expect(stored.status == 0, "\(stored)")
        let best =
            try nexo(
                ["--format", "csv", "-c", "bio identify --person P-7 --top 1 | select person"], in: temp.path
            ).stdout.split(separator: "\n").last.map(String.init) ?? "?"
        #expect(
            stored.stdout == "probe,rank\nP-7,1\nP-7,2\nprobe,rank\n\(best),1\ncount\n0\n" && best != "P-7",
            "\(stored)")
        let alone = try nexo(
            ["--format", "csv", "-c", "bio identify --person P-7 --top 20 | select person"], in: temp.path)
        #expect(!alone.stdout.contains("P-7\n") && alone.stdout.split(separator: "\n").count > 1, "\(alone)")

        let undo = try nexo(["-c", "undo; bio gallery stats | where modality = face | select people"], in: temp.path)
        #expect(undo.stdout.hasSuffix("people\n19\n"), "\(undo)")
        #expect(undo.stderr.contains("1 template removed"))
    }

    @Test func biographicProbeFindsAGeneratedPersonThroughTypos() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "generate --scale demo --seed 22"], in: temp.path).status == 0)
        // P-5 of the demo world is Carlos Hernández López, born 1981-04-12 (pinned by the world's digest test).
        let run = try nexo(
            [
                "--format", "csv", "-c",
                "bio identify --name \"CARLOS HERNANDEZ LOPES\" --dob 1981-12-04 --nationality SV --top 3 | select "
                    + "rank person decision",
            ],
            in: temp.path)
        #expect(run.status == 0, "\(run)")
        let rows = run.stdout.split(separator: "\n").map(String.init)
        #expect(rows.dropFirst().first?.hasPrefix("1,P-5,") == true, "\(run)")
        // A name no search finds, but P-5's document number: the document brings the candidate in.
        let document = try nexo(
            [
                "--format", "csv", "-c",
                "bio identify --name \"CRLS HRNNDZ\" --document 44647576-8 --dob 1981-04-12 --top 1 | select "
                    + "rank person",
            ],
            in: temp.path)
        #expect(document.stdout == "rank,person\n1,P-5\n", "\(document)")
        let explain = try nexo(
            ["-c", "bio identify --name \"Carlos Hernandez Lopes\" --dob 1981-12-04 --top 1 | select why"],
            in: temp.path)
        #expect(explain.stdout.contains("biographic: LR 10^"), "\(explain)")
    }

    @Test func feedStoresEncountersLinkedToTheirHitsAndSkipsBadLines() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "generate --scale demo --seed 22"], in: temp.path).status == 0)
        var faces = Faces(state: 9)
        let known = faces.vector()
        try Faces.write(known, to: temp.path + "/p12.f32")
        #expect(try nexo(["-c", "bio enroll P-12 --face p12.f32"], in: temp.path).status == 0)
        let capture = zip(known, faces.vector()).map { $0 + 0.5 * $1 }.map { String($0) }.joined(separator: ",")
        try temp.write(
            "feed.ndjson",
            """
            {"ref":"LH-1","date":"2026-11-20","post":"La Hachadura","face":[\(capture)]}
            {"ref":"LH-2","date":"2026-11-20","post":"La Hachadura","name":"Carlos Hernandez Lopes","dob":"1981-12-04"}
            {"ref":"LH-3","date":"2026-11-31","name":"Ana"}
            this is not json
            {"ref":"LH-5","face":[1,2,3]}

            """)
        let run = try nexo(
            ["--format", "csv", "-c", "bio feed run feed.ndjson | select line decision person matched"], in: temp.path)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "line,decision,person,matched\n1,hit,P-12,1\n2,hit,P-5,1\n", "\(run)")
        #expect(run.stderr.contains("feed.ndjson:3: date '2026-11-31' is not YYYY-MM-DD — line skipped"))
        #expect(run.stderr.contains("feed.ndjson:4: malformed JSON at column 1"))
        #expect(run.stderr.contains("feed.ndjson:5: face: it holds 3 values, not 512 — line skipped"))
        let linked = try nexo(
            ["--format", "csv", "-c", "neighbors P-12 --via matched | select kind label"], in: temp.path)
        #expect(linked.stdout == "kind,label\nencounter,Encounter LH-1 at La Hachadura\n", "\(linked)")
        let undo = try nexo(["--format", "csv", "-c", "undo; neighbors P-12 --via matched | count"], in: temp.path)
        #expect(undo.stdout == "count\n0\n", "\(undo)")
    }

    @Test func badProbesAndEnrolmentsAreRefusedAndNothingIsStored() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "generate --scale demo --seed 22"], in: temp.path).status == 0)
        try Data(repeating: 0, count: 2048).write(to: URL(fileURLWithPath: temp.path + "/zero.f32"))
        try Data(repeating: 1, count: 100).write(to: URL(fileURLWithPath: temp.path + "/short.f32"))
        let cases: [(String, Int32, String)] = [
            ("bio enroll P-1", 2, "nothing to enrol"),
            ("bio enroll P-1 --face missing.f32", 3, "missing.f32: cannot read 'missing.f32'"),
            (
                "bio enroll P-1 --face short.f32", 1,
                "face template 'short.f32': a face file holds 2048 bytes (512 float32), this one 100"
            ),
            ("bio enroll P-1 --face zero.f32", 1, "face template 'zero.f32': the face vector is all zeros"),
            ("bio enroll P-1 --face /dev/zero", 1, "/dev/zero: '/dev/zero' is larger than 67108864 bytes"),
            ("bio enroll P-1 --face .", 1, ".: cannot read '.': Is a directory"),
            ("bio enroll G-1 --face zero.f32", 2, "G-1"),
            ("bio identify --top 5", 2, "the probe has no face, finger, iris or biographic data"),
            ("bio identify --dob 1994-13-01 --name Ana", 2, "date of birth '1994-13-01': there is no month 13"),
            ("bio export P-1 x.f32 --modality face", 3, "P-1 has no enrolled templates"),
        ]
        for (command, status, message) in cases {
            let run = try nexo(["-c", command], in: temp.path)
            #expect(run.status == status, "\(command): \(run)")
            #expect(run.stderr.contains(message), "\(command): \(run.stderr)")
        }
        let stats = try nexo(
            ["--format", "csv", "-c", "bio gallery stats | where modality = face | select templates"], in: temp.path)
        #expect(stats.stdout == "templates\n0\n")
    }
}
