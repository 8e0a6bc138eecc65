import Foundation
import Testing

/// The face index file through the real binary: the first process that searches a gallery of 1,000+ faces
/// writes `<db>.face-index`, later processes open it and answer the same, an enrolment since is loaded from the
/// store, an undo is found by the next process without a rebuild, and a damaged file is said and rebuilt.
@Suite struct FaceIndexFileEndToEndTests {
    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(
            ["--plugin-dir", NexoProcess.binDirectory, "--db", "bio.db"] + arguments, directory: directory)
    }

    private func faceIndexNote(in directory: String) throws -> String {
        let stats = try nexo(
            ["--format", "csv", "-c", "bio gallery stats | where modality = face | select index"], in: directory)
        return stats.stdout
    }

    /// 1,001 people in `bio.db` under `temp`, the first 1,000 with a face; returns every person's face.
    private func gallery(in temp: TemporaryDirectory, faces: inout BiometricLookupTests.Faces) throws -> [[Float]] {
        var people = ""
        var enrolment = ""
        var vectors: [[Float]] = []
        for n in 1...1_001 {
            people += "{\"type\":\"entity\",\"id\":\"P-\(n)\",\"kind\":\"person\",\"label\":\"Person \(n)\"}\n"
            let vector = faces.vector()
            vectors.append(vector)
            if n <= 1_000 {
                enrolment +=
                    "{\"person\":\"P-\(n)\",\"face\":[" + vector.map { "\($0)" }.joined(separator: ",") + "]}\n"
            }
        }
        try temp.write("people.ndjson", people)
        try temp.write("faces.ndjson", enrolment)
        #expect(try nexo(["-c", "import people.ndjson"], in: temp.path).status == 0)
        #expect(try nexo(["-c", "bio import faces.ndjson"], in: temp.path).status == 0)
        return vectors
    }

    @Test func laterProcessesOpenTheFileTheFirstWrote() throws {
        let temp = try TemporaryDirectory()
        var faces = BiometricLookupTests.Faces(state: 7)
        let vectors = try gallery(in: temp, faces: &faces)
        try BiometricLookupTests.Faces.write(
            zip(vectors[411], faces.vector()).map { $0 + 0.4 * $1 }, to: temp.path + "/probe.f32")
        try BiometricLookupTests.Faces.write(vectors[1_000], to: temp.path + "/new.f32")
        let identify = ["--format", "csv", "-c", "bio identify --face probe.f32 --top 3 | select rank person fused"]

        let first = try nexo(identify, in: temp.path)
        #expect(first.status == 0 && first.stdout.contains("1,P-412,"), "\(first)")
        let file = temp.path + "/bio.db.face-index"
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try faceIndexNote(in: temp.path).contains("bio.db.face-index"))

        let second = try nexo(identify, in: temp.path)
        #expect(second.stdout == first.stdout)
        #expect(try faceIndexNote(in: temp.path).contains("opened by this process, current"))
        let verified = try nexo(
            ["--format", "csv", "-c", "bio index verify | select modality templates newest_template current"],
            in: temp.path)
        #expect(verified.stdout == "modality,templates,newest_template,current\nface,1000,1000,true\n", "\(verified)")

        // Enrolled since: loaded from the store beside the file.
        #expect(try nexo(["-c", "bio enroll P-1001 --face new.f32"], in: temp.path).status == 0)
        let found = try nexo(
            ["--format", "csv", "-c", "bio identify --face new.f32 --top 1 | select person"], in: temp.path)
        #expect(found.stdout == "person\nP-1001\n", "\(found)")
        #expect(try faceIndexNote(in: temp.path).contains("1 faces added since"))

        // Undone: the next process compares the file's rows with the store (no rebuild) and answers without it.
        #expect(try nexo(["-c", "undo"], in: temp.path).status == 0)
        let gone = try nexo(
            ["--format", "csv", "-c", "bio identify --face new.f32 --top 1 | select person"], in: temp.path)
        #expect(gone.stdout != "person\nP-1001\n", "\(gone)")
        #expect(try faceIndexNote(in: temp.path).contains("opened by this process, current"))
        // The comparison was recorded beside the file: current again, with its changes.
        let afterUndo = try nexo(["--format", "csv", "-c", "bio index verify | select current state"], in: temp.path)
        #expect(
            afterUndo.status == 0 && afterUndo.stdout.contains("true,\"current; every checksum right"), "\(afterUndo)")
        #expect(FileManager.default.fileExists(atPath: file + "-changes"))

        // Damaged: said, rebuilt, the same answer.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count - 1] ^= 0xFF
        try FileManager.default.removeItem(atPath: file)
        try bytes.write(to: URL(fileURLWithPath: file))
        let broken = try nexo(["-c", "bio index verify"], in: temp.path)
        #expect(broken.status == 1 && broken.stderr.contains("bio.db.face-index' is damaged"), "\(broken)")
        let repaired = try nexo(identify, in: temp.path)
        #expect(repaired.stdout == first.stdout)
        #expect(repaired.stderr.contains("cannot be used") && repaired.stderr.contains("rebuilt from the store"))

        // An operator's rebuild: the file written again, the changes beside it dropped, verified.
        let rebuilt = try nexo(
            [
                "--format", "csv", "-c",
                "bio index rebuild | select templates current; bio index verify | select current",
            ],
            in: temp.path)
        #expect(rebuilt.status == 0 && rebuilt.stdout == "templates,current\n1000,true\ncurrent\ntrue\n", "\(rebuilt)")
        #expect(!FileManager.default.fileExists(atPath: file + "-changes"))
        #expect(try nexo(identify, in: temp.path).stdout == first.stdout)
    }

    /// Two processes search while a third replaces faces and enrols a new one: every search answers, each finds
    /// its own person first, and afterwards a fresh process finds the new face and the replaced ones.
    @Test func twoProcessesSearchWhileAThirdEnrols() async throws {
        let temp = try TemporaryDirectory()
        var faces = BiometricLookupTests.Faces(state: 11)
        let vectors = try gallery(in: temp, faces: &faces)
        #expect(try nexo(["-c", "bio index rebuild"], in: temp.path).status == 0)
        for person in [100, 200] {
            try BiometricLookupTests.Faces.write(vectors[person - 1], to: temp.path + "/probe-\(person).f32")
        }
        var enrol: [String] = []
        for person in 1...20 {
            try BiometricLookupTests.Faces.write(faces.vector(), to: temp.path + "/new-\(person).f32")
            enrol.append("bio enroll P-\(person) --face new-\(person).f32")
        }
        try BiometricLookupTests.Faces.write(vectors[1_000], to: temp.path + "/p1001.f32")
        enrol.append("bio enroll P-1001 --face p1001.f32")
        try temp.write("enrol.nexo", enrol.joined(separator: "\n") + "\n")
        for person in [100, 200] {
            let searches = (0..<20).map { _ in "bio identify --face probe-\(person).f32 --top 1 | select person" }
            try temp.write("search-\(person).nexo", searches.joined(separator: "\n") + "\n")
        }
        let directory = temp.path
        func run(_ arguments: [String]) async throws -> NexoProcess.Output {
            try await Task.detached {
                try NexoProcess.run(
                    ["--plugin-dir", NexoProcess.binDirectory, "--db", "bio.db"] + arguments, directory: directory)
            }.value
        }
        async let searching100 = run(["--format", "csv", "run", "search-100.nexo"])
        async let searching200 = run(["--format", "csv", "run", "search-200.nexo"])
        async let enrolling = run(["run", "enrol.nexo"])
        let (first, second, enrolled) = try await (searching100, searching200, enrolling)
        #expect(enrolled.status == 0, "\(enrolled)")
        #expect(first.status == 0 && first.stdout == String(repeating: "person\nP-100\n", count: 20), "\(first)")
        #expect(second.status == 0 && second.stdout == String(repeating: "person\nP-200\n", count: 20), "\(second)")
        let after = try nexo(
            [
                "--format", "csv", "-c",
                "bio identify --face p1001.f32 --top 1 | select person; "
                    + "bio identify --face new-7.f32 --top 1 | select person",
            ], in: temp.path)
        #expect(after.stdout == "person\nP-1001\nperson\nP-7\n", "\(after)")
    }
}
