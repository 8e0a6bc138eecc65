import Foundation
import Testing

/// Output files through the real binary: never onto the store in use, never through a symbolic
/// link, always 0600; `--db` never creates a directory the user named; the REPL names its store.
@Suite struct OutputSafetyTests {
    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(["--plugin-dir", NexoProcess.binDirectory] + arguments, directory: directory)
    }

    /// A store `S.db` with two people, P-1 enrolled with a face, and `victim.txt`.
    private func prepare(_ temp: TemporaryDirectory) throws {
        var faces = BiometricLookupTests.Faces(state: 7)
        try BiometricLookupTests.Faces.write(faces.vector(), to: temp.path + "/p1.f32")
        try temp.write("victim.txt", "precious\n")
        let setup = try nexo(
            ["--db", "S.db", "-c", "add person Ana; add person Bob; bio enroll P-1 --face p1.f32"], in: temp.path)
        #expect(setup.status == 0, "\(setup)")
    }

    /// The store still answers with its two people and P-1's face.
    private func expectIntact(_ temp: TemporaryDirectory) throws {
        let check = try nexo(
            [
                "--db", "S.db", "--format", "csv", "-c",
                "find Ana | select id; find Bob | select id; bio gallery stats | where modality = face | "
                    + "select templates",
            ],
            in: temp.path)
        #expect(check.stdout == "id\nP-1\nid\nP-2\ntemplates\n1\n", "\(check)")
    }

    @Test(arguments: [
        ("export S.db --file-format ndjson", "'S.db' is the store in use ('S.db'); writing there would destroy it"),
        ("export ./S.db --file-format ndjson", "'./S.db' is the store in use ('S.db'); writing there would destroy it"),
        (
            "export S.db-wal --file-format ndjson",
            "'S.db-wal' is the write-ahead log of the store in use ('S.db'); writing there would corrupt it"
        ),
        (
            "export S.db-journal --file-format ndjson",
            "'S.db-journal' is the rollback journal of the store in use ('S.db'); writing there would corrupt it"
        ),
        ("export S.csv", "'S-edges.csv' is the store in use ('S.db'); writing there would destroy it"),
        ("record start S.db", "'S.db' is the store in use ('S.db'); writing there would destroy it"),
        ("bio export P-1 S.db --modality face", "'S.db' is the store in use ('S.db'); writing there would destroy it"),
        (
            "bio export P-1 hard.db --modality face",
            "'hard.db' is the store in use ('S.db'); writing there would destroy it"
        ),
    ])
    func writingOntoTheStoreInUseFailsAndLeavesItIntact(command: String, message: String) throws {
        let temp = try TemporaryDirectory()
        try prepare(temp)
        try FileManager.default.linkItem(atPath: temp.path + "/S.db", toPath: temp.path + "/hard.db")
        // The CSV export's edges file is the one that collides here: its store is S-edges.csv.
        let store = command == "export S.csv" ? "S-edges.csv" : "S.db"
        if store != "S.db" {
            #expect(try nexo(["--db", store, "-c", "add person Ana; add person Bob"], in: temp.path).status == 0)
        }
        let run = try nexo(["--db", store, "-c", command], in: temp.path)
        #expect(run.status == 1, "\(run)")
        #expect(
            run.stderr.contains(
                "error: " + message.replacing("('S.db')", with: "('\(store)')") + "; choose another file name\n"),
            "\(run)")
        try expectIntact(temp)
        if store != "S.db" {
            let check = try nexo(
                ["--db", store, "--format", "csv", "-c", "find Ana | select id; find Bob | select id"], in: temp.path)
            #expect(check.stdout == "id\nP-1\nid\nP-2\n", "\(check)")
            #expect(
                !FileManager.default.fileExists(atPath: temp.path + "/S.csv"),
                "the entities file is abandoned with the export")
        }
    }

    @Test(arguments: [
        "export out.ndjson", "record start out.ndjson", "bio export P-1 out.ndjson --modality face",
        "generate --scale demo --seed 1 --out w",
    ])
    func aSymbolicLinkIsRefusedAndItsTargetUntouched(command: String) throws {
        let temp = try TemporaryDirectory()
        try prepare(temp)
        try FileManager.default.createDirectory(atPath: temp.path + "/w", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: temp.path + "/out.ndjson", withDestinationPath: "victim.txt")
        try FileManager.default.createSymbolicLink(
            atPath: temp.path + "/w/world.ndjson", withDestinationPath: "../victim.txt")
        let run = try nexo(["--db", command.hasPrefix("generate") ? ":memory:" : "S.db", "-c", command], in: temp.path)
        let link = command.hasPrefix("generate") ? "w/world.ndjson" : "out.ndjson"
        #expect(run.status == 1, "\(run)")
        #expect(
            run.stderr.contains(
                "error: '\(link)' is a symbolic link; Nexo does not write through links; remove it or choose "
                    + "another name\n"
            ),
            "\(run)")
        #expect(try temp.read("victim.txt") == "precious\n")
        #expect(
            !FileManager.default.fileExists(atPath: temp.path + "/w/truth.ndjson"),
            "a refused generate writes no truth either")
        try expectIntact(temp)
    }

    @Test func everyKindOfOutputIsCreatedPrivately() throws {
        let temp = try TemporaryDirectory()
        try prepare(temp)
        let commands =
            "export all.ndjson; export all.csv; bio export P-1 face.f32 --modality face; record start rec.nexo; find "
            + "person | count; record stop"
        let outputs = try nexo(["--db", "S.db", "-c", commands], in: temp.path)
        #expect(outputs.status == 0, "\(outputs)")
        let world = try nexo(["--db", ":memory:", "-c", "generate --scale demo --seed 1 --out w"], in: temp.path)
        #expect(world.status == 0, "\(world)")
        let truth = try nexo(
            ["--db", "g.db", "-c", "generate --scale demo --seed 1 --truth truth.ndjson"], in: temp.path)
        #expect(truth.status == 0, "\(truth)")
        for name in [
            "all.ndjson", "all.csv", "all-edges.csv", "face.f32", "rec.nexo", "w/world.ndjson", "w/truth.ndjson",
            "truth.ndjson",
        ] {
            let mode =
                try FileManager.default.attributesOfItem(atPath: temp.path + "/" + name)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name): \(mode.map { String($0, radix: 8) } ?? "missing")")
        }
    }

    @Test func aDryRunOfGenerateLeavesTheTruthFileAlone() throws {
        let temp = try TemporaryDirectory()
        try temp.write("truth.ndjson", "kept\n")
        let dry = try nexo(
            ["--db", "g.db", "-c", "generate --scale demo --seed 1 --truth truth.ndjson --dry-run"], in: temp.path)
        #expect(dry.status == 0, "\(dry)")
        #expect(try temp.read("truth.ndjson") == "kept\n")
    }

    @Test func aMissingStoreDirectoryIsRefusedAndNotCreated() throws {
        let temp = try TemporaryDirectory()
        let path = temp.path + "/missing/dir/x.db"
        let run = try NexoProcess.run(["--db", path, "-c", "find person x"], directory: temp.path)
        #expect(run.status == 3, "\(run)")
        // The store opens when the first command needs it, so the error points at that command.
        #expect(
            run.stderr
                == ("-c:1:1: error: cannot open the store '\(path)': the directory '\(temp.path)/missing/dir' does not "
                    + "exist; create it first, or choose another store path (--db)\n    find person x\n    ^\n"))
        #expect(run.stdout == "")
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/missing"))
        let fromEnvironment = try NexoProcess.run(
            ["-c", "find person x"], directory: temp.path, environment: ["NEXO_DB": path])
        #expect(fromEnvironment.status == 3, "\(fromEnvironment)")
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/missing"))
    }

    /// A start that runs no store command (an empty `-c`, `help`, `plugins`) does not open the store:
    /// no file is created and a missing directory is not an error yet.
    @Test func aStartThatNeedsNoStoreLeavesItUnopened() throws {
        let temp = try TemporaryDirectory()
        for script in ["", "help find", "plugins"] {
            let run = try NexoProcess.run(["--db", temp.path + "/s.db", "-c", script], directory: temp.path)
            #expect(run.status == 0, "\(run)")
            let missing = try NexoProcess.run(
                ["--db", temp.path + "/missing/x.db", "-c", script], directory: temp.path)
            #expect(missing.status == 0, "\(missing)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).filter { $0.hasPrefix("s.db") } == [])
        let used = try NexoProcess.run(["--db", temp.path + "/s.db", "-c", "add person Ana"], directory: temp.path)
        #expect(used.status == 0, "\(used)")
        #expect(FileManager.default.fileExists(atPath: temp.path + "/s.db"))
    }

    @Test func nexosOwnDefaultDirectoryIsCreatedPrivately() throws {
        let temp = try TemporaryDirectory()
        let run = try NexoProcess.run(["-c", "add person Ana"], directory: temp.path)
        #expect(run.status == 0, "\(run)")
        let mode = try FileManager.default.attributesOfItem(atPath: temp.path + "/.nexo")[.posixPermissions] as? Int
        #expect(mode == 0o700)
        #expect(FileManager.default.fileExists(atPath: temp.path + "/.nexo/nexo.db"))
    }
}

/// The REPL's banner says which store the session works on.
@Suite(.enabled(if: TerminalSession.isAvailable, TerminalSession.unavailableComment))
struct StoreBannerTerminalTests {
    @Test func theBannerNamesTheStoreItsEntitiesAndSchemaVersion() async throws {
        let temp = try TemporaryDirectory()
        #expect(
            try NexoProcess.run(["--db", "s.db", "-c", "add person Ana; add person Bob"], directory: temp.path).status
                == 0)
        let session = try TerminalSession(
            [NexoProcess.executable, "--no-plugins", "--db", "s.db"],
            environment: NexoProcess.environment(home: temp.path), directory: temp.path)
        defer { session.close() }
        let resolved = URL(fileURLWithPath: temp.path).resolvingSymlinksInPath().path + "/s.db"
        let screen = try await session.waitFor("nexo> ")
        #expect(screen.contains("Store: \(resolved) (2 entities, schema version "), "\(screen)")
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
    }
}
