import Foundation
import Testing

/// Docs that run: every example in every command's help (core and in-tree plugins), and every ```nexo block of
/// the README and `docs/language.md`, run through the real binary on a fresh copy of the demo store (built by
/// `Scripts/examples/demo-seed.nexo`, in the case SV-2026-0141), and must succeed.
///
/// An example runs in a directory holding the files a user would have at hand: captures made with `bio synth`
/// (`p12.f32`, `p12-right.iris`, `p12-index.ist`, then a second capture as `probe.f32`, `probe.ist`), a day of
/// encounters (`today.ndjson`, `encounters.ndjson`: `Scripts/examples/el-amatillo-day.ndjson`), enrolment lines,
/// a few people and links to import, a Latin-1 file, a small script, and `Scripts` (the repository's, as from the
/// demo's working directory). An example that acts on what another command started runs after that command
/// (`preambles`); `generate` fills a store of its own, so its examples run on an empty one.
@Suite struct DocumentationExamplesTests {
    /// What an example of these commands needs to have happened first, in the same session.
    static let preambles: [String: String] = [
        "bio alerts": "bio watch add --gang MS-13",
        "bio watch remove": "bio watch add --gang MS-13\nbio watch add --network G-14",
        "bio export": "bio enroll P-12 --face p12.f32 --finger p12-index.ist --iris p12-right.iris",
        "bio verify": "bio enroll P-12 --face p12.f32 --finger p12-index.ist --iris p12-right.iris",
        "bio feed status": "bio feed start today.ndjson\nbio feed start encounters.ndjson",
        "bio feed wait": "bio feed start today.ndjson\nbio feed start encounters.ndjson",
        "bio feed stop": "bio feed start today.ndjson --follow",
        "record stop": "record start session.nexo",
    ]
    /// Commands whose examples write a store from nothing.
    static let emptyStore: Set<String> = ["generate"]
    /// Examples that need what a test cannot stand in for, each with the reason.
    static let notRun: [String: String] = [
        "bio feed start la-hachadura.fifo --follow": "reads a FIFO another system keeps writing to"
    ]

    /// The demo store and the files beside it, made once for every test of the suite.
    static let workspace: Result<String, Error> = Result { try makeWorkspace() }

