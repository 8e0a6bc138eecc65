import Glibc
import Testing

@testable import NexoLineEditor

@Suite struct HistoryTests {
    @Test func historyFileAndMissingDirectoriesAreCreatedPrivate() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("state/nexo/history")
        _ = try LineEditor(programName: "nexo", historyFile: path)
        #expect(permissions(path) == 0o600)
        #expect(permissions(temp.file("state/nexo")) == 0o700)
        #expect(permissions(temp.file("state")) == 0o700)
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
        #expect(error?.message == "cannot open history file '\(temp.path)': Is a directory")
    }

    @Test func historyDirectoryUnderAFileIsRefused() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try writeFile(temp.file("plain"), "")
        let path = temp.file("plain/history")
        let error = #expect(throws: LineEditorError.self) {
            _ = try LineEditor(programName: "nexo", historyFile: path)
        }
        #expect(error?.message == "cannot open history file '\(path)': Not a directory")
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
