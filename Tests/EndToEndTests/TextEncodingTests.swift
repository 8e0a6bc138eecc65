import Foundation
import Testing

/// Invalid UTF-8 and byte-order marks through the real binary: scripts (`nexo run`, `run`,
/// standard input, `-c`) and imports are refused with file:line:byte and exit status 1, or, with
/// `--lenient-encoding`, repaired with one warning.
@Suite struct TextEncodingTests {
    static let hint =
        "save the file as UTF-8 (from Latin-1: iconv -f ISO-8859-1 -t UTF-8), "
        + "or use --lenient-encoding to replace invalid bytes with U+FFFD"

    /// `add person "José"` with é in Latin-1 (byte 16 of the line is 0xE9).
    static let latin1Script = Data("add person \"Jos".utf8) + Data([0xE9]) + Data("\"\n".utf8)

    static func write(_ temp: TemporaryDirectory, _ name: String, _ data: Data) throws {
        try data.write(to: URL(fileURLWithPath: temp.path + "/" + name))
    }

    /// Runs a shell command line with `$NEXO` set to the binary: for bytes Foundation's `Process`
    /// cannot pass (invalid UTF-8 in an argument or on standard input).
    static func shell(_ line: String, in temp: TemporaryDirectory) throws -> NexoProcess.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        process.currentDirectoryURL = URL(fileURLWithPath: temp.path)
        process.environment = NexoProcess.environment(home: temp.path, extra: ["NEXO": NexoProcess.executable])
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave()
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return NexoProcess.Output(
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
            status: process.terminationStatus)
    }

    static func labels(_ temp: TemporaryDirectory) throws -> String {
        try NexoProcess.run(
            ["--db", "s.db", "--format", "csv", "-c", "find person jos | select label"], directory: temp.path
        ).stdout
    }

    @Test func aScriptWithInvalidUTF8IsRefusedWithFileLineAndByte() throws {
        let temp = try TemporaryDirectory()
        try Self.write(temp, "latin1.nexo", Self.latin1Script)
        let refused = try NexoProcess.run(["--db", "s.db", "run", "latin1.nexo"], directory: temp.path)
        #expect(refused.status == 1, "\(refused)")
        #expect(
            refused.stderr == "error: latin1.nexo:1:16: invalid UTF-8 at byte 16 of the line (0xE9); \(Self.hint)\n")
        #expect(try Self.labels(temp) == "label\n")
        // The same script run from a session with `run`.
        let nested = try NexoProcess.run(["--db", "s.db", "-c", "run latin1.nexo"], directory: temp.path)
        #expect(
            nested.status == 1
                && nested.stderr.hasPrefix(
                    "-c:1:1: error: latin1.nexo:1:16: invalid UTF-8 at byte 16 of the line (0xE9)"),
            "\(nested)")
    }

    @Test func lenientEncodingRunsTheScriptWithOneWarning() throws {
        let temp = try TemporaryDirectory()
        try Self.write(temp, "latin1.nexo", Self.latin1Script + Self.latin1Script)
        let lenient = try NexoProcess.run(
            ["--db", "s.db", "--lenient-encoding", "run", "latin1.nexo"], directory: temp.path)
        #expect(lenient.status == 0, "\(lenient)")
        #expect(
            lenient.stderr
                == ("warning: latin1.nexo: 2 invalid UTF-8 sequences replaced with U+FFFD (--lenient-encoding)\nadded "
                    + "P-1\nadded P-2\n")
        )
        #expect(try Self.labels(temp) == "label\nJos\u{FFFD}\nJos\u{FFFD}\n")
        let nested = try NexoProcess.run(
            ["--db", "s.db", "-c", "run latin1.nexo --lenient-encoding"], directory: temp.path)
        #expect(nested.status == 0, "\(nested)")
    }

    @Test func standardInputAndDashCAreCheckedToo() throws {
        let temp = try TemporaryDirectory()
        try Self.write(temp, "latin1.nexo", Self.latin1Script)
        let piped = try Self.shell(#""$NEXO" --db s.db < latin1.nexo"#, in: temp)
        #expect(piped.status == 1)
        #expect(piped.stderr == "error: <stdin>:1:16: invalid UTF-8 at byte 16 of the line (0xE9); \(Self.hint)\n")
        let dashC = try Self.shell(#""$NEXO" --db s.db -c "$(printf 'add person Jos\351')""#, in: temp)
        #expect(dashC.status == 1)
        #expect(dashC.stderr == "error: -c:1:15: invalid UTF-8 at byte 15 of the line (0xE9); \(Self.hint)\n")
        #expect(try Self.labels(temp) == "label\n")
    }

    @Test func aByteOrderMarkStartingAScriptIsSkipped() throws {
        let temp = try TemporaryDirectory()
        try Self.write(temp, "bom.nexo", Data([0xEF, 0xBB, 0xBF]) + Data("add person José\n".utf8))
        let run = try NexoProcess.run(["--db", "s.db", "run", "bom.nexo"], directory: temp.path)
        #expect(run.status == 0 && run.stderr == "added P-1\n", "\(run)")
    }

    @Test func anImportWithInvalidUTF8IsRefusedWholeWithFileLineAndByte() throws {
        let temp = try TemporaryDirectory()
        try Self.write(
            temp, "people.ndjson",
            Data(#"{"type":"entity","kind":"person","label":"Ana"}"#.utf8) + Data("\n".utf8)
                + Data(#"{"type":"entity","kind":"person","label":"Jos"#.utf8) + Data([0xE9]) + Data("\"}\n".utf8))
        let refused = try NexoProcess.run(["--db", "s.db", "-c", "import people.ndjson"], directory: temp.path)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.split(separator: "\n").first.map(String.init)
                == "-c:1:1: error: people.ndjson:2:46: invalid UTF-8 at byte 46 of the line (0xE9); \(Self.hint)")
        let none = try NexoProcess.run(
            ["--db", "s.db", "--format", "csv", "-c", "find person ana | count"], directory: temp.path)
        #expect(none.stdout == "count\n0\n", "\(none)")
        let lenient = try NexoProcess.run(
            ["--db", "s.db", "-c", "import people.ndjson --lenient-encoding"], directory: temp.path)
        #expect(lenient.status == 0)
        #expect(
            lenient.stderr
                == ("warning: people.ndjson: 1 invalid UTF-8 sequence replaced with U+FFFD (--lenient-encoding)\n"
                    + "imported 2 entities, 0 edges\n"),
            "\(lenient)")
        #expect(try Self.labels(temp) == "label\nJos\u{FFFD}\n")
    }

    @Test func aCSVHeaderThatRepeatsANameIsRefused() throws {
        let temp = try TemporaryDirectory()
        try temp.write("people.csv", "id,kind,label,sex,sex\nP-1,person,Ana,F,M\n")
        let refused = try NexoProcess.run(["--db", "s.db", "-c", "import people.csv"], directory: temp.path)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.split(separator: "\n").first.map(String.init)
                == ("-c:1:1: error: people.csv:1: column 'sex' appears twice in the header (columns 4 and 5); remove "
                    + "or rename one of them")
        )
    }
}
