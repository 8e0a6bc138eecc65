import NexoKit
import Testing

@testable import NexoShell

/// A shell on a throw-away store, with captured output, no plugins and a fixed clock.
func makeShell(policy: any AccessPolicy = OpenAccessPolicy(), egress: any EgressGate = LocalExportGate()) throws -> (
    Shell, CapturedText
) {
    var options = ShellOptions(
        databasePath: ":memory:", user: "tester", executableDirectory: "/nonexistent", environment: [:])
    options.noPlugins = true
    options.clock = FixedClock("2026-11-29T12:00:00Z")
    let sink = CapturedText()
    return (try Shell(options: options, sink: sink, policy: policy, egressGate: egress), sink)
}

struct DenyWrites: AccessPolicy {
    func authorize(_ request: CommandRequest) throws(NexoError) {
        if request.spec.writes { throw NexoError(.denied, "\(request.user) may not run '\(request.spec.name)'") }
    }
}

struct NoExports: EgressGate {
    func allow(_ request: CommandRequest, destination: String) throws(NexoError) {
        throw NexoError(.denied, "exports to \(destination) are not allowed")
    }
}

@Suite struct ShellTests {
    @Test func commandsRunAndRenderAsTSVOffATerminal() throws {
        let (shell, out) = try makeShell()
        #expect(
            shell.run(source: "add person \"Ana Pérez\" --alias Flaca; find flaca | select id label", file: nil)
                == .success)
        #expect(out.stdout == "id\tkind\tlabel\nP-1\tperson\tAna Pérez\nid\tlabel\nP-1\tAna Pérez\n")
        #expect(out.stderr == "added P-1\n")
    }

    @Test func theAccessPolicyIsAskedBeforeTheStoreIsTouched() throws {
        let (shell, out) = try makeShell(policy: DenyWrites())
        #expect(shell.run(source: "add person Ana", file: "t.nexo") == .denied)
        #expect(out.stderr == "t.nexo:1:1: error: tester may not run 'add'\n    add person Ana\n    ^\n")
        #expect(shell.run(source: "find ana", file: nil) == .success)
        #expect(out.stdout == "id\tkind\tlabel\tmatched\tscore\n")
    }

    @Test func exportsPassTheEgressGate() throws {
        let (shell, out) = try makeShell(egress: NoExports())
        #expect(shell.run(source: "add person Ana; export /tmp/never-written.ndjson", file: nil) == .denied)
        #expect(out.stderr.contains("error: exports to /tmp/never-written.ndjson are not allowed"))
    }

    @Test func dryRunChangesNothingAndUndoRevertsTheLastWrite() throws {
        let (shell, out) = try makeShell()
        #expect(shell.run(source: "add person Ana --dry-run; find person ana | count", file: nil) == .success)
        #expect(out.stdout.hasSuffix("count\n0\n"))
        // The user's own entry is the new entity's source (no --source given): recorded with it, rolled back with it.
        #expect(out.stderr.contains("dry run: would make 1 entity added, 1 source added; nothing was changed"))
        #expect(
            shell.run(
                source: "add person Ana; add person Bob; undo; find person bob | count; find person ana | count",
                file: nil) == .success)
        #expect(out.stdout.hasSuffix("count\n0\ncount\n1\n"))
        #expect(shell.run(source: "find ana --dry-run", file: nil) == .usage)
    }

    @Test func variablesHoldTablesAndPipesCarryTypedRows() throws {
        let (shell, out) = try makeShell()
        let script = """
            add person Ana; add person Bob; add group Norte
            link add P-1 member_of G-1; link add P-2 member_of G-1 --confidence 0.5
            let crew = neighbors G-1
            $crew | where distance = 1 | sort -id | select id
            $crew | count
            """
        #expect(shell.run(source: script, file: nil) == .success)
        #expect(out.stdout.hasSuffix("id\nP-2\nP-1\ncount\n2\n"))
    }

    @Test func aCommandThatReadsNoInputRefusesAPipe() throws {
        let (shell, out) = try makeShell()
        #expect(shell.run(source: "add person Ana; find ana | show P-1", file: "p.nexo") == .usage)
        #expect(out.stderr.contains("p.nexo:1:28: error: 'show' does not read from a pipe"))
    }

    @Test func settingsAndTiming() throws {
        let (shell, out) = try makeShell()
        #expect(shell.run(source: "set format json; set timing on; case list", file: nil) == .success)
        #expect(out.stdout == "[]\n")
        #expect(out.stderr.contains("time: "))
        #expect(shell.run(source: "set format yaml", file: nil) == .usage)
        #expect(out.stderr.contains("unknown format 'yaml'"))
    }

    @Test func keepGoingRunsEveryStatementAndReportsTheFirstFailure() throws {
        let (shell, _) = try makeShell()
        #expect(shell.run(source: "show P-1; gnag; add person Ana", file: nil, keepGoing: true) == .notFound)
        #expect(shell.run(source: "show P-1", file: nil) == .success)
    }

    @Test func casesSetThePromptAndStampRuns() throws {
        let (shell, out) = try makeShell()
        #expect(shell.prompt == "nexo> ")
        #expect(
            shell.run(
                source: "case open SV-1 --title T --purpose test; add person Ana; runs --limit 1 | select case user",
                file: nil) == .success)
        #expect(shell.prompt == "nexo[SV-1]> ")
        #expect(out.stdout.hasSuffix("case\tuser\nSV-1\ttester\n"))
        #expect(shell.run(source: "case open \"bad id; drop\"", file: nil) == .usage)
    }

    @Test func helpComesFromTheSpecs() throws {
        let (shell, out) = try makeShell()
        #expect(shell.run(source: "help link add", file: nil) == .success)
        #expect(out.stdout.hasPrefix("usage: link add <from> <kind> <to> [--since date] [--until date]"))
        #expect(shell.run(source: "help lnk add", file: nil) == .notFound)
        #expect(out.stderr.contains("Did you mean 'link add'?"))
    }
}

