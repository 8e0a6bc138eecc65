import Foundation
import Testing

/// TAB in the REPL over what the specs declare and the store holds: the columns of the command
/// before a pipe, entities listed with their labels (the id alone inserted), roles stored in the
/// graph, the session's feeds.
@Suite(.enabled(if: TerminalSession.isAvailable, TerminalSession.unavailableComment))
struct CompletionTerminalTests {
    func start(_ temp: TemporaryDirectory) async throws -> TerminalSession {
        let session = try TerminalSession(
            [NexoProcess.executable, "--db", temp.path + "/s.db"],
            environment: NexoProcess.environment(home: temp.path, extra: ["NEXO_HISTFILE": temp.path + "/history"]),
            directory: temp.path)
        try await session.waitFor("nexo> ")
        return session
    }

    /// Whether a row of the screen holds exactly these words, in this order.
    static func hasRow(_ words: [String], in screen: String) -> Bool {
        screen.split(separator: "\n").contains { $0.split(separator: " ").map(String.init) == words }
    }

    @Test func columnsAfterAPipeAndEntitiesWithTheirLabels() async throws {
        let temp = try TemporaryDirectory()
        let setup = try NexoProcess.run(
            [
                "--db", "s.db", "-c",
                """
                add person "Henry Alvarado"; add person "Henrietta Paz"; add person "Ana Perez"
                add group "Mara Salvatrucha"; link add P-1 member_of G-1 --prop role=palabrero
                """,
            ], directory: temp.path)
        #expect(setup.status == 0, "\(setup)")
        let session = try await start(temp)
        defer { session.close() }

        // The columns `find` declares, without running it: a first TAB has nothing to add, a second lists them.
        try session.type("find person perez | where ")
        try session.press("Tab")
        try session.press("Tab")
        try await session.waitUntil("the columns of find listed") { screen in
            Self.hasRow(["id", "kind", "label", "matched", "score"], in: screen)
        }
        try session.type("la")
        try session.press("Tab")
        try await session.waitFor("nexo> find person perez | where label ")
        try session.press("C-u")

        // People found by name are listed with their labels, best first; the id alone goes into the line.
        try session.type("show hen")
        try session.press("Tab")
        try session.press("Tab")
        try await session.waitUntil("the people listed with their labels") { screen in
            Self.hasRow(["P-2", "Henrietta", "Paz"], in: screen)
                && Self.hasRow(["P-1", "Henry", "Alvarado"], in: screen)
        }
        let listed = try session.screen().split(separator: "\n").map(String.init)
        let henrietta = try #require(listed.firstIndex(of: "P-2  Henrietta Paz"))
        #expect(listed[henrietta + 1] == "P-1  Henry Alvarado", "\(listed)")
        try session.type("ry")
        try session.press("Tab")
        try await session.waitFor("nexo> show P-1 ")
        try session.press("C-u")

        // A role stored in the graph completes `gang members --role`.
        try session.type("gang members G-1 --role pa")
        try session.press("Tab")
        try await session.waitFor("nexo> gang members G-1 --role palabrero ")
        try session.press("C-u")
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
    }

    @Test func feedIdsAfterBioFeedStatus() async throws {
        let temp = try TemporaryDirectory()
        try temp.write("none.ndjson", "")
        let session = try await start(temp)
        defer { session.close() }
        try session.typeLine("bio feed start none.ndjson")
        try await session.waitFor("feed-1")
        try session.type("bio feed status ")
        try session.press("Tab")
        try await session.waitFor("nexo> bio feed status feed-1 ")
        try session.press("C-u")
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
    }
}
