import Glibc
import NexoFiles
import NexoKit
import Testing

@testable import NexoStore

/// Import files at the door: invalid UTF-8 refused with file:line:byte (or repaired with a lenient
/// policy), byte-order marks, repeated JSON keys and repeated CSV header names.
@Suite struct ImportEncodingTests {
    static let hint =
        "save the file as UTF-8 (from Latin-1: iconv -f ISO-8859-1 -t UTF-8), "
        + "or use --lenient-encoding to replace invalid bytes with U+FFFD"

    /// Writes `parts` (text, and raw bytes for what text cannot hold) as one file.
    static func write(_ directory: TemporaryDirectory, _ name: String, _ parts: [[UInt8]]) -> String {
        let path = directory.file(name)
        let bytes = parts.flatMap { $0 }
        let handle = fopen(path, "wb")!
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        fclose(handle)
        return path
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    func importing(_ f: Fixture, _ path: String, skipInvalid: Bool = false, encoding: EncodingPolicy = .strict) throws
        -> ImportReport
    {
        try f.write("import") {
            try $0.importFile(path: path, format: .detect, skipInvalid: skipInvalid, encoding: encoding) { _ in }
        }.value
    }

    static let latin1NDJSON: [[UInt8]] = [
        text(#"{"type":"entity","id":"P-1","kind":"person","label":"Ana"}"# + "\n"),
        text(#"{"type":"entity","id":"P-2","kind":"person","label":"Jos"#), [0xE9],
        text(#"","properties":{"sex":"M"}}"# + "\n"),
    ]

    @Test func invalidUTF8InNDJSONIsRefusedWithFileLineAndByteAndStoresNothing() throws {
        let f = try Fixture()
        let file = Self.write(f.directory, "people.ndjson", Self.latin1NDJSON)
        let error = nexoError { _ = try importing(f, file) }
        #expect(
            error
                == NexoError(
                    .invalidInput, "\(file):2:57: invalid UTF-8 at byte 57 of the line (0xE9)", hint: Self.hint))
        #expect(try f.read { try $0.entity("P-1") } == nil)
    }

    @Test func skipInvalidDoesNotSkipEncodingErrors() throws {
        let f = try Fixture()
        let file = Self.write(f.directory, "people.ndjson", Self.latin1NDJSON)
        let error = nexoError { _ = try importing(f, file, skipInvalid: true) }
        #expect(error?.message == "\(file):2:57: invalid UTF-8 at byte 57 of the line (0xE9)")
        #expect(try f.read { try $0.entity("P-1") } == nil)
    }

    @Test func lenientNDJSONImportReplacesAndCounts() throws {
        let f = try Fixture()
        let file = Self.write(f.directory, "people.ndjson", Self.latin1NDJSON)
        let report = try importing(f, file, encoding: .lenient)
        #expect(report.entities == 2 && report.replacedSequences == 1)
        #expect(try f.read { try $0.entity("P-2")?.label } == "Jos\u{FFFD}")
    }

    @Test(arguments: [1, 2, 3, 4, 4096])
    func aByteOrderMarkStartingTheFileIsSkipped(chunk: Int) throws {
        let directory = TemporaryDirectory()
        let path = Self.write(directory, "t.ndjson", [UTF8Input.byteOrderMark, Self.text("{\"a\":1}\n{\"b\":2}")])
        var reader = LineReader(try FileReader(path: path, chunk: chunk))
        var seen: [String] = []
        while try reader.next({ bytes, _ in seen.append(String(decoding: bytes, as: UTF8.self)) }) {}
        #expect(seen == ["{\"a\":1}", "{\"b\":2}"])
    }

    @Test func aByteOrderMarkLaterInTheFileIsText() throws {
        let f = try Fixture()
        let file = Self.write(
            f.directory, "people.ndjson",
            [
                UTF8Input.byteOrderMark,
                Self.text(#"{"type":"entity","id":"P-1","kind":"person","label":"Ana"}"# + "\n"),
                UTF8Input.byteOrderMark,
                Self.text(#"{"type":"entity","id":"P-2","kind":"person","label":"Beto"}"# + "\n"),
            ])
        let error = nexoError { _ = try importing(f, file) }
        #expect(error?.message == "\(file):2: malformed JSON at column 1: unexpected character in JSON")
    }

    @Test func aRepeatedKeyInAnNDJSONLineIsAnError() throws {
        let f = try Fixture()
        let file = try f.directory.write(
            "people.ndjson",
            """
            {"type":"entity","id":"P-1","kind":"person","label":"Ana"}
            {"type":"entity","id":"P-2","kind":"person","label":"Beto","label":"Carla"}
            """)
        let error = nexoError { _ = try importing(f, file) }
        #expect(
            error == NexoError(.invalidInput, "\(file):2: malformed JSON at column 60: key \"label\" appears twice"))
        #expect(try f.read { try $0.entity("P-1") } == nil)
    }

    @Test func invalidUTF8InCSVIsRefusedOnItsOwnPhysicalLine() throws {
        let f = try Fixture()
        // The clean row would take the byte-level fast path; the quoted one spans lines 3 and 4.
        let file = Self.write(
            f.directory, "people.csv",
            [
                Self.text("id,kind,label,sex\nP-1,person,Jos"), [0xE9], Self.text(",M\n"),
            ])
        #expect(
            nexoError { _ = try importing(f, file) }
                == NexoError(
                    .invalidInput, "\(file):2:15: invalid UTF-8 at byte 15 of the line (0xE9)", hint: Self.hint))
        let multiLine = Self.write(
            f.directory, "multi.csv",
            [
                Self.text("id,kind,label,sex\nP-1,person,Ana,F\nP-2,person,\"Mar\u{ED}a\nPe"), [0xF1],
                Self.text("a\",F\n"),
            ])
        #expect(
            nexoError { _ = try importing(f, multiLine) }?.message
                == "\(multiLine):4:3: invalid UTF-8 at byte 3 of the line (0xF1)")
        #expect(try f.read { try $0.entity("P-1") } == nil)
    }

    @Test func lenientCSVImportReplacesInEveryField() throws {
        let f = try Fixture()
        let file = Self.write(
            f.directory, "people.csv",
            [
                Self.text("id,kind,label,given_names\nP-1,person,\"Jos"), [0xE9], Self.text("\","), [0xC3],
                Self.text("x\n"),
            ])
        let report = try importing(f, file, encoding: .lenient)
        #expect(report.entities == 1 && report.replacedSequences == 2)
        let entity = try f.read { try $0.entity("P-1") }
        #expect(entity?.label == "Jos\u{FFFD}" && entity?.properties["given_names"] == .string("\u{FFFD}x"))
    }

    @Test func aByteOrderMarkBeforeAQuotedCSVHeaderIsSkipped() throws {
        let f = try Fixture()
        let file = Self.write(
            f.directory, "people.csv", [UTF8Input.byteOrderMark, Self.text("\"id\",kind,label\nP-1,person,Ana\n")])
        #expect(try importing(f, file).entities == 1)
        #expect(try f.read { try $0.entity("P-1")?.label } == "Ana")
    }

    @Test func aRepeatedCSVHeaderNameIsAnError() throws {
        let f = try Fixture()
        let file = try f.directory.write("people.csv", "id,kind,label,sex,date_of_birth,sex\nP-1,person,Ana,F,,M\n")
        #expect(
            nexoError { _ = try importing(f, file) }
                == NexoError(
                    .invalidInput, "\(file):1: column 'sex' appears twice in the header (columns 4 and 6)",
                    hint: "remove or rename one of them"))
        #expect(try f.read { try $0.entity("P-1") } == nil)
    }
}