@Suite struct TableFilterTests {
    let table = ResultTable(
        columns: [Column("id", .string), Column("score", .double), Column("born", .date)],
        rows: [
            [.string("a"), .double(0.5), .date(CivilDate(year: 1990, month: 1, day: 1)!)],
            [.string("b"), .double(0.9), .null],
            [.string("c"), .double(0.5), .date(CivilDate(year: 1985, month: 6, day: 1)!)],
        ])

    @Test func whereComparesByColumnType() throws {
        #expect(
            try TableFilters.filter(table, column: "score", op: ">", literal: "0.6").rows.map { $0[0] } == [
                .string("b")
            ])
        #expect(try TableFilters.filter(table, column: "born", op: "<", literal: "1989-01-01").rows.count == 1)
        #expect(try TableFilters.filter(table, column: "id", op: "!=", literal: "a").rows.count == 2)
        #expect(throws: NexoError.self) { try TableFilters.filter(table, column: "score", op: ">", literal: "high") }
    }

    @Test func sortIsStableAndHonoursDescending() throws {
        #expect(
            try TableFilters.sort(table, by: ["-score"]).rows.map { $0[0] } == [
                .string("b"), .string("a"), .string("c"),
            ])
        #expect(
            try TableFilters.sort(table, by: ["born"]).rows.map { $0[0] } == [.string("b"), .string("c"), .string("a")])
    }

    @Test func unknownColumnsSuggestTheClosest() {
        #expect(
            throws: NexoError(
                .usage, "no column 'scor' in the input (columns: id, score, born)", hint: "Did you mean 'score'?")
        ) {
            try TableFilters.select(table, ["scor"])
        }
    }

    @Test func countGroupsByValue() throws {
        let counted = try TableFilters.count(table, by: "score")
        #expect(counted.rows == [[.double(0.5), .int(2)], [.double(0.9), .int(1)]])
        #expect(TableFilters.limit(table, 1, offset: 2).rows.map { $0[0] } == [.string("c")])
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func matchesTheFIPSExamples(message: String, digest: String) {
        #expect(FileDigest.sha256(text: message) == digest)
    }

    @Test func aMillionAsAndEveryPaddingBoundary() throws {
        #expect(
            FileDigest.sha256(text: String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Lengths around the 55/56/64-byte padding boundaries, checked against sha256sum.
        for length in [55, 56, 57, 63, 64, 65, 119, 120] {
            let text = String(repeating: "x", count: length)
            let path = "/tmp/nexo-sha-\(length)-\(UInt32.random(in: 0...UInt32.max))"
            #expect(FileManagerShim.write(text, to: path))
            defer { _ = FileManagerShim.remove(path) }
            #expect(FileDigest.sha256(path: path) == FileDigest.sha256(text: text))
            #expect(FileDigest.sha256(path: path) == FileManagerShim.sha256sum(path))
        }
    }

    @Test func anySplitOfTheMessageGivesTheSameDigest() throws {
        // Whole blocks are hashed straight from the caller's buffer and partial ones are carried
        // over: every way of cutting the message must agree with the file as sha256sum reads it.
        var generator = SystemRandomNumberGenerator()
        let message = (0..<200_003).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let path = "/tmp/nexo-sha-split-\(UInt32.random(in: 0...UInt32.max))"
        #expect(FileManagerShim.write(message, to: path))
        defer { _ = FileManagerShim.remove(path) }
        let expected = try #require(FileManagerShim.sha256sum(path))
        for piece in [1, 7, 55, 63, 64, 65, 127, 4_096, 65_537] {
            var hasher = SHA256Hasher()
            var start = 0
            while start < message.count {
                let end = min(start + piece, message.count)
                hasher.update(message[start..<end])
                start = end
            }
            #expect(SHA256Hasher.hexString(hasher.finalize()) == expected, "pieces of \(piece) bytes")
        }
        // A sequence without contiguous storage takes the same path through a copy.
        var lazy = SHA256Hasher()
        lazy.update(message.lazy.map { $0 })
        #expect(SHA256Hasher.hexString(lazy.finalize()) == expected)
    }
}

/// Completion the specs cannot give: settings and their values after `set`, kinds after `find`.
@Suite struct SettingCompletionTests {
    @Test func setAndFindOfferTheWordsTheyTake() {
        let kinds = ["group", "person", "phone"]
        func words(_ before: String) -> [String]? {
            Shell.settingWords(before, variables: ["crew"], kinds: kinds)?.candidates
        }
        #expect(words("set ") == ["display", "format", "pager", "timing", "crew"])
        #expect(words("set f") == ["format"])
        #expect(words("set format ") == ["table", "json", "ndjson", "csv", "tsv"])
        #expect(words("set format j") == ["json"])
        #expect(words("set timing o") == ["off", "on"])
        #expect(words("find p") == ["person", "phone"])
        #expect(words("neighbors P-1 | find pe") == ["person"])
        #expect(words("find jose") == nil, "not a kind: the specs' completion applies")
        #expect(words("show P-1") == nil)
        #expect(Shell.settingWords("set format js", variables: [], kinds: kinds)?.typed == "js")
    }

    @Test func replSpellingsOfOtherShells() {
        #expect(Shell.replSpelling(of: " \\q ") == "exit")
        #expect(Shell.replSpelling(of: ".quit") == "exit")
        #expect(Shell.replSpelling(of: "?") == "help")
        #expect(Shell.replSpelling(of: ".schema") == "kinds")
        #expect(Shell.replSpelling(of: "find quit") == "find quit")
    }
}
