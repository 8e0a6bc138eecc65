import Foundation
import Testing

/// Biographic parameters measured on the store's own people, through the real binary: measured by the first search
/// once there are 500 people, kept beside the store (0600), shown by `bio gallery stats`, measured again by
/// `bio calibrate` and after damage; and a probe whose surname and date of birth are both wrong still finds its
/// person through the postcode.
@Suite struct BiographicCalibrationEndToEndTests {
    static let given = ["Ana", "Luis", "Marta", "Jorge", "Sofia", "Pedro", "Elena", "Mario", "Rosa", "Carlos"]
    static let surnames = [
        "Quintero", "Valdivia", "Mazariegos", "Cifuentes", "Barahona", "Echeverria", "Landaverde", "Montoya",
        "Saravia", "Trejo", "Villeda", "Zuniga", "Alvarenga", "Bustillo", "Carcamo", "Dubon", "Espinal", "Figueroa",
    ]

    /// 600 people as import lines: person n has given name n % 10, surnames from n, a birth date and a postcode.
    static func people() -> String {
        (1...600).map { n in
            let given = given[n % given.count]
            let surnames = "\(surnames[n % surnames.count]) \(surnames[(n / 7) % surnames.count])"
            let born = String(format: "%04d-%02d-%02d", 1950 + n % 50, 1 + n % 12, 1 + n % 28)
            return """
                {"type":"entity","id":"P-\(n)","kind":"person","label":"\(given) \(surnames)","properties":\
                {"given_names":"\(given)","surnames":"\(surnames)","date_of_birth":"\(born)",\
                "postcode":"\(1000 + n)","address":"\(n) Calle Arce"}}
                """
        }.joined(separator: "\n") + "\n"
    }

    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(
            ["--plugin-dir", NexoProcess.binDirectory, "--db", "bio.db"] + arguments, directory: directory)
    }

    @Test func measuredKeptShownRemeasuredAndUsed() throws {
        let temp = try TemporaryDirectory()
        try temp.write("people.ndjson", Self.people())
        #expect(try nexo(["-c", "import people.ndjson"], in: temp.path).status == 0)
        let file = temp.path + "/bio.db.biographic-calibration"
        #expect(!FileManager.default.fileExists(atPath: file))

        // P-37: Mario Valdivia Echeverria, born 1987-02-10, postcode 1037; the probe misspells every name and the
        // date: only the address can bring P-37 among the candidates.
        let search =
            "bio identify --given Maryo --surnames 'Baldivja Echeverrya' --dob 1987-03-11 --postcode 1037 "
            + "--address '37 Calle Arce' --top 3"
        let probe = search + " | select rank person"
        let found = try nexo(["--format", "csv", "-c", probe], in: temp.path)
        #expect(found.status == 0, "\(found)")
        #expect(found.stdout.split(separator: "\n").dropFirst().first == "1,P-37", "\(found)")
        // Found by the postcode and by the start of a misspelt surname ("eche…"), not by the date of birth.
        let explained = try nexo(
            ["--format", "csv", "-c", search + " --explain-candidates | where person == P-37 | select rank found_by"],
            in: temp.path)
        #expect(explained.stdout == "rank,found_by\n1,name+postcode\n", "\(explained)")
        let summary = try nexo(["-c", search + " --explain-candidates"], in: temp.path)
        #expect(summary.stderr.contains(" people compared: ") && summary.stderr.contains(" by postcode"), "\(summary)")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let stats = try nexo(
            ["--format", "csv", "-c", "bio gallery stats | where modality == biographic"], in: temp.path)
        #expect(stats.stdout.contains("parameters measured on 600 of 600 people (u on 12000 random pairs"), "\(stats)")

        let calibrate = try nexo(["-c", "bio calibrate"], in: temp.path)
        #expect(calibrate.status == 0, "\(calibrate)")
        #expect(calibrate.stdout.contains("\nsurname\tclose\t"), "\(calibrate)")
        #expect((calibrate.stdout + calibrate.stderr).contains("measured on 600 of 600 people"), "\(calibrate)")

        // A damaged file is measured again, with a warning naming what is wrong.
        try temp.write("bio.db.biographic-calibration", "nexo biographic calibration 1\npeople 600\nchecksum 1\n")
        let again = try nexo(["--format", "csv", "-c", probe], in: temp.path)
        #expect(again.stdout.split(separator: "\n").dropFirst().first == "1,P-37", "\(again)")
        #expect(again.stderr.contains("the biographic calibration file is damaged: its checksum differs"), "\(again)")
        let rewritten = try String(contentsOfFile: file, encoding: .utf8)
        #expect(rewritten.hasPrefix("nexo biographic calibration 1\npeople 600\n"))
    }
}
