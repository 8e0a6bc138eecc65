import Glibc
import NexoKit
import NexoMatch

/// Rows of a CSV file with a header: fields may be quoted ("a, b"), quotes doubled inside.
func readCSV(_ path: String) -> (header: [String], rows: [[String]]) {
    var rows: [[String]] = []
    var row: [String] = [], field: [UInt8] = []
    var quoted = false, afterQuote = false
    let bytes = Array(readFile(path).utf8)
    var i = 0
    while i < bytes.count {
        let c = bytes[i]
        if quoted {
            if c == 0x22 {
                if i + 1 < bytes.count && bytes[i + 1] == 0x22 {
                    field.append(0x22); i += 1
                } else {
                    quoted = false; afterQuote = true
                }
            } else {
                field.append(c)
            }
        } else if c == 0x22 && field.isEmpty && !afterQuote {
            quoted = true
        } else if c == 0x2C {
            row.append(String(decoding: field, as: UTF8.self)); field = []; afterQuote = false
        } else if c == 0x0A {
            row.append(String(decoding: field, as: UTF8.self)); field = []; afterQuote = false
            rows.append(row); row = []
        } else if c != 0x0D {
            field.append(c)
        }
        i += 1
    }
    if !field.isEmpty || !row.isEmpty { row.append(String(decoding: field, as: UTF8.self)); rows.append(row) }
    guard let header = rows.first else { fail("\(path) is empty") }
    return (header, Array(rows.dropFirst()))
}

/// FEBRL's fields as a comparable record: names, date of birth, and the address fields as extras.
func febrlRecords(_ path: String) -> (ids: [String], records: [ComparableRecord]) {
    let (header, rows) = readCSV(path)
    func column(_ name: String) -> Int {
        guard let i = header.firstIndex(of: name) else { fail("\(path) has no column \(name)") }
        return i
    }
    let id = column("rec_id"), given = column("given_name"), surname = column("surname"), dob = column("date_of_birth")
    let extras: [(String, ExtraField.Kind)] = [
        ("street_number", .code), ("address_1", .text), ("address_2", .text),
        ("suburb", .text), ("postcode", .code), ("state", .code),
    ]
    let extraColumns = extras.map { column($0.0) }
    var ids: [String] = [], records: [ComparableRecord] = []
    for (n, row) in rows.enumerated() {
        guard row.count == header.count else {
            fail("\(path) line \(n + 2) has \(row.count) fields, expected \(header.count)")
        }
        ids.append(row[id])
        let fields = zip(extras, extraColumns).map { ExtraField(name: $0.0.0, kind: $0.0.1, value: row[$0.1]) }
        records.append(
            ComparableRecord(
                name: PersonName(given: row[given], surnames: row[surname]),
                dateOfBirth: DateAgreement.parse(row[dob]), extras: fields))
    }
    return (ids, records)
}

func runFebrl(_ args: [String]) {
    guard args.count >= 2 else { fail("febrl needs A.csv B.csv") }
    let start = now()
    let (idsA, a) = febrlRecords(args[0])
    let (idsB, b) = febrlRecords(args[1])
    let rules = [
        BlockingRule(.anyNamePhonetic), BlockingRule(.birthDate),
        BlockingRule(.extra("postcode", prefix: 0), .extra("street_number", prefix: 0)),
        BlockingRule(.extra("postcode", prefix: 0), .birthYear), BlockingRule(.extra("address_1", prefix: 0)),
    ]
    let linker = RecordLinker(rules: rules)
    if let truthPath = option("--truth", in: args) {
        let indexA = Dictionary(uniqueKeysWithValues: idsA.enumerated().map { ($1, $0) })
        let indexB = Dictionary(uniqueKeysWithValues: idsB.enumerated().map { ($1, $0) })
        let truth = readCSV(truthPath).rows.compactMap { row -> (probe: Int, record: Int)? in
            guard row.count == 2, let i = indexA[row[0]], let j = indexB[row[1]] else { return nil }
            return (probe: j, record: i)
        }
        let completeness = BlockingIndex(records: a, rules: rules).pairCompleteness(probes: b, truth: truth)
        writeError("blocking pair completeness: \(completeness) over \(truth.count) true pairs\n")
    }
    do {
        let result = try linker.link(left: a, right: b, estimate: true, oneToOne: args.contains("--one-to-one"))
        writeError(
            "candidate pairs: \(result.candidatePairs); links: \(result.links.count); threshold \(result.threshold); "
                + "EM prior \(result.comparator.model.priorMatchProbability); \(Int((now() - start) * 1000)) ms\n")
        for link in result.links { print("\(idsA[link.left]),\(idsB[link.right])") }
    } catch {
        fail("\(error)")
    }
}
