import Foundation
import Testing

/// The REPL's history file is written like every other file Nexo writes: `NEXO_HISTFILE` naming
/// the open store is refused with a warning, the REPL still starts, and the store is untouched.
@Suite(.enabled(if: TerminalSession.isAvailable, TerminalSession.unavailableComment))
struct HistoryFileTerminalTests {
    @Test func theStoreInUseAsHistoryFileIsRefusedAndTheSessionGoesOn() async throws {
        let temp = try TemporaryDirectory()
        #expect(
            try NexoProcess.run(["--db", "s.db", "-c", "add person Ana; add person Bob"], directory: temp.path).status
                == 0)
        let session = try TerminalSession(
            [NexoProcess.executable, "--no-plugins", "--db", "s.db"],
            environment: NexoProcess.environment(home: temp.path, extra: ["NEXO_HISTFILE": "s.db"]),
            directory: temp.path)
        defer { session.close() }
        try await session.waitFor("nexo> ")
        try session.typeLine("add person Cid")
        try await session.waitFor("P-3")
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
        #expect(
            try session.transcript().contains(
                "warning: history file: 's.db' is the store in use ('s.db'); writing there would destroy it; "
                    + "choose another file name; this session's history is not saved"))
        let check = try NexoProcess.run(
            ["--no-plugins", "--db", "s.db", "-c", "show P-1; show P-2; show P-3"], directory: temp.path)
        #expect(check.status == 0, "\(check)")
        #expect(
            check.stdout.contains("Ana") && check.stdout.contains("Bob") && check.stdout.contains("Cid"), "\(check)")
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/.nexo/history"))
    }
}
