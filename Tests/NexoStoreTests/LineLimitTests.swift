import Glibc
import NexoFiles
import NexoKit
import Testing

@testable import NexoStore

/// Record lines are bounded: a line longer than the limit is refused without being read whole
/// (the import as a whole; a line-by-line reader goes on after it), and a line that is not UTF-8
/// comes to a line-by-line reader as that line's error, never replaced.
@Suite struct LineLimitTests {
    static let hint =
        "check that the file has one JSON object per line, and keep large data (templates, documents) "
        + "in files named by the record"

    /// A file of a good line, a line of `long` bytes of `x` (no line break inside), and a good line.
    static func fileWithALongLine(_ directory: TemporaryDirectory, long: Int) -> String {
        let path = directory.file("long.ndjson")
        let handle = fopen(path, "wb")!
        let first = Array("{\"a\":1}\n".utf8), last = Array("\n{\"c\":3}\n".utf8)
        _ = first.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        let block = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 16)
        var left = long
        while left > 0 {
            let n = min(left, block.count)
            _ = block.withUnsafeBytes { fwrite($0.baseAddress, 1, n, handle) }
            left -= n
        }
        _ = last.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        fclose(handle)
        return path
    }

    @Test(arguments: [64, 4096])
    func anOverlongImportLineIsRefusedWithoutReadingItWhole(chunk: Int) throws {
        let directory = TemporaryDirectory()
        let path = Self.fileWithALongLine(directory, long: 1 << 20)
        let file = try FileReader(path: path, chunk: chunk)
        var reader = LineReader(file, maximumLineBytes: 1024)
        var seen: [String] = []
        let error = nexoError {
            while try reader.next({ bytes, _ in seen.append(String(decoding: bytes, as: UTF8.self)) }) {}
        }
        #expect(error == NexoError(.invalidInput, "\(path):2: line is longer than 1 KiB", hint: Self.hint))
        #expect(seen == ["{\"a\":1}"])
        // What was held of the 1 MiB line: the limit and a line break, or the first chunk.
        #expect(file.buffer.count <= max(chunk, 1024 + 2), "held \(file.buffer.count) bytes")
    }

    @Test func aLineAtTheLimitIsAcceptedWithItsCRLF() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("t.ndjson")
        let line = String(repeating: "y", count: 100)
        let handle = fopen(path, "wb")!
        fputs(line + "\r\n" + line + "y\n", handle)
        fclose(handle)
        for chunk in [1, 7, 101, 4096] {
            var reader = LineReader(try FileReader(path: path, chunk: chunk), maximumLineBytes: 100)
            var seen: [Result<String, NexoError>] = []
            while try reader.nextLine({ bytes, _ in seen.append(bytes.map { String(decoding: $0, as: UTF8.self) }) }) {}
            #expect(seen == [.success(line), .failure(RecordLine.tooLongError(limit: 100))], "chunk \(chunk)")
        }
    }

    @Test func aLineByLineReaderReportsBadLinesAndGoesOn() throws {
        let directory = TemporaryDirectory()
        let path = Self.fileWithALongLine(directory, long: 5000)
        let latin1 = directory.file("latin1.ndjson")
        let handle = fopen(latin1, "wb")!
        let bytes = Array("{\"a\":\"Jos".utf8) + [0xE9] + Array("\"}\n{\"b\":2}\n".utf8)
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        fclose(handle)
        var seen: [String] = []
        for file in [path, latin1] {
            var reader = LineReader(try FileReader(path: file, chunk: 64), maximumLineBytes: 1024)
            while try reader.nextLine({ line, number in
                switch line {
                case .success(let text): seen.append("\(number): \(String(decoding: text, as: UTF8.self))")
                case .failure(let error): seen.append("\(number): \(error.message)")
                }
            }) {}
        }
        #expect(
            seen == [
                "1: {\"a\":1}", "2: line is longer than 1 KiB", "3: {\"c\":3}",
                "1: invalid UTF-8 at byte 10 of the line (0xE9)", "2: {\"b\":2}",
            ])
    }

    @Test func anNDJSONImportWithALineOverTheLimitStoresNothing() throws {
        let f = try Fixture()
        let path = f.directory.file("people.ndjson")
        let handle = fopen(path, "wb")!
        fputs(#"{"type":"entity","id":"P-1","kind":"person","label":"Ana"}"# + "\n", handle)
        fputs(#"{"type":"entity","id":"P-2","kind":"person","label":"Beto","properties":{"notes":""#, handle)
        let block = String(repeating: "z", count: 1 << 16)
        for _ in 0..<(RecordLine.maximumBytes >> 16) { fputs(block, handle) }
        fputs("\"}}\n", handle)
        fclose(handle)
        let error = nexoError {
            _ = try f.write("import") {
                try $0.importFile(path: path, format: .detect, skipInvalid: true, encoding: .strict) { _ in }
            }
        }
        #expect(error == NexoError(.invalidInput, "\(path):2: line is longer than 16 MiB", hint: Self.hint))
        #expect(try f.read { try $0.entity("P-1") } == nil)
    }
}
