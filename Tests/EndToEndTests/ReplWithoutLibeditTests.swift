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
        // The shell prints nexo's status: tmux 3.3 may never report the status of a program that ends
        // this quickly (its pane stays dead without one), so the test reads it from the screen.
        let session = try TerminalSession(
            [
                "/bin/sh", "-c", "\"$0\" \"$@\"; echo \"nexo exited with $?\"; sleep 60", NexoProcess.executable,
                "--no-plugins", "--db", temp.path + "/s.db",
            ], width: 400,
            environment: NexoProcess.environment(home: temp.path, extra: ["LD_LIBRARY_PATH": temp.path]),
            directory: temp.path)
        defer { session.close() }
        let screen = try await session.waitFor("nexo exited with 1")
        #expect(screen.contains("error: libedit.so.2 could not be loaded: "), "\(screen)")
        #expect(
            screen.contains(
                "libNexoKit.so: undefined symbol: el_init_fd; the interactive line editor needs it: install Debian's "
                    + "libedit2 package (apt-get install libedit2), or run commands without it with "
                    + "`nexo -c COMMANDS`, `nexo run FILE` or on standard input"), "\(screen)")
        #expect(!screen.contains("nexo> "), "\(screen)")
    }
}
