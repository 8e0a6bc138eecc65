import Glibc
import NexoFiles
import Testing

@testable import NexoLineEditor

@Suite struct HistoryTests {
    @Test func theDefaultHistoryDirectoryIsCreatedPrivate() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file(".nexo/history")
        _ = try LineEditor(programName: "nexo", historyFile: path, creatingHistoryDirectory: true)
        #expect(permissions(path) == 0o600)
        #expect(permissions(temp.file(".nexo")) == 0o700)
    }

    @Test func aMissingDirectoryIsRefusedNotCreated() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("state/nexo/history")
        let error = #expect(throws: LineEditorError.self) {
            _ = try LineEditor(programName: "nexo", historyFile: path)
        }
        #expect(
            error?.message
                == ("history file: cannot write '\(path)': the directory '\(temp.file("state/nexo"))' does not exist; "
                    + "create it first, or choose another place")
        )
        #expect(permissions(temp.file("state")) == nil)
    }

    @Test func historyFileOthersCanReadIsMadePrivate() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("history")
        try writeFile(path, "find person\n", mode: 0o644)
        let editor = try LineEditor(programName: "nexo", historyFile: path)
        #expect(permissions(path) == 0o600)
        #expect(editor.history == ["find person"])
    }

    @Test func historyFileThatIsADirectoryIsRefused() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let error = #expect(throws: LineEditorError.self) {
            _ = try LineEditor(programName: "nexo", historyFile: temp.path)
        }
        #expect(
            error?.message
                == "history file: '\(temp.path)' is a directory; Nexo writes only regular files; choose another name")
    }

    @Test func historyDirectoryUnderAFileIsRefused() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try writeFile(temp.file("plain"), "")
        let path = temp.file("plain/history")
        let error = #expect(throws: LineEditorError.self) {
            _ = try LineEditor(programName: "nexo", historyFile: path)
        }
        #expect(error?.message == "history file: cannot write '\(path)': Not a directory")
    }

    @Test func aSymbolicLinkAsHistoryFileIsNotFollowed() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try writeFile(temp.file("evidence.txt"), "kept as it is\n", mode: 0o644)
        let path = temp.file("history")
        #expect(symlink(temp.file("evidence.txt"), path) == 0)
        let error = #expect(throws: LineEditorError.self) {
            _ = try LineEditor(programName: "nexo", historyFile: path)
        }
        #expect(
            error?.message
                == ("history file: '\(path)' is a symbolic link; Nexo does not write through links; remove it or "
                    + "choose another name")
        )
        #expect(try contents(temp.file("evidence.txt")) == "kept as it is\n")
        #expect(permissions(temp.file("evidence.txt")) == 0o644)
    }

    @Test func aDanglingSymbolicLinkCreatesNothing() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("history")
        #expect(symlink(temp.file("planted"), path) == 0)
        #expect(throws: LineEditorError.self) { _ = try LineEditor(programName: "nexo", historyFile: path) }
        #expect(permissions(temp.file("planted")) == nil)
    }

    @Test func aLinkPutInPlaceDuringTheSessionIsNotFollowedByAppends() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("history")
        let editor = try LineEditor(programName: "nexo", historyFile: path)
        try writeFile(temp.file("evidence.txt"), "kept as it is\n")
        #expect(unlink(path) == 0 && symlink(temp.file("evidence.txt"), path) == 0)
        editor.addToHistory("find person perez")
        #expect(editor.history == ["find person perez"])
        #expect(
            editor.historyError?.message
                == ("history file: '\(path)' is a symbolic link; Nexo does not write through links; remove it or "
                    + "choose another name")
        )
        #expect(try contents(temp.file("evidence.txt")) == "kept as it is\n")
    }

    @Test func theOpenStoreIsRefusedAsHistoryFile() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let store = temp.file("S.db")
        try writeFile(store, (1...7).map { "store page \($0)\n" }.joined(), mode: 0o600)
        let token = try OpenStoreFiles.register(store)
        defer { OpenStoreFiles.unregister(token) }
        // A history size that would compact (rewrite) the file if it were taken as history.
        let error = #expect(throws: LineEditorError.self) {
            _ = try LineEditor(programName: "nexo", historyFile: temp.path + "/./S.db", historySize: 3)
        }
        #expect(
            error?.message
                == ("history file: '\(temp.path)/./S.db' is the store in use ('\(store)'); writing there would destroy "
                    + "it; choose another file name")
        )
        #expect(try contents(store) == (1...7).map { "store page \($0)\n" }.joined())
        let log = #expect(throws: LineEditorError.self) {
            _ = try LineEditor(programName: "nexo", historyFile: store + "-wal")
        }
        #expect(
            log?.message
                == ("history file: '\(store)-wal' is the write-ahead log of the store in use ('\(store)'); writing "
                    + "there would corrupt it; choose another file name")
        )
        #expect(permissions(store + "-wal") == nil)
    }

    @Test func aRewriteNeverReplacesTheOpenStore() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("S.db")
        try writeFile(path, "store page\n", mode: 0o600)
        let history = try HistoryFile(path: path)
        let token = try OpenStoreFiles.register(path)
        defer { OpenStoreFiles.unregister(token) }
        let error = #expect(throws: LineEditorError.self) { try history.rewrite(["find person"]) }
        #expect(
            error?.message
                == ("history file: '\(path)' is the store in use ('\(path)'); writing there would destroy it; choose "
                    + "another file name")
        )
        #expect(try contents(path) == "store page\n")
    }

    @Test func linesStartingWithASpaceAreNotSaved() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("history")
        let editor = try LineEditor(programName: "nexo", historyFile: path)
        editor.addToHistory("case open SV-2026-0141")
        editor.addToHistory(" set password hunter2")
        #expect(editor.history == ["case open SV-2026-0141"])
        #expect(try contents(path) == "case open SV-2026-0141\n")
    }

    @Test func emptyLinesAndImmediateRepeatsAreSkipped() throws {
        let editor = try LineEditor(programName: "nexo", historyFile: nil)
        for line in ["plugins", "", "   ", "plugins", "help", "plugins"] { editor.addToHistory(line) }
        #expect(editor.history == ["plugins", "help", "plugins"])
    }

    @Test func historyPersistsAcrossEditorsAtOnce() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("history")
        let first = try LineEditor(programName: "nexo", historyFile: path)
        first.addToHistory("find person \"Pérez Núñez\"")
        first.addToHistory("gang members MS-13 | limit 10")
        // The first editor is still alive: nothing waits for it to close.
        let second = try LineEditor(programName: "nexo", historyFile: path)
        #expect(second.history == ["find person \"Pérez Núñez\"", "gang members MS-13 | limit 10"])
        #expect(second.historyError == nil)
    }

    @Test func multiLineEntriesAndBackslashesRoundTrip() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("history")
        let entry = "find person \\\n  --born 1994 # path C:\\n"
        try LineEditor(programName: "nexo", historyFile: path).addToHistory(entry)
        #expect(try contents(path) == "find person \\\\\\n  --born 1994 # path C:\\\\n\n")
        #expect(try LineEditor(programName: "nexo", historyFile: path).history == [entry])
    }

    @Test func onlyTheNewestEntriesAreKeptAndTheFileIsCompacted() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("history")
        try writeFile(path, (1...7).map { "command \($0)\n" }.joined(), mode: 0o600)
        let editor = try LineEditor(programName: "nexo", historyFile: path, historySize: 3)
        #expect(editor.history == ["command 5", "command 6", "command 7"])
        #expect(try contents(path) == "command 5\ncommand 6\ncommand 7\n")
        editor.addToHistory("command 8")
        #expect(editor.history == ["command 6", "command 7", "command 8"])
    }

    @Test func encodingEscapesLineBreaksAndBackslashes() {
        #expect(HistoryFile.encode("a\\b\nc\r\nd") == "a\\\\b\\nc\\r\\nd")
        #expect(HistoryFile.decode("a\\\\b\\nc\\r\\nd") == "a\\b\nc\r\nd")
        #expect(HistoryFile.decode("unknown \\x escape \\") == "unknown \\x escape \\")
    }
}
