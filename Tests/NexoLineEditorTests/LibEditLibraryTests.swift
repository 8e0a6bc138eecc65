import Testing

@testable import NexoLineEditor

/// libedit is opened at run time by the first line editor (`nexo` does not link it): the load
/// succeeds here, an editor is made after it, and a library that cannot be used is refused with
/// what failed and how to go on. (ReadLineTests edit lines through the loaded library.)
@Suite struct LibEditLibraryTests {
    @Test func anEditorIsMadeAfterTheLoadAndKeepsHistoryThroughLibedit() throws {
        try LineEditor.loadLibrary()
        // Made on the standard streams: the terminal is touched only by the first readLine.
        let editor = try LineEditor(programName: "nexo-test", historyFile: nil, historySize: 10)
        editor.addToHistory("members Ortiz")
        #expect(editor.history == ["members Ortiz"])
    }

    @Test func theLoadedLibraryIsDebiansLibedit2() throws {
        #expect(LibEdit.library == "libedit.so.2")
        try LibEdit.probe(LibEdit.library)
    }

    @Test func aMissingLibraryIsRefusedWithTheWaysOn() {
        #expect(
            throws: LineEditorError(
                "libedit-missing.so.2 could not be loaded: libedit-missing.so.2: cannot open shared object file: "
                    + "No such file or directory; the interactive line editor needs it: install Debian's libedit2 "
                    + "package (apt-get install libedit2), or run commands without it with `nexo -c COMMANDS`, "
                    + "`nexo run FILE` or on standard input")
        ) {
            try LibEdit.probe("libedit-missing.so.2")
        }
    }

    @Test func aLibraryWithoutLibeditsFunctionsIsRefused() throws {
        let error = try #require(throws: LineEditorError.self) { try LibEdit.probe("libm.so.6") }
        // The loader names the library by the path it found (/lib/…/libm.so.6 on Debian).
        #expect(error.message.hasPrefix("libm.so.6 could not be loaded: /"))
        #expect(error.message.contains("libm.so.6: undefined symbol: el_init_fd; the interactive line editor needs it"))
    }
}
