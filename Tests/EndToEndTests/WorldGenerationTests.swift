import Foundation
import Testing

/// `generate` through the real binary and plugins: byte-identical files for a seed, the same
/// world into a store as through `import`, clear refusals, nothing stored when refused.
@Suite struct WorldGenerationTests {
    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(["--plugin-dir", NexoProcess.binDirectory] + arguments, directory: directory)
    }

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func sameSeedWritesIdenticalFilesAndAnotherSeedDoesNot() throws {
        let temp = try TemporaryDirectory()
        for (dir, seed) in [("a", 7), ("b", 7), ("c", 8)] {
            let run = try nexo(
                ["--db", ":memory:", "-c", "generate --scale demo --seed \(seed) --out \(dir)"], in: temp.path)
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try bytes(temp.path + "/a/world.ndjson") == bytes(temp.path + "/b/world.ndjson"))
        #expect(try bytes(temp.path + "/a/truth.ndjson") == bytes(temp.path + "/b/truth.ndjson"))
        #expect(try bytes(temp.path + "/a/world.ndjson") != bytes(temp.path + "/c/world.ndjson"))
        // A change to what a seed produces must come with a new WorldGenerator.version: this
        // digest pins version 2's demo world for seed 7.
        let digest = try Self.sha256(temp.path + "/a/world.ndjson")
        #expect(
            digest == Self.demoSeed7Digest, "demo world changed: bump WorldGenerator.version and update this digest")
    }

    @Test func generatingIntoTheStoreEqualsImportingTheFiles() throws {
        let temp = try TemporaryDirectory()
        let direct = try nexo(
            ["--db", "direct.db", "-c", "generate --scale demo --seed 3 --truth t.ndjson; export direct.ndjson"],
            in: temp.path)
        #expect(direct.status == 0, "\(direct.stderr)")
        let files = try nexo(
            [
                "--db", "files.db", "-c",
                "generate --scale demo --seed 3 --out w; import w/world.ndjson --reported-by "
                    + "\"synthetic world (generate --scale demo --seed 3)\" --grading B2; export files.ndjson",
            ],
            in: temp.path)
        #expect(files.status == 0, "\(files.stderr)")
        // Every generated fact cites the world's source; the imported files cite the same, named at the import.
        #expect(try bytes(temp.path + "/direct.ndjson") == bytes(temp.path + "/files.ndjson"))
        #expect(
            try String(contentsOfFile: temp.path + "/direct.ndjson", encoding: .utf8).hasPrefix(
                #"{"type":"source","id":"S-1","description":"synthetic world (generate --scale demo --seed 3)""#))
        #expect(try bytes(temp.path + "/direct.ndjson").count > 100_000)
        #expect(try bytes(temp.path + "/t.ndjson") == bytes(temp.path + "/w/truth.ndjson"))
    }

    /// `generate` is the world-generator plugin's command: without it the host does not know it.
    @Test func generateNeedsTheWorldGeneratorPlugin() throws {
        let temp = try TemporaryDirectory()
        let bare = try NexoProcess.run(
            ["--no-plugins", "--db", "bare.db", "-c", "generate --scale demo --seed 1"], directory: temp.path)
        #expect(bare.status == 2)
        #expect(bare.stderr == Self.unknownGenerate, "\(bare.stderr)")
    }

    /// Alone, the plugin writes files but refuses a store without the gang and smuggling kinds.
    @Test func intoTheStoreGenerateNeedsTheGangAndSmugglingPlugins() throws {
        let temp = try TemporaryDirectory()
        let alone = try nexo(
            ["--plugin", "world-generator", "--db", "alone.db", "-c", "generate --scale demo --seed 1"], in: temp.path)
        #expect(alone.status == 1)
        #expect(alone.stderr == Self.missingKinds, "\(alone.stderr)")
        let files = try nexo(
            ["--plugin", "world-generator", "--db", ":memory:", "-c", "generate --scale demo --seed 7 --out w"],
            in: temp.path)
        #expect(files.status == 0, "\(files.stderr)")
        #expect(try Self.sha256(temp.path + "/w/world.ndjson") == Self.demoSeed7Digest)
    }

    /// `--out` makes its directory through the host: not over a file, not inside a missing one.
    @Test func outMakesOnlyItsOwnDirectory() throws {
        let temp = try TemporaryDirectory()
        try temp.write("f", "")
        let file = try nexo(["--db", ":memory:", "-c", "generate --out f"], in: temp.path)
        #expect(file.status == 1)
        #expect(
            file.stderr == "-c:1:1: error: 'f' exists and is not a directory; choose another directory\n"
                + "    generate --out f\n    ^\n", "\(file.stderr)")
        let nested = try nexo(["--db", ":memory:", "-c", "generate --out a/b"], in: temp.path)
        #expect(nested.status == 1)
        #expect(
            nested.stderr == "-c:1:1: error: cannot create directory 'a/b': No such file or directory\n"
                + "    generate --out a/b\n    ^\n", "\(nested.stderr)")
        #expect(try temp.read("f") == "")
    }

    @Test func refusesIntoAStoreThatHasTheIds() throws {
        let temp = try TemporaryDirectory()
        let first = try nexo(["--db", "w.db", "-c", "generate --scale demo --seed 1"], in: temp.path)
        #expect(first.status == 0)
        let second = try nexo(["--db", "w.db", "-c", "generate --scale demo --seed 2"], in: temp.path)
        #expect(second.status == 1)
        #expect(second.stderr.contains("the store already holds P-1"))
        let count = try nexo(["--db", "w.db", "-c", "runs | count"], in: temp.path)
        #expect(
            count.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("1"),
            "only the first generate ran: \(count.stdout)")
        let dry = try nexo(
            ["--db", "dry.db", "-c", "generate --scale demo --seed 1 --dry-run; find MS-13 | count"], in: temp.path)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasSuffix("\n0\n"), "a dry run stores nothing: \(dry.stdout)")
    }

    static let unknownGenerate = """
        -c:1:1: error: unknown command 'generate'; type 'help' for a list of commands
            generate --scale demo --seed 1
            ^

        """

    static let missingKinds = """
        -c:1:1: error: generate needs the gang-records and smuggling-networks plugins: kinds route, leg, \
        operates_in, rival_of, incarcerated_in, leg_of, departs_from, arrives_at, runs, operated, travelled, taxes, \
        payment_for, forged_for are not declared; load them (see 'plugins'), or write files with --out DIR
            generate --scale demo --seed 1
            ^

        """

    static let demoSeed7Digest = "a9c4871838156728ad3f9247572438edab2c14f957fcae730156f1d5ccd6ed05"

    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
