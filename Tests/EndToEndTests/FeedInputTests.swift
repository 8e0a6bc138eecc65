import Foundation
import Testing

/// What the feeds and `bio import` make of their input through the real binary: a line that is
/// not UTF-8 or is longer than 16 MiB is that line's error (skipped by both feeds alike, never
/// replaced or cut), a minutiae record read with a flaw is enrolled with a warning naming the
/// line, and an inline face is refused with the precise reason.
@Suite struct FeedInputTests {
    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(
            ["--plugin-dir", NexoProcess.binDirectory, "--db", "feed.db"] + arguments, directory: directory)
    }

    private func store() throws -> TemporaryDirectory {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "add person \"Ana López\""], in: temp.path).status == 0)
        return temp
    }

    private static let latin1Prefix = #"{"ref":"B","name":"Jos"#

    /// Three encounters; the second is Latin-1 (`é` as the single byte E9).
    private static let latin1Feed =
        Data((#"{"ref":"A","name":"Ana Lopez"}"# + "\n" + latin1Prefix).utf8) + Data([0xE9])
        + Data(("\"}\n" + #"{"ref":"C","name":"Beto Perez"}"# + "\n").utf8)

    @Test func bothFeedsSkipALineThatIsNotUTF8() throws {
        let temp = try store()
        try Self.latin1Feed.write(to: URL(fileURLWithPath: temp.path + "/feed.ndjson"))
        let byte = Self.latin1Prefix.utf8.count + 1
        let background = try nexo(
            [
                "--format", "csv", "-c",
                "bio feed start feed.ndjson | count; bio feed wait | select state read processed skipped message",
            ],
            in: temp.path)
        #expect(
            background.stdout
                == ("count\n1\nstate,read,processed,skipped,message\n"
                    + "finished,3,2,1,line 2: invalid UTF-8 at byte \(byte) of the line (0xE9)\n"),
            "\(background)")
        let foreground = try nexo(["--format", "csv", "-c", "bio feed run feed.ndjson | select line"], in: temp.path)
        #expect(foreground.status == 0, "\(foreground)")
        #expect(foreground.stdout == "line\n1\n3\n", "\(foreground)")
        #expect(
            foreground.stderr.contains(
                "feed.ndjson:2: invalid UTF-8 at byte \(byte) of the line (0xE9) — line skipped"), "\(foreground)")
        let stored = try nexo(["--format", "csv", "-c", "find Jos | count"], in: temp.path)
        #expect(stored.stdout == "count\n0\n", "\(stored)")
    }

    @Test func bothFeedsSkipALineLongerThan16MiBAndGoOn() throws {
        let temp = try store()
        var data = Data((#"{"ref":"A","name":"Ana Lopez"}"# + "\n").utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: (16 << 20) + 1))
        data.append(Data(("\n" + #"{"ref":"C","name":"Beto Perez"}"# + "\n").utf8))
        try data.write(to: URL(fileURLWithPath: temp.path + "/long.ndjson"))
        let background = try nexo(
            [
                "--format", "csv", "-c",
                "bio feed start long.ndjson | count; bio feed wait | select state read processed skipped message",
            ],
            in: temp.path)
        #expect(
            background.stdout
                == ("count\n1\nstate,read,processed,skipped,message\nfinished,3,2,1,line 2: line is longer "
                    + "than 16 MiB\n"),
            "\(background)")
        let foreground = try nexo(["--format", "csv", "-c", "bio feed run long.ndjson | select line"], in: temp.path)
        #expect(foreground.stdout == "line\n1\n3\n", "\(foreground)")
        #expect(foreground.stderr.contains("long.ndjson:2: line is longer than 16 MiB — line skipped"), "\(foreground)")
    }

    @Test func aPaddedMinutiaeRecordIsImportedAndFedWithAWarningNamingTheLine() throws {
        let temp = try store()
        let sample = try Data(
            contentsOf: URL(fileURLWithPath: "/work/shared/fixtures/minutiae/fingerprintio-iso19794p2v2005-sample.dat"))
        try (sample + Data(repeating: 0, count: 12)).write(to: URL(fileURLWithPath: temp.path + "/partner.ist"))
        try temp.write("enrol.ndjson", #"{"person":"P-1","finger_files":["partner.ist"]}"# + "\n")
        let flaw =
            "finger template 'partner.ist': ISO/IEC 19794-2:2005 record read with a flaw: "
            + "12 zero byte(s) of padding after the record, from offset 340"
        let imported = try nexo(["-c", "bio import enrol.ndjson"], in: temp.path)
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stderr.contains("warning: enrol.ndjson:1: \(flaw)"), "\(imported)")
        try temp.write("feed.ndjson", #"{"ref":"A","finger_files":["partner.ist"]}"# + "\n")
        let fed = try nexo(["--format", "csv", "-c", "bio feed run feed.ndjson | select line person"], in: temp.path)
        #expect(fed.stdout == "line,person\n1,P-1\n", "\(fed)")
        #expect(fed.stderr.contains("warning: feed.ndjson:1: \(flaw)"), "\(fed)")
    }

    @Test func anInlineSubnormalFaceIsRefusedWithTheReason() throws {
        let temp = try store()
        var face = [String](repeating: "0.0441941738", count: 512)
        face[16] = "1e-45"
        let vector = "[" + face.joined(separator: ",") + "]"
        let reason = "face: value 17 is subnormal (1e-45); templates must hold finite normal numbers"
        try temp.write("faces.ndjson", #"{"person":"P-1","face":"# + vector + "}\n")
        let imported = try nexo(["-c", "bio import faces.ndjson"], in: temp.path)
        #expect(imported.status == 1, "\(imported)")
        #expect(imported.stderr.contains("faces.ndjson:1: \(reason)\n"), "\(imported)")
        try temp.write("feed.ndjson", #"{"ref":"A","face":"# + vector + "}\n")
        let fed = try nexo(["-c", "bio feed run feed.ndjson"], in: temp.path)
        #expect(fed.stderr.contains("feed.ndjson:1: \(reason) — line skipped"), "\(fed)")
    }
}
