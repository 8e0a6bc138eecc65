import Glibc
import NexoFiles
import NexoKit
import Testing

/// The one line reader on a reader that never waits (a background job's input, a FIFO): complete
/// lines as they arrive, nothing while a line is unfinished, the same limits and error texts as an
/// import's line-by-line reading, blank lines handed on, and the last line counted at the end.
@Suite struct WaitlessLineReaderTests {
    /// A FIFO in `directory`, opened for reading first (never waiting), then for writing.
    static func fifo(_ directory: TemporaryDirectory) throws -> (reader: FileReader, writer: Int32, path: String) {
        let path = directory.file("feed")
        try #require(mkfifo(path, 0o600) == 0)
        let reader = try FileReader(waitingNever: path, following: false, chunk: 16, hint: "give a FIFO")
        let writer = open(path, O_WRONLY | O_CLOEXEC)
        try #require(writer >= 0)
        return (reader, writer, path)
    }

    static func send(_ bytes: [UInt8], to writer: Int32) {
        #expect(bytes.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) } == bytes.count)
    }

    /// Every line there is now, as `number: text` or `number: error message`.
    static func available(_ lines: inout LineReader) throws -> [String] {
        var seen: [String] = []
        while try lines.nextLine({ line, number in
            switch line {
            case .success(let text): seen.append("\(number): \(String(decoding: text, as: UTF8.self))")
            case .failure(let error): seen.append("\(number): \(error.message)")
            }
        }) {}
        return seen
    }

    @Test func linesArriveWholeWithTheImportsLimitsAndErrors() throws {
        let directory = TemporaryDirectory()
        let (reader, writer, _) = try Self.fifo(directory)
        var lines = LineReader(reader, maximumLineBytes: 20, keepingBlankLines: true)
        #expect(try Self.available(&lines) == [])
        Self.send(UTF8Input.byteOrderMark + Array("{\"a\":1}\n{\"b\"".utf8), to: writer)
        #expect(try Self.available(&lines) == ["1: {\"a\":1}"])
        #expect(!reader.isAtEnd)
        Self.send(Array(":2}\r\n\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 50), to: writer)
        #expect(
            try Self.available(&lines) == [
                "2: {\"b\":2}", "3: ", "4: " + RecordLine.tooLongError(limit: 20).message,
            ])
        Self.send(Array("xx\nJos".utf8) + [0xE9] + Array("\nlast".utf8), to: writer)
        close(writer)
        #expect(
            try Self.available(&lines) == [
                "5: " + UTF8Input.invalidLineError(byte: 4, value: 0xE9).message, "6: last",
            ])
        #expect(reader.isAtEnd)
    }

    @Test func aDirectoryOrAMissingPathIsRefusedWithTheHint() {
        let directory = TemporaryDirectory()
        let hint = "give an NDJSON file, a FIFO or - for standard input"
        #expect(
            nexoError { _ = try FileReader(waitingNever: directory.path, following: false, hint: hint) }
                == NexoError(.invalidInput, "'\(directory.path)' is a directory", hint: hint))
        let missing = directory.file("missing.ndjson")
        #expect(
            nexoError { _ = try FileReader(waitingNever: missing, following: true, hint: hint) }
                == NexoError(.notFound, "cannot open '\(missing)': No such file or directory", hint: hint))
    }
}
