import NexoFiles
import NexoKit
import Testing

@testable import NexoStore

@Suite struct RecordReaderTests {
    static let csv = "a,b,c\r\n\"x,1\",\"he said \"\"hi\"\"\",\n\n\"multi\nline\",,last\nno,newline,at end"

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func csvRecordsSurviveAnyChunkBoundary(_ chunk: Int) throws {
        let directory = TemporaryDirectory()
        let path = try directory.write("t.csv", Self.csv)
        var reader = CSVRecordReader(try FileReader(path: path, chunk: chunk))
        var records: [[String]] = []
        var lines: [Int] = []
        while try reader.next() {
            records.append((0..<reader.fieldCount).map { reader.string($0) })
            lines.append(reader.line)
        }
        #expect(
            records == [
                ["a", "b", "c"], ["x,1", "he said \"hi\"", ""], ["multi\nline", "", "last"],
                ["no", "newline", "at end"],
            ])
        #expect(lines == [1, 2, 4, 6])
    }

    @Test(arguments: [1, 5, 4096])
    func linesSurviveAnyChunkBoundary(_ chunk: Int) throws {
        let directory = TemporaryDirectory()
        let path = try directory.write("t.ndjson", "{\"a\":1}\r\n\n  \n{\"b\":\"ü\"}\n{\"c\":3}")
        var reader = LineReader(try FileReader(path: path, chunk: chunk))
        var seen: [(String, Int)] = []
        while try reader.next({ bytes, line in seen.append((String(decoding: bytes, as: UTF8.self), line)) }) {}
        #expect(seen.map(\.0) == ["{\"a\":1}", "{\"b\":\"ü\"}", "{\"c\":3}"])
        #expect(seen.map(\.1) == [1, 4, 5])
    }

    @Test func jsonReaderHandlesEscapesAndRejectsJunk() throws {
        guard
            case .object(let members) = try JSONReader.parse(
                #"{"s":"a\"b\\c\n\u00e9\ud83d\ude00","n":-1.5e3,"t":true,"z":null,"a":[1,"x"]}"#)
        else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["s", "n", "t", "z", "a"])
        if case .string(let s) = members[0].value { #expect(s == "a\"b\\c\né😀") } else { Issue.record("s") }
        if case .number(let n) = members[1].value { #expect(n == "-1.5e3") } else { Issue.record("n") }
        for junk in ["{", "{\"a\":}", "[1,]", "\"\u{1}\"", "01", "{\"a\":1} x", String(repeating: "[", count: 100)] {
            #expect(throws: JSONSyntaxError.self) { _ = try JSONReader.parse(junk) }
        }
    }

    @Test func jsonWriterEscapesControlCharactersAndQuotes() {
        var writer = JSONWriter()
        writer.object([
            "b": .string("x\"y\\z\n\t\u{1}é"), "a": .double(0.1), "c": .bool(true),
            "d": .date(CivilDate(year: 2024, month: 2, day: 29)!),
        ])
        #expect(writer.text == #"{"a":0.1,"b":"x\"y\\z\n\t\u0001é","c":true,"d":"2024-02-29"}"#)
    }

    @Test func propertyDecoderAgreesWithTheGeneralReader() throws {
        let table = PropertyTable(owner: "person", properties: TestSchema.contribution.entityKinds[0].properties)
        for json in [
            #"{}"#, #"{"children":3,"date_of_birth":"1990-01-31","height":1.8,"sex":"F"}"#,
            #"{"deceased":false,"given_names":"Ana \"La\""}"#, #"{"height":2,"unknown":"x","zzz":12.5}"#,
        ] {
            var text = json
            let decoded = text.withUTF8 { SchemaTables.decode($0, table) }
            var writer = JSONWriter()
            writer.object(decoded)
            #expect(writer.text == json.replacingOccurrencesOfHeight())
        }
    }
}

private extension String {
    /// The general reader types `2` as an int when the schema says double; Nexo stores it as 2.0.
    func replacingOccurrencesOfHeight() -> String { replacing("\"height\":2,", with: "\"height\":2.0,") }
}
