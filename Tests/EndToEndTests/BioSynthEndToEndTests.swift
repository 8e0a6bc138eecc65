import Foundation
import Testing

/// `bio synth` through the real binary and match engine: captures are reproducible, a second capture is a different
/// file of the same body, and enrolling one capture then searching with another finds the person by face, finger
/// and iris, among other synthetic people.
@Suite struct BioSynthEndToEndTests {
    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(
            ["--plugin-dir", NexoProcess.binDirectory, "--db", "synth.db"] + arguments, directory: directory)
    }

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func capturesAreReproducibleAndFindTheirPerson() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "generate --scale demo --seed 22"], in: temp.path).status == 0)
        var script = ""
        for n in 1...12 {
            script += "bio synth P-\(n) --face p\(n).f32 --iris p\(n).iris --finger p\(n).ist\n"
            script += "bio enroll P-\(n) --face p\(n).f32 --iris p\(n).iris --finger p\(n).ist\n"
        }
        script += "bio synth P-7 --capture 2 --face probe.f32 --iris probe.iris --finger probe.ist\n"
        try temp.write("enrol.nexo", script)
        let enrolled = try nexo(["run", "enrol.nexo"], in: temp.path)
        #expect(enrolled.status == 0, "\(enrolled)")

        // The same person, seed and capture: the same bytes; another capture: other bytes.
        let again = try nexo(["-c", "bio synth P-7 --face again.f32 --finger again.ist"], in: temp.path)
        #expect(again.status == 0, "\(again)")
        #expect(try bytes(temp.path + "/again.f32") == bytes(temp.path + "/p7.f32"))
        #expect(try bytes(temp.path + "/again.ist") == bytes(temp.path + "/p7.ist"))
        #expect(try bytes(temp.path + "/probe.f32") != bytes(temp.path + "/p7.f32"))
        #expect(try bytes(temp.path + "/probe.f32").count == 512 * 4)
        let mode = try FileManager.default.attributesOfItem(atPath: temp.path + "/probe.f32")[.posixPermissions]
        #expect(mode as? Int == 0o600)

        for option in ["--face probe.f32", "--finger probe.ist", "--iris probe.iris"] {
            let found = try nexo(
                ["--format", "csv", "-c", "bio identify \(option) --top 2 | select rank person decision"],
                in: temp.path)
            #expect(found.status == 0, "\(found)")
            let rows = found.stdout.split(separator: "\n").map(String.init)
            #expect(rows.dropFirst().first == "1,P-7,hit", "\(option): \(found)")
        }
        // `show` lists a person's templates with the run that stored each.
        let shown = try nexo(["--format", "tsv", "-c", "show P-7 --edges 0 | where field = template"], in: temp.path)
        #expect(
            shown.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) }
                == [
                    "template\tface", "template\tfinger 2", "template\tright iris",
                ], "\(shown)")
        #expect(shown.stdout.contains("stored by R-"), "\(shown)")
        // Another seed is another body: its capture is nobody in this gallery.
        #expect(try nexo(["-c", "bio synth P-7 --seed 2 --face stranger.f32"], in: temp.path).status == 0)
        let stranger = try nexo(
            ["--format", "csv", "-c", "bio identify --face stranger.f32 --top 1 | select decision"], in: temp.path)
        #expect(stranger.stdout == "decision\nno_hit\n", "\(stranger)")
    }

    @Test func refusesWhatItCannotWrite() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "generate --scale demo --seed 22"], in: temp.path).status == 0)
        let cases: [(String, Int32, String)] = [
            ("bio synth P-12", 2, "nothing to write"),
            ("bio synth P-12 --face a.f32 --capture 0", 2, "--capture 0 is not a capture number"),
            ("bio synth P-12 --finger a.ist --finger-position 11", 2, "--finger-position 11 is not a finger"),
            ("bio synth G-1 --face a.f32", 2, "G-1 is a group, expected a person"),
        ]
        for (line, status, message) in cases {
            let result = try nexo(["-c", line], in: temp.path)
            #expect(result.status == status, "\(line): \(result)")
            #expect(result.stderr.contains(message), "\(line): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/a.f32"))
    }
}
