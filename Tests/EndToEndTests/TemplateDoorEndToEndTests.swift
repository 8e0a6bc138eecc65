import Foundation
import Testing

/// Poisoned templates through the real binary: a subnormal face file is refused at enrolment with
/// the reason and nothing is stored; a store that already holds one (made by an older version)
/// does not stop `bio identify`, `explain`, `gallery stats` or `feed run`; a padded minutiae
/// record is enrolled with a warning naming the offset.
@Suite struct TemplateDoorEndToEndTests {
    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(
            ["--plugin-dir", NexoProcess.binDirectory, "--db", "bio.db"] + arguments, directory: directory)
    }

    private static func faceBytes(_ vector: [Float]) -> Data {
        var data = Data()
        for x in vector { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// 1e-45 as float32: the smallest subnormal.
    private static let subnormal = [Float](repeating: Float(bitPattern: 1), count: 512)

    @Test func aSubnormalFaceFileIsRefusedAndNothingIsStored() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "generate --scale demo --seed 22"], in: temp.path).status == 0)
        try Self.faceBytes(Self.subnormal).write(to: URL(fileURLWithPath: temp.path + "/x.f32"))
        let enrol = try nexo(["-c", "bio enroll P-1 --face x.f32"], in: temp.path)
        #expect(enrol.status == 1, "\(enrol)")
        #expect(
            enrol.stderr.contains(
                "face template 'x.f32': value 1 is subnormal (1e-45); templates must hold finite normal numbers"),
            "\(enrol)")
        let probe = try nexo(["-c", "bio identify --face x.f32"], in: temp.path)
        #expect(probe.status == 1, "\(probe)")
        let stats = try nexo(
            ["--format", "csv", "-c", "bio gallery stats | where modality = face | select templates"], in: temp.path)
        #expect(stats.stdout == "templates\n0\n", "\(stats)")
    }

    @Test func aStoreAlreadyHoldingAPoisonedFaceStillAnswers() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "generate --scale demo --seed 22"], in: temp.path).status == 0)
        var faces = BiometricLookupTests.Faces(state: 7)
        for n in 1...3 { try BiometricLookupTests.Faces.write(faces.vector(), to: temp.path + "/p\(n).f32") }
        let enrol = try nexo(
            ["-c", "bio enroll P-1 --face p1.f32; bio enroll P-2 --face p2.f32; bio enroll P-3 --face p3.f32"],
            in: temp.path)
        #expect(enrol.status == 0, "\(enrol)")
        // What an older nexo stored: its codec's format byte, then 512 × 1e-45.
        let hex = ([UInt8(1)] + [UInt8](Self.faceBytes(Self.subnormal))).map { String(format: "%02X", $0) }.joined()
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [temp.path + "/bio.db", "UPDATE templates SET data = X'\(hex)' WHERE entity_id = 'P-2'"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)

        let identify = try nexo(
            ["--format", "csv", "-c", "bio identify --face p1.f32 --top 2 | select rank person"], in: temp.path)
        #expect(identify.status == 0, "\(identify)")
        #expect(identify.stdout.hasPrefix("rank,person\n1,P-1\n"), "\(identify)")
        #expect(
            identify.stderr.contains(
                "warning: skipped P-2's face template (stored template 2): stored face template: value 1 is "
                    + "subnormal (1e-45); templates must hold finite normal numbers; enrol it again with 'bio enroll' "
                    + "to replace it"), "\(identify)")
        let stats = try nexo(
            ["--format", "csv", "-c", "bio gallery stats | where modality = face | select templates"], in: temp.path)
        #expect(stats.stdout == "templates\n2\n", "\(stats)")
        let explain = try nexo(["-c", "bio explain P-2 P-1; bio explain P-1 P-2"], in: temp.path)
        #expect(explain.status == 0, "\(explain)")
        try temp.write("feed.ndjson", "{\"ref\":\"A\",\"face_file\":\"p3.f32\"}\n")
        let feed = try nexo(
            ["--format", "csv", "-c", "bio feed run feed.ndjson | select line decision"], in: temp.path)
        #expect(feed.status == 0, "\(feed)")
        #expect(feed.stdout.hasPrefix("line,decision\n1,"), "\(feed)")
    }

    @Test func aPaddedMinutiaeRecordIsEnrolledWithAWarningAndExportedWhole() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "generate --scale demo --seed 22"], in: temp.path).status == 0)
        let sample = try Data(
            contentsOf: URL(fileURLWithPath: "/work/shared/fixtures/minutiae/fingerprintio-iso19794p2v2005-sample.dat"))
        try (sample + Data(repeating: 0, count: 12)).write(to: URL(fileURLWithPath: temp.path + "/partner.ist"))
        let enrol = try nexo(["-c", "bio enroll P-1 --finger partner.ist"], in: temp.path)
        #expect(enrol.status == 0, "\(enrol)")
        #expect(
            enrol.stderr.contains(
                "warning: finger template 'partner.ist': ISO/IEC 19794-2:2005 record read with a flaw: "
                    + "12 zero byte(s) of padding after the record, from offset 340"), "\(enrol)")
        let export = try nexo(["-c", "bio export P-1 out.ist --modality finger"], in: temp.path)
        #expect(export.status == 0, "\(export)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.path + "/out.ist")).count == 340)
    }
}
