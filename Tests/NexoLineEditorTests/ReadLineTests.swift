import Glibc
import Synchronization
import Testing

@testable import NexoLineEditor

/// readLine on a pipe (no terminal: libedit reads plain lines through the editor's decoder), and the
/// process-wide interrupt flag. Serialized: both touch SIGINT state.
@Suite(.serialized) struct ReadLineTests {
    /// Runs `body` with an editor reading `bytes` from a pipe that is then closed, writing to
    /// /dev/null.
    private func withEditor(reading bytes: [UInt8], _ body: (LineEditor) throws -> Void) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw TestFailure("pipe failed") }
        defer { close(ends[0]) }
        #expect(write(ends[1], bytes, bytes.count) == bytes.count)
        close(ends[1])
        let null = open("/dev/null", O_WRONLY)
        defer { close(null) }
        let editor = try LineEditor(
            programName: "nexo-test", historyFile: nil, historySize: 10,
            streams: .init(input: ends[0], output: null, error: null))
        try body(editor)
    }

    @Test func linesAreReadUntilTheInputCloses() throws {
        try withEditor(reading: Array("find person \"Pérez Núñez\"\n\nlast without newline".utf8)) { editor in
            #expect(editor.readLine(prompt: "nexo> ") == .line("find person \"Pérez Núñez\""))
            #expect(editor.readLine(prompt: "nexo> ") == .line(""))
            #expect(editor.readLine(prompt: "nexo> ") == .line("last without newline"))
            #expect(editor.readLine(prompt: "nexo> ") == .endOfInput)
        }
    }

    @Test func brokenUTF8BecomesReplacementCharacters() throws {
        try withEditor(reading: [0x61, 0xC3, 0x28, 0x80, 0x62, 0xE2, 0x82, 0xAC, 0x0A]) { editor in
            #expect(editor.readLine(prompt: "") == .line("a\u{FFFD}(\u{FFFD}b€"))
        }
    }

    @Test func ctrlCWhileWaitingForInputInterruptsTheRead() async throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw TestFailure("pipe failed") }
        defer { close(ends[0]) }
        let null = open("/dev/null", O_WRONLY)
        defer { close(null) }
        let editor = try LineEditor(
            programName: "nexo-test", historyFile: nil, historySize: 10,
            streams: .init(input: ends[0], output: null, error: null))
        // SIGINT lands after the flag check, just before the wait: the wake pipe must end the wait.
        var raised = false
        editor.beforeWaiting = {
            guard !raised else { return }
            raised = true
            raiseUnblocked(SIGINT)
        }
        let reader = BlockingReader(editor)
        guard await reader.finishes(within: .seconds(10)) else {
            Issue.record("readLine still waits 10 s after Ctrl-C")
            close(ends[1]) // lets the blocked read end
            _ = await reader.finishes(within: .seconds(10))
            return
        }
        #expect(reader.result == .interrupted)
        #expect(!InterruptMonitor.shared.isInterrupted, "readLine consumed the interrupt")
        let next = Array("after\n".utf8)
        #expect(write(ends[1], next, next.count) == next.count)
        close(ends[1])
        #expect(editor.readLine(prompt: "nexo> ") == .line("after"))
        #expect(editor.readLine(prompt: "nexo> ") == .endOfInput)
    }

    @Test func interruptMonitorTurnsSIGINTIntoAFlag() {
        let monitor = InterruptMonitor.shared
        monitor.install()
        _ = monitor.consume()
        #expect(!monitor.isInterrupted)
        raiseUnblocked(SIGINT)
        #expect(monitor.isInterrupted)
        #expect(monitor.isInterrupted, "peeking does not clear the flag")
        #expect(monitor.consume())
        #expect(!monitor.consume())
    }
}

/// Runs one `readLine` on another thread, so that a test can give up on a read that never ends.
private final class BlockingReader: @unchecked Sendable {
    // Safe: the editor is used only by the detached task until `done` is set, then only by the test.
    private let editor: LineEditor
    private let done = Atomic<Bool>(false)
    private(set) var result: LineInput?

    init(_ editor: LineEditor) {
        self.editor = editor
        Task.detached { [self] in
            result = self.editor.readLine(prompt: "nexo> ")
            done.store(true, ordering: .sequentiallyConsistent)
        }
    }

    /// Polls until the read has ended; false if it has not within `limit`.
    func finishes(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while !done.load(ordering: .sequentiallyConsistent) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}

/// Raises `signal` in this thread with it unblocked, so that its handler has run on return (test
/// worker threads block SIGINT).
private func raiseUnblocked(_ signal: Int32) {
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, signal)
    var mask = sigset_t()
    pthread_sigmask(SIG_UNBLOCK, &unblock, &mask)
    raise(signal)
    pthread_sigmask(SIG_SETMASK, &mask, nil)
}

@Suite struct TerminalTests {
    @Test func aPipeIsNotATerminalAndHasNoWidth() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        #expect(!Terminal.isTerminal(ends[0]))
        #expect(Terminal.width(ends[1]) == nil)
    }
}
