import Foundation
import Testing

/// The nexo REPL in a real terminal (tmux): prompt with the case, TAB completion of commands,
/// options, enum values and entity ids from the store, history across sessions (file 0600, lines
/// starting with a space not saved), Ctrl-C discarding a line, Ctrl-D leaving.
@Suite(.enabled(if: TerminalSession.isAvailable, TerminalSession.unavailableComment))
struct ReplTerminalTests {
    func start(_ temp: TemporaryDirectory) async throws -> TerminalSession {
        let session = try TerminalSession(
            [NexoProcess.executable, "--db", temp.path + "/s.db"],
            environment: NexoProcess.environment(
                home: temp.path,
                extra: ["NEXO_HISTFILE": temp.path + "/history"]),
            directory: temp.path)
        try await session.waitFor("nexo> ")
        return session
    }

    @Test func completionDrivenBySpecsAndStore() async throws {
        let temp = try TemporaryDirectory()
        #expect(
            try NexoProcess.run(
                ["--db", "s.db", "-c", "add person \"Ana Pérez\"; add group Norte"], directory: temp.path
            ).status == 0)
        let session = try await start(temp)
        defer { session.close() }
        try session.type("sho")
        try session.press("Tab")
        try await session.waitFor("nexo> show ")
        try session.type("P")
        try session.press("Tab")
        try await session.waitFor("nexo> show P-1 ")
        try session.type("--for")
        try session.press("Tab")
        try await session.waitFor("show P-1 --format ")
        try session.type("js")
        try session.press("Tab")
        try await session.waitFor("--format json ")
        try session.press("Enter")
        try await session.waitFor("\"value\":\"Ana Pérez\"")
        try session.type("case o")
        try session.press("Tab")
        try await session.waitFor("nexo> case open ")
        try session.typeLine("T-1 --title Test")
        try await session.waitFor("nexo[T-1]> ")
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
    }

    /// Ctrl-D at a continuation prompt abandons the continued command and keeps the session; what psql and
    /// sqlite3 users type (`?`, `.schema`, `\\q`) does what they expect.
    @Test func ctrlDAbandonsAContinuedCommandAndPsqlSpellingsWork() async throws {
        let temp = try TemporaryDirectory()
        let session = try await start(temp)
        defer { session.close() }
        try session.typeLine("add person \\")
        try await session.waitFor("...> ")
        try session.press("C-d")
        try await session.waitFor("abandoned the continued command")
        try session.typeLine("?")
        try await session.waitFor("source list")
        try session.typeLine(".schema")
        try await session.waitFor("watches          edge")
        try session.typeLine("\\q")
        #expect(try await session.waitForExit() == 0)
    }

    @Test func historyPersistsPrivatelyAndCtrlCDiscardsTheLine() async throws {
        let temp = try TemporaryDirectory()
        var session = try await start(temp)
        try session.typeLine("add person Bob")
        try await session.waitFor("added P-1")
        try session.typeLine(" add person Secret")
        try await session.waitFor("added P-2")
        try session.type("this line is abandoned")
        try session.press("C-c")
        try await session.waitUntil("a fresh prompt after Ctrl-C") { screen in
            screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty }
                == "nexo>"
        }
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
        session.close()

        let attributes = try FileManager.default.attributesOfItem(atPath: temp.path + "/history")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let saved = try temp.read("history")
        #expect(saved.contains("add person Bob"))
        #expect(!saved.contains("Secret"))
        #expect(!saved.contains("abandoned"))

        session = try await start(temp)
        defer { session.close() }
        try session.press("Up")
        try await session.waitFor("nexo> add person Bob")
        try session.press("C-u")
        try session.typeLine("history")
        try await session.waitFor("add person Bob")
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
    }
}
