import Foundation
import Testing

/// The REPL's pager in a real terminal (tmux, 100 × 20): results that do not fit the screen go through `$PAGER`,
/// short ones do not, `set pager off` bypasses it, `-c` never uses it; a pager quit early, interrupted with
/// Ctrl-C or that cannot start leaves the REPL working, and `less` gives the line editor its terminal back.
/// Most tests page through `sed s/^/paged:/`, which marks every line it shows and needs no keys.
@Suite(.enabled(if: TerminalSession.isAvailable, TerminalSession.unavailableComment))
struct PagerTerminalTests {
    /// A store of `people` people named "Person number N" (P-1 …), imported in one go.
    func makeStore(_ temp: TemporaryDirectory, people: Int) throws {
        let lines = (1...people).map { #"{"type":"entity","kind":"person","label":"Person number \#($0)"}"# }
        try temp.write("people.ndjson", lines.joined(separator: "\n") + "\n")
        let imported = try NexoProcess.run(["--db", "s.db", "-c", "import people.ndjson"], directory: temp.path)
        #expect(imported.status == 0, "\(imported)")
    }

    /// nexo on the store of ``makeStore(_:people:)`` with `PAGER` set to `pager`, at its first prompt.
    func start(_ temp: TemporaryDirectory, pager: String, arguments: [String] = []) async throws -> TerminalSession {
        let session = try TerminalSession(
            [NexoProcess.executable, "--db", temp.path + "/s.db"] + arguments, width: 100, height: 20,
            environment: NexoProcess.environment(
                home: temp.path, extra: ["NEXO_HISTFILE": temp.path + "/history", "PAGER": pager]),
            directory: temp.path)
        if arguments.isEmpty { try await session.waitFor("nexo> ") }
        return session
    }

    /// Waits until the prompt is back on the screen's last line.
    func waitForPrompt(_ session: TerminalSession) async throws {
        try await session.waitUntil("the prompt is back") { screen in
            screen.split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) }?.hasPrefix("nexo> ") == true
                && screen.hasSuffix("nexo> ")
        }
    }

    /// Presses `key` until the screen shows `text`: the terminal drops the input it has not delivered yet when
    /// it turns Ctrl-C into SIGINT, so a key pressed just after Ctrl-C may never arrive.
    func press(_ key: String, in session: TerminalSession, until text: String) async throws {
        for _ in 1..<10 {
            try session.press(key)
            if (try? await session.waitFor(text, timeout: .seconds(2))) != nil { return }
        }
        try session.press(key)
        try await session.waitFor(text)
    }

    /// The lines the terminal showed, scrollback included.
    func shownLines(_ session: TerminalSession) throws -> [String] {
        try session.transcript().split(separator: "\n").map(String.init)
    }

    @Test func longOutputGoesThroughThePagerAndShortOutputDoesNot() async throws {
        let temp = try TemporaryDirectory()
        try makeStore(temp, people: 40)
        let session = try await start(temp, pager: "sed s/^/paged:/")
        defer { session.close() }
        // 30 rows, their header and the row count: longer than the screen's 20 rows.
        try session.typeLine("find person number --limit 30")
        try await session.waitFor("paged:30 rows")
        try await waitForPrompt(session)
        // 3 rows and the prompt fit the screen.
        try session.typeLine("find person number --limit 3")
        try await session.waitFor("\n3 rows\n")
        try await waitForPrompt(session)
        try session.typeLine("set pager off")
        try await session.waitFor("pager is off")
        try session.typeLine("find person number --limit 25")
        try await session.waitFor("\n25 rows\n")
        try await waitForPrompt(session)
        try session.typeLine("set pager always")
        try await session.waitFor("pager is always")
        try session.typeLine("find person number --limit 2")
        try await session.waitFor("paged:2 rows")
        try await waitForPrompt(session)
        try session.typeLine("set pager on")
        try await session.waitFor("pager is on")
        // The REPL goes on as before (the 4 lines `add` prints fit the screen).
        try session.typeLine("add person Zed")
        try await session.waitFor("added P-41")
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)

        let lines = try shownLines(session)
        #expect(lines.contains("paged:id    kind    label             matched           score"))
        #expect(lines.contains("paged:P-30  person  Person number 30  Person number 30    2.0"))
        #expect(lines.contains("P-3  person  Person number 3  Person number 3    2.0"))
        #expect(lines.contains("P-25  person  Person number 25  Person number 25    2.0"))
        #expect(!lines.contains("paged:3 rows") && !lines.contains("paged:25 rows"))
        #expect(lines.filter { $0.hasPrefix("paged:") }.count == 33 + 5)
    }

    @Test func commandsGivenWithMinusCAreNeverPaged() async throws {
        let temp = try TemporaryDirectory()
        try makeStore(temp, people: 40)
        let session = try await start(
            temp, pager: "sed s/^/paged:/", arguments: ["-c", "find person number --limit 30"])
        defer { session.close() }
        #expect(try await session.waitForExit() == 0)
        let lines = try shownLines(session)
        #expect(lines.contains("30 rows"))
        #expect(!lines.contains { $0.hasPrefix("paged:") })
    }

    /// 2000 rows (over 100 KiB, more than a pipe holds) into a pager that reads three lines and exits:
    /// nexo's writes meet a closed pipe (SIGPIPE, EPIPE) and it drops the rest without a word.
    @Test func quittingThePagerEarlyDropsTheRestQuietly() async throws {
        let temp = try TemporaryDirectory()
        try makeStore(temp, people: 2000)
        let session = try await start(temp, pager: "head -n 3")
        defer { session.close() }
        try session.typeLine("find person number --limit 2000")
        try await session.waitFor("P-1     person  Person number 1")
        try await waitForPrompt(session)
        try session.typeLine("add person Zed")
        try await session.waitFor("added P-2001")
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
        let shown = try session.transcript()
        #expect(!shown.contains("P-2 "))
        #expect(!shown.contains("2000 rows"))
        #expect(!shown.contains("error"))
    }

    /// A pager that waits for a key: Ctrl-C ends it (SIGINT reaches the whole foreground group); nexo keeps
    /// running and the next command is not taken as cancelled.
    @Test func ctrlCInThePagerEndsThePagerNotTheRepl() async throws {
        let temp = try TemporaryDirectory()
        try makeStore(temp, people: 40)
        try temp.write("pager", "#!/bin/sh\nsed 's/^/paged:/'\necho 'the pager waits'\nread answer < /dev/tty\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temp.path + "/pager")
        let session = try await start(temp, pager: temp.path + "/pager")
        defer { session.close() }
        try session.typeLine("find person number --limit 30")
        try await session.waitFor("the pager waits")
        try session.press("C-c")
        try await waitForPrompt(session)
        try session.typeLine("add person Zed")
        try await session.waitFor("added P-41")
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
        #expect(!(try session.transcript()).contains("cancelled"))
    }

    @Test func aPagerThatCannotStartIsWarnedAboutOnceAndTheOutputShown() async throws {
        let temp = try TemporaryDirectory()
        try makeStore(temp, people: 40)
        let session = try await start(temp, pager: temp.path + "/no-such-pager")
        defer { session.close() }
        try session.typeLine("find person number --limit 30")
        try await session.waitFor("\n30 rows\n")
        try await waitForPrompt(session)
        try session.typeLine("find person number --limit 25")
        try await session.waitFor("\n25 rows\n")
        try await waitForPrompt(session)
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
        let warnings = try shownLines(session).filter { $0.hasPrefix("warning:") }
        #expect(
            warnings == [
                "warning: cannot start the pager '\(temp.path)/no-such-pager': No such file or directory; "
                    + "showing results without a pager (set pager on tries it again)"
            ])
    }

    /// The default pager, `less -SFRX`: the REPL waits while it shows the result, Ctrl-C in it does not end
    /// the REPL, and after `q` the line editor has its terminal back (Ctrl-A moves to the start of the line).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/less"), "less is not installed"))
    func lessGivesTheTerminalBackToTheLineEditor() async throws {
        let temp = try TemporaryDirectory()
        try makeStore(temp, people: 40)
        let session = try await start(temp, pager: "less -SFRX")
        defer { session.close() }
        try session.typeLine("find person number --limit 30")
        try await session.waitUntil("less shows its prompt") { $0.hasSuffix("\n:") }
        try session.press("C-c")
        try await press("G", in: session, until: "(END)")
        try session.press("q")
        try await waitForPrompt(session)
        try session.type("dd person Zed")
        try session.press("C-a")
        try session.typeLine("a")
        try await session.waitFor("added P-41")
        try await waitForPrompt(session)
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
    }
}
