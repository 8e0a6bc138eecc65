import Foundation
import Testing

/// The REPL opens libedit when it starts (`nexo` does not link it). A libedit.so.2 that is not
/// libedit ends the REPL before it starts, with what failed and the ways on, and status 1.
@Suite(.enabled(if: TerminalSession.isAvailable, TerminalSession.unavailableComment))
struct ReplWithoutLibeditTests {
    @Test func aLibeditWithoutItsFunctionsEndsTheREPLWithTheWaysOn() async throws {
        let temp = try TemporaryDirectory()
        // Found first through LD_LIBRARY_PATH: a library nexo has already loaded, which lacks libedit's functions.
        try FileManager.default.createSymbolicLink(
            atPath: temp.path + "/libedit.so.2", withDestinationPath: NexoProcess.binDirectory + "/libNexoKit.so")
        let session = try TerminalSession(
            [NexoProcess.executable, "--no-plugins", "--db", temp.path + "/s.db"], width: 400,
            environment: NexoProcess.environment(home: temp.path, extra: ["LD_LIBRARY_PATH": temp.path]),
            directory: temp.path)
        defer { session.close() }
        #expect(try await session.waitForExit() == 1)
        let screen = try await session.waitFor("error: libedit.so.2 could not be loaded: ")
        #expect(
            screen.contains(
                "libNexoKit.so: undefined symbol: el_init_fd; the interactive line editor needs it: install Debian's "
                    + "libedit2 package (apt-get install libedit2), or run commands without it with "
                    + "`nexo -c COMMANDS`, `nexo run FILE` or on standard input"), "\(screen)")
        #expect(!screen.contains("nexo> "), "\(screen)")
    }
}