    static func makeWorkspace() throws -> String {
        let prefix = "nexo-docs-examples-"
        // The workspace outlives the suite (a static); remove those of test processes that have ended.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? []
        where name.hasPrefix(prefix) {
            if let pid = pid_t(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + name)
            }
        }
        let path = NSTemporaryDirectory() + prefix + "\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let seed = try nexo(["run", NexoProcess.packageRoot + "/Scripts/examples/demo-seed.nexo"], in: path)
        guard seed.status == 0 else { throw WorkspaceError(what: "seeding the demo store", output: seed) }
        let captures = try nexo(
            [
                "-c",
                "bio synth P-12 --face p12.f32 --iris p12-right.iris --finger p12-index.ist\n"
                    + "bio synth P-12 --capture 2 --face probe.f32 --finger probe.ist",
            ], in: path)
        guard captures.status == 0 else { throw WorkspaceError(what: "bio synth", output: captures) }
        let day = try String(
            contentsOfFile: NexoProcess.packageRoot + "/Scripts/examples/el-amatillo-day.ndjson", encoding: .utf8)
        let files: [String: String] = [
            "today.ndjson": day, "encounters.ndjson": day,
            "partner-enrolments.ndjson": #"{"person": "P-12", "face_file": "p12.f32"}"# + "\n",
            "faces.ndjson": #"{"person": "P-12", "face_file": "p12.f32"}"# + "\n"
                + #"{"person": "P-13", "face_file": "missing.f32"}"# + "\n",
            "people.ndjson": #"{"type": "entity", "id": "P-9001", "kind": "person", "label": "Ana Prueba"}"# + "\n"
                + #"{"type": "edge", "kind": "member_of", "from": "P-9001", "to": "G-12"}"# + "\n",
            "edges.txt": "kind,from,to,valid_from,valid_to,confidence\nknows,P-12,P-13,2024-01-01,,0.8\n",
            "weekly.nexo": "# usage: nexo run weekly.nexo --param network=G-…\nshow $network\n",
        ]
        for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        // A file in Latin-1, as old partner systems write them: "Peña" with 0xF1.
        let latin1 = Data("id,kind,label\nP-9002,person,Pe".utf8) + Data([0xF1]) + Data("a\n".utf8)
        try latin1.write(to: URL(fileURLWithPath: path + "/latin1.csv"))
        try FileManager.default.createSymbolicLink(
            atPath: path + "/Scripts", withDestinationPath: NexoProcess.packageRoot + "/Scripts")
        return path
    }

    struct WorkspaceError: Error, CustomStringConvertible {
        var what: String
        var output: NexoProcess.Output
        var description: String { "\(what) failed: \(output)" }
    }

    static func nexo(_ arguments: [String], in directory: String, db: String = "demo.db") throws -> NexoProcess.Output {
        try NexoProcess.run(["--plugin-dir", NexoProcess.binDirectory, "--db", db] + arguments, directory: directory)
    }

    /// A directory of its own for one example: the workspace's files copied (the demo store too, unless the
    /// example needs an empty store), so examples that write change nothing another sees.
    static func scratch(withStore: Bool) throws -> TemporaryDirectory {
        let workspace = try Self.workspace.get()
        let temp = try TemporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: workspace) {
            guard withStore || !name.hasPrefix("demo.db") else { continue }
            let from = workspace + "/" + name, to = temp.path + "/" + name
            if name == "Scripts" {
                try FileManager.default.createSymbolicLink(
                    atPath: to, withDestinationPath: NexoProcess.packageRoot + "/Scripts")
            } else {
                try FileManager.default.copyItem(atPath: from, toPath: to)
            }
        }
        return temp
    }

    /// Every command `help` lists.
    static let commands: [String] = {
        guard let workspace = try? Self.workspace.get(),
            let listed = try? nexo(["--format", "tsv", "-c", "help"], in: workspace)
        else { return [] }
        return listed.stdout.split(separator: "\n").dropFirst().compactMap { line in
            line.split(separator: "\t").first.map(String.init)
        }
    }()

    /// The examples `help <command>` shows.
    static func examples(of command: String) throws -> [String] {
        let help = try nexo(["-c", "help \(command)"], in: try Self.workspace.get())
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "examples:") else { return [] }
        return lines[(start + 1)...].prefix { $0.hasPrefix("  ") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func theWorkspaceIsBuiltAndHelpListsTheCommands() throws {
        _ = try Self.workspace.get()
        #expect(Self.commands.count > 80, "help listed \(Self.commands.count) commands")
        for expected in ["add", "find", "gang members", "smuggling payments", "bio identify", "link path", "note add"] {
            #expect(Self.commands.contains(expected), "help does not list \(expected)")
        }
    }

    @Test(arguments: commands)
    func everyHelpExampleRuns(command: String) throws {
        for example in try Self.examples(of: command) where Self.notRun[example] == nil {
            let fresh = Self.emptyStore.contains(command)
            let temp = try Self.scratch(withStore: !fresh)
            let script = [Self.preambles[command], example].compactMap { $0 }.joined(separator: "\n")
            let output = try Self.nexo(
                fresh ? ["-c", script] : ["--case", "SV-2026-0141", "-c", script], in: temp.path)
            #expect(output.status == 0, "help \(command): '\(example)' failed: \(output)")
        }
    }

    /// The fenced ```nexo blocks of a Markdown file, each with the line it starts on.
    static func nexoBlocks(in relativePath: String) throws -> [(line: Int, text: String)] {
        let text = try String(contentsOfFile: NexoProcess.packageRoot + "/" + relativePath, encoding: .utf8)
        var blocks: [(line: Int, text: String)] = []
        var current: (line: Int, lines: [String])?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let block = current {
                if trimmed == "```" {
                    blocks.append((block.line, block.lines.joined(separator: "\n") + "\n"))
                    current = nil
                } else {
                    current?.lines.append(String(line))
                }
            } else if trimmed == "```nexo" {
                current = (number + 1, [])
            }
        }
        return blocks
    }

    @Test(arguments: ["README.md", "docs/language.md"])
    func everyNexoBlockOfTheDocsRuns(document: String) throws {
        let blocks = try Self.nexoBlocks(in: document)
        #expect(!blocks.isEmpty, "\(document) has no ```nexo block")
        for block in blocks {
            let temp = try Self.scratch(withStore: true)
            try temp.write("block.nexo", block.text)
            let output = try Self.nexo(["--case", "SV-2026-0141", "run", "block.nexo"], in: temp.path)
            #expect(output.status == 0, "\(document):\(block.line): the block failed: \(output)")
        }
    }
}
