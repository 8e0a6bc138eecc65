import Glibc
import NexoFiles
import NexoKit

/// One run of the pager: the POSIX calls behind paging (spawn, the pipe to its standard input, SIGPIPE,
/// the wait, the terminal's modes), and nothing else.
///
/// The pager reads the text from a pipe and keeps nexo's terminal as its standard output and error, in
/// nexo's process group: it reads keys from the terminal, and Ctrl-C reaches it as well as nexo (whose
/// handler only raises a flag, see `InterruptMonitor`). It starts with default signal handling and no
/// blocked signals, whatever nexo set. Related documentation: posix_spawn(3), pipe(7), termios(3).
final class PagerProcess {
    /// The status ``show(_:through:)`` returns for a pager that Ctrl-C ended (128 + SIGINT): the terminal's `^C`
    /// is where the cursor was.
    static let interruptedStatus = 128 + SIGINT

    private let pid: pid_t
    private var input: Int32
    private var status: Int32?

    /// Shows `text` through `command` and returns once the pager has exited; its exit status, or 128 + the
    /// signal that ended it. Throws, having shown nothing, when the pager could not be started (for a command
    /// run by the shell: the shell found no such program, exit status 127 or 126).
    ///
    /// SIGPIPE is ignored while the pager runs (as psql does), so a pager quit before it read everything ends
    /// the writing with EPIPE rather than ending nexo: the rest of the text is dropped, quietly. The
    /// terminal's modes are saved before and put back after, so a pager killed before it could restore them
    /// leaves the line editor the terminal as it was.
    static func show(_ text: String, through command: PagerCommand) throws(NexoError) -> Int32 {
        var modes = termios()
        let savedModes = tcgetattr(STDIN_FILENO, &modes) == 0
        defer { if savedModes { tcsetattr(STDIN_FILENO, TCSADRAIN, &modes) } }
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var previous = sigaction()
        sigaction(SIGPIPE, &ignore, &previous)
        defer { sigaction(SIGPIPE, &previous, nil) }

        let pager = try PagerProcess(command)
        _ = pager.write(text)
        let status = pager.finish()
        if command.words == nil && (status == 126 || status == 127) {
            throw NexoError(.failed, "the shell could not run the pager '\(command.text)' (exit status \(status))")
        }
        return status
    }

    /// Starts `command` reading from a new pipe.
    private init(_ command: PagerCommand) throws(NexoError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw Self.failure(command, errno) }
        // Close-on-exec, so the pager keeps only its standard input (dup2 below clears the flag on it).
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGQUIT, SIGTSTP, SIGWINCH, SIGCONT] { sigaddset(&defaults, signal) }
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let (program, arguments) = command.invocation
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child = pid_t()
        let spawned = posix_spawnp(&child, program, &actions, &attributes, argv, environ)
        close(ends[0])
        guard spawned == 0 else {
            close(ends[1])
            throw Self.failure(command, spawned)
        }
        pid = child
        input = ends[1]
    }

    deinit { _ = finish() }

    /// Writes all of `text` to the pager; `false` when it stopped reading (it was quit), and the rest is dropped.
    private func write(_ text: String) -> Bool {
        guard input >= 0 else { return false }
        var text = text
        return text.withUTF8 { DescriptorIO.writeAll(UnsafeRawBufferPointer($0), to: input) } == 0
    }

    /// Ends the pager's input and waits for it to exit; its exit status, or 128 + the signal that ended it.
    /// Idempotent.
    private func finish() -> Int32 {
        if input >= 0 { close(input) }
        input = -1
        if let status { return status }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        let result = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        status = result
        return result
    }

    private static func failure(_ command: PagerCommand, _ code: Int32) -> NexoError {
        NexoError(.failed, "cannot start the pager '\(command.text)': \(String(cString: strerror(code)))")
    }
}

@available(*, unavailable)
extension PagerProcess: Sendable {}
