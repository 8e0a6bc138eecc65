import Glibc
import Testing

/// LineEditor in a real terminal: runs this test binary under tmux, filtered to the driver REPL in
/// NexoLineEditorTests/TerminalDriver.swift (all test targets share one binary).
@Suite(.enabled(if: TerminalSession.isAvailable, TerminalSession.unavailableComment))
struct LineEditorTerminalTests {
    private static let prompt = "driver> "

    private func startDriver(history: String) async throws -> TerminalSession {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        try #require(length > 0)
        let testBinary = String(decoding: path[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let session = try TerminalSession(
            [testBinary, "--testing-library", "swift-testing", "--filter", "LineEditorTerminalDriver"],
            width: 60, height: 20,
            environment: ["NEXO_LINE_EDITOR_DRIVER": "1", "NEXO_LINE_EDITOR_HISTORY": history])
        try await session.waitFor(Self.prompt)
        return session
    }

    @Test func utf8TextEditsByCharacter() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let session = try await startDriver(history: directory.path + "/history")
        defer { session.close() }
        try session.type("find Pérez Núñez")
        try session.press("Left", "Left", "Left", "BSpace") // three characters left of the end: deletes "ú"
        try session.type("u")
        try session.press("Home", "Right", "Right", "Right", "Right", "Right", "Right", "Right", "BSpace")
        try session.type("e") // seven characters from the start: replaces "é"
        try session.press("Enter")
        try await session.waitFor("read[find Perez Nuñez]")
        try session.press("C-d")
        try await session.waitFor("end")
        #expect(try await session.waitForExit() == 0)
    }

    @Test func tabCompletesAWordAndListsCandidatesOnTheSecondTab() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let session = try await startDriver(history: directory.path + "/history")
        defer { session.close() }
        try session.type("gang pér")
        try session.press("Tab")
        try await session.waitFor("driver> gang Pérez")
        try session.press("Tab") // "Pérez" and "Pérez-Núñez" remain
        try await session.waitFor("\nPérez        Pérez-Núñez\ndriver> gang Pérez")
        try session.type("-")
        try session.press("Tab", "Enter")
        try await session.waitFor("read[gang Pérez-Núñez ]")
        try session.type("x mem")
        try session.press("Tab", "Tab", "Tab")
        let screen = try await session.waitFor("members    member-of  memo")
        #expect(screen.hasSuffix("members    member-of  memo\ndriver> x mem"))
        try session.press("C-u", "C-d")
        #expect(try await session.waitForExit() == 0)
    }

    @Test func ctrlCDiscardsTheLineAndTheDriverGoesOn() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let session = try await startDriver(history: directory.path + "/history")
        defer { session.close() }
        try session.type("half a command")
        // Ctrl-C makes the terminal drop input not yet read: let the editor read the line first.
        try await session.waitFor("driver> half a command")
        try session.press("Left", "Left")
        try await session.waitForCursor(column: 20) // "driver> " is 8 columns, then 14 - 2
        try session.press("C-c")
        try await session.waitFor("driver> half a command^C\ninterrupted\ndriver> ")
        try session.typeLine("next")
        try await session.waitFor("read[next]")
        try session.press("C-d")
        #expect(try await session.waitForExit() == 0)
    }

    @Test func historyIsRecalledAndOutlivesTheSession() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let history = directory.path + "/history"
        let first = try await startDriver(history: history)
        try first.typeLine("case open SV-2026-0141")
        try first.typeLine(" secret never saved")
        try first.typeLine("find Núñez")
        try await first.waitFor("read[find Núñez]")
        try first.press("C-d")
        #expect(try await first.waitForExit() == 0)
        first.close()

        let second = try await startDriver(history: history)
        defer { second.close() }
        try second.press("Up", "Up")
        try await second.waitFor("driver> case open SV-2026-0141")
        try second.press("Enter")
        try await second.waitFor("read[case open SV-2026-0141]")
        try second.press("C-d")
        #expect(try await second.waitForExit() == 0)
    }
}

/// A directory under /tmp for one test, removed with its contents.
private struct ScratchDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/nexo-e2e-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TerminalSession.Failure(description: "mkdtemp failed") }
        path = String(cString: made)
    }

    func remove() { Self.removeTree(path) }

    private static func removeTree(_ path: String) {
        guard let directory = opendir(path) else {
            unlink(path)
            return
        }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { removeTree(path + "/" + name) }
        }
        closedir(directory)
        rmdir(path)
    }
}
