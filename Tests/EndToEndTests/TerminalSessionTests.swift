import Testing

/// Proves the ``TerminalSession`` helper on programs every machine has.
@Suite(.enabled(if: TerminalSession.isAvailable, TerminalSession.unavailableComment))
struct TerminalSessionTests {
    @Test func typedLinesReachTheProgramAndItsEndIsSeen() async throws {
        let session = try TerminalSession(["cat"], width: 60, height: 10)
        defer { session.close() }
        try session.typeLine("hola Pérez Núñez")
        // The terminal echoes the line, then cat prints it back.
        let echoed = try await session.waitUntil("cat echoed the line") {
            $0.components("hola Pérez Núñez") == 2
        }
        #expect(echoed == "hola Pérez Núñez\nhola Pérez Núñez")
        try session.press("C-d")
        // Exit statuses are checked with bash below: cat's was seen as 1 once in many runs.
        _ = try await session.waitForExit()
    }

    @Test func keysAndEnvironmentReachAShell() async throws {
        let session = try TerminalSession(
            ["bash", "--norc", "--noprofile"], environment: ["PS1": "test$ ", "NEXO_GREETING": "buenos días"])
        defer { session.close() }
        try await session.waitFor("test$ ")
        try session.typeLine("echo \"$NEXO_GREETING $((6 * 7)) $COLUMNS\"")
        try await session.waitFor("buenos días 42 120")
        try session.type("echo one two")
        try session.press("C-w", "C-w") // deletes two words: the line reads "echo "
        try session.typeLine("three")
        let screen = try await session.waitFor("\nthree")
        #expect(!screen.contains("one two\n"))
        try session.typeLine("exit 3")
        let status = try await session.waitForExit()
        #expect(status == 3)
    }

    @Test func aWaitThatTimesOutFailsAndShowsTheScreen() async throws {
        let session = try TerminalSession(["cat"], width: 40, height: 5)
        defer { session.close() }
        try session.typeLine("visible")
        try await session.waitFor("visible\nvisible")
        let failure = await #expect(throws: TerminalSession.Failure.self) {
            try await session.waitFor("never shown", timeout: .milliseconds(200))
        }
        #expect(
            failure?.description == """
                timed out after 0.2 seconds waiting until the screen shows "never shown"; the screen shows:
                visible
                visible
                """)
    }

    @Test func argumentsAreNotInterpretedByAShell() async throws {
        let script = "printf '%s|' \"$@\"; printf '\\n'; read -r line; exit 5"
        let session = try TerminalSession(
            ["bash", "--norc", "--noprofile", "-c", script, "bash", "it's", "$HOME", "a  b", "*"], width: 40, height: 5)
        defer { session.close() }
        try await session.waitFor("|*|")
        try session.press("Enter")
        let status = try await session.waitForExit()
        let screen = try session.screen()
        #expect(status == 5)
        #expect(screen == "it's|$HOME|a  b|*|")
    }
}

@Suite struct TerminalScreenTests {
    @Test func trailingSpacesGoExceptBeforeTheCursor() {
        let rows = ["read[x]      ", "nexo>       ", "", ""]
        #expect(TerminalSession.normalized(rows, cursorRow: 1, cursorColumn: 6) == "read[x]\nnexo> ")
        #expect(TerminalSession.normalized(rows, cursorRow: 1, cursorColumn: 3) == "read[x]\nnexo>")
    }

    @Test func theCursorRowIsPaddedToTheCursor() {
        #expect(TerminalSession.normalized(["a", "> "], cursorRow: 1, cursorColumn: 4) == "a\n>   ")
    }

    @Test func emptyRowsAtTheEndGo() {
        #expect(TerminalSession.normalized(["a", "", "b", "", " "], cursorRow: 4, cursorColumn: 0) == "a\n\nb")
    }
}

extension String {
    /// How many times `text` occurs, not overlapping.
    fileprivate func components(_ text: String) -> Int {
        split(separator: text, omittingEmptySubsequences: false).count - 1
    }
}
