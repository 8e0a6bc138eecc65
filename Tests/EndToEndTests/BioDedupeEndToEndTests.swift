import Foundation
import Testing

/// `bio dedupe` through the real binary: among 600 distinct people (the calibration test's) and three second
/// records of stored people — one with a surname misspelt, one identical, one with a given name misspelt — it
/// reports exactly those three pairs, each its own cluster; `--record` links them with `same_as` edges carrying a
/// source, and `undo` removes the links and nothing else.
@Suite struct BioDedupeEndToEndTests {
    /// A second record of the people of lines 37, 120 and 250 of ``BiographicCalibrationEndToEndTests/people()``.
    static let duplicates = """
        {"type":"entity","id":"P-601","kind":"person","label":"Mario Baldivia Echeverria","properties":\
        {"given_names":"Mario","surnames":"Baldivia Echeverria","date_of_birth":"1987-02-10","postcode":"1037",\
        "address":"37 Calle Arce"}}
        {"type":"entity","id":"P-602","kind":"person","label":"Ana Alvarenga Figueroa","properties":\
        {"given_names":"Ana","surnames":"Alvarenga Figueroa","date_of_birth":"1970-01-09","postcode":"1120",\
        "address":"120 Calle Arce"}}
        {"type":"entity","id":"P-603","kind":"person","label":"Anna Espinal Figueroa","properties":\
        {"given_names":"Anna","surnames":"Espinal Figueroa","date_of_birth":"1950-11-27","postcode":"1250",\
        "address":"250 Calle Arce"}}

        """

    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(
            ["--plugin-dir", NexoProcess.binDirectory, "--db", "bio.db", "--format", "csv"] + arguments,
            directory: directory)
    }

    @Test func findsTheSecondRecordsRecordsLinksAndUndoes() throws {
        let temp = try TemporaryDirectory()
        try temp.write("people.ndjson", BiographicCalibrationEndToEndTests.people() + Self.duplicates)
        #expect(try nexo(["-c", "import people.ndjson"], in: temp.path).status == 0)
        let stored = try nexo(["-c", "find 'Mario Valdivia Echeverria' | select id"], in: temp.path)
        #expect(stored.stdout == "id\nP-37\n", "the fixture's person 37 is the one duplicated: \(stored)")

        // Strongest first, each pair its own cluster; the order among the three is the evidence's.
        func pairs(_ output: NexoProcess.Output) -> (clusters: [String], pairs: Set<String>) {
            let rows = output.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
            return (rows.map { String($0[0]) }, Set(rows.map { $0.dropFirst().joined(separator: ",") }))
        }
        let expected: Set<String> = ["P-120,P-602,hit", "P-37,P-601,hit", "P-250,P-603,hit"]
        let found = try nexo(
            ["-c", "bio dedupe --min-decision review | select cluster person linked_to decision"], in: temp.path)
        #expect(found.status == 0, "\(found)")
        #expect(pairs(found).clusters == ["1", "2", "3"] && pairs(found).pairs == expected, "\(found)")

        let unsourced = try nexo(["-c", "bio dedupe --record"], in: temp.path)
        #expect(unsourced.status != 0 && unsourced.stderr.contains("needs a source"), "\(unsourced)")

        let recorded = try nexo(
            ["-c", "bio dedupe --record --reported-by 'duplicate review' --grading B2"], in: temp.path)
        #expect(recorded.status == 0, "\(recorded)")
        #expect(recorded.stderr.contains("3 same_as links recorded"), "\(recorded)")
        let linked = try nexo(["-c", "neighbors P-37 --via same_as | select id"], in: temp.path)
        #expect(linked.stdout == "id\nP-601\n", "\(linked)")

        let undone = try nexo(["-c", "undo"], in: temp.path)
        #expect(undone.status == 0 && undone.stderr.contains("3 edges removed"), "\(undone)")
        let after = try nexo(["-c", "neighbors P-37 --via same_as | select id"], in: temp.path)
        #expect(after.stdout == "id\n", "\(after)")
        let again = try nexo(["-c", "bio dedupe | select cluster person linked_to decision"], in: temp.path)
        #expect(pairs(again).pairs == expected, "\(again)")
    }
}
