import Foundation
import Testing

/// A wait for a background job ended by Ctrl-C names what the job's own plugin offers, not a
/// command the host hard-codes.
@Suite(.enabled(if: TerminalSession.isAvailable, TerminalSession.unavailableComment))
struct JobWaitHintTests {
    @Test func interruptedWaitPointsAtTheJobsPlugin() async throws {
        let temp = try TemporaryDirectory()
        let setup = try NexoProcess.run(
            ["--plugin-dir", NexoProcess.binDirectory, "--db", "s.db", "-c", "generate --scale demo --seed 22"],
            directory: temp.path)
        #expect(setup.status == 0, "\(setup)")
        let fifo = temp.path + "/feed.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let session = try TerminalSession(
            [NexoProcess.executable, "--plugin-dir", NexoProcess.binDirectory, "--db", temp.path + "/s.db"],
            environment: NexoProcess.environment(home: temp.path, extra: ["NEXO_HISTFILE": temp.path + "/history"]),
            directory: temp.path)
        defer { session.close() }
        try await session.waitFor("nexo> ")
        try session.typeLine("bio feed start feed.fifo --follow")
        try await session.waitFor("feed-1 started on feed.fifo")
        try session.typeLine("bio feed wait feed-1")
        // Ctrl-C makes the terminal drop input not yet read: press it once the editor has taken
        // the whole line (the cursor went to the next row), so it reaches the wait.
        try await session.waitFor("nexo> bio feed wait feed-1")
        try await session.waitForCursor(column: 0)
        try session.press("C-c")
        let screen = try await session.waitFor("stopped waiting")
        // The terminal wraps the message; read it as one line.
        let error = try #require(screen.range(of: "^Cerror: ").map { screen[$0.upperBound...] })
            .replacingOccurrences(of: "\n", with: "")
        #expect(
            error.hasPrefix(
                "stopped waiting for feed-1; it is still running; the biometric-lookup plugin's commands show "
                    + "and stop it (see 'help')"), "\(screen)")
        try session.typeLine("bio feed stop feed-1")
        try await session.waitFor("feed-1 stopped")
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
    }
}
