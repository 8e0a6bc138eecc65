import Glibc
import Synchronization
import Testing

/// Drives a program in a real terminal, for tests of interactive behaviour (line editing, TAB
/// completion, history, Ctrl-C, Ctrl-D).
///
/// The program runs in a detached tmux session on a private tmux server (its own socket, no user
/// configuration) with a fixed size. Tests type into it, press keys, and wait — by polling the
/// screen until a condition holds, failing after a timeout — then read what the screen shows:
///
/// ```swift
/// let session = try TerminalSession(["\(bin)/nexo", "--db", ":memory:"])
/// defer { session.close() }
/// try await session.waitFor("nexo> ")
/// try session.type("gang mem")
/// try session.press("Tab")
/// try await session.waitFor("gang members ")
/// try session.press("C-d")
/// #expect(try await session.waitForExit() == 0)
/// ```
///
/// Suites that use it skip when tmux is missing:
/// `@Suite(.enabled(if: TerminalSession.isAvailable, TerminalSession.unavailableComment))`.
final class TerminalSession {
    /// A failed tmux command or a wait that timed out; the description shows the screen.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Whether tmux can be run.
    static let isAvailable: Bool = (try? runTmux(["-V"])) != nil

    /// Why terminal tests are skipped when tmux is missing.
    static let unavailableComment: Comment = "tmux is not installed: run Scripts/setup (apt-get install tmux)"

    /// The terminal size.
    let width: Int
    let height: Int

    private let server: String
    private let target = "nexo-test:0.0"
    private var isClosed = false
    /// tmux leaves its socket file behind after kill-server.
    private var socketPath: String?

    /// Starts `arguments` (program and its arguments, run directly, not through a shell) in a new
    /// terminal `width` × `height`, in `directory` if given, with `environment` added to this
    /// process's environment. `LANG` defaults to C.UTF-8 and `TMUX` is removed.
    init(
        _ arguments: [String], width: Int = 120, height: Int = 40, environment: [String: String] = [:],
        directory: String? = nil
    ) throws {
        precondition(!arguments.isEmpty, "TerminalSession needs a program to run")
        self.width = width
        self.height = height
        server = "nexo-test-\(getpid())-\(sessionCounter.add(1, ordering: .relaxed).newValue)"
        var variables = ["LANG": "C.UTF-8"]
        variables.merge(environment) { _, new in new }
        let command =
            (["exec", "env", "-u", "TMUX"]
            + variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + arguments).map(Self.shellQuoted).joined(separator: " ")
        var newSession = ["new-session", "-d", "-s", "nexo-test", "-x", "\(width)", "-y", "\(height)"]
        if let directory { newSession += ["-c", directory] }
        newSession.append(command)
        // One tmux invocation: the options hold before the program starts, so its exit status and
        // last screen stay readable after it ends.
        // An empty remain-on-exit-format keeps tmux from writing "Pane is dead" over the screen.
        try run(
            [
                "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                "set-option", "-g", "remain-on-exit-format", "", ";",
                "set-option", "-g", "history-limit", "10000", ";",
            ] + newSession,
            startingServer: true)
        socketPath = try? run(["display-message", "-p", "#{socket_path}"]).split(separator: "\n").first.map(String.init)
    }

    deinit { close() }

    /// Types `text` literally (no key names).
    func type(_ text: String) throws {
        try run(["send-keys", "-t", target, "-l", "--", text])
    }

    /// Types `text`, then presses Enter.
    func typeLine(_ text: String) throws {
        try type(text)
        try press("Enter")
    }

    /// Presses keys by tmux name: `Enter`, `Tab`, `BSpace`, `Escape`, `Up`, `Down`, `Left`,
    /// `Right`, `Home`, `End`, `C-c`, `C-d`, `C-r`, `C-z`, `M-b`…
    func press(_ keys: String...) throws {
        try run(["send-keys", "-t", target] + keys)
    }

    /// The visible screen, one line per row, as a user reads it: trailing spaces are dropped,
    /// except on the cursor's row up to the cursor (so a prompt reads `nexo> ` with its space), and
    /// blank rows below the cursor are dropped. Programs that redraw a line may or may not write
    /// spaces after it; this makes their screens compare equal.
    func screen() throws -> String {
        // One tmux call, so the cursor belongs to the same moment as the text.
        let output = try run([
            "capture-pane", "-p", "-N", "-t", target, ";",
            "display-message", "-p", "-t", target, "#{cursor_y} #{cursor_x}",
        ])
        var rows = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if rows.last == "" { rows.removeLast() }
        let cursor = rows.popLast()?.split(separator: " ").compactMap { Int($0) } ?? []
        guard cursor.count == 2 else { throw Failure(description: "tmux did not report the cursor: \(output)") }
        return Self.normalized(rows, cursorRow: cursor[0], cursorColumn: cursor[1])
    }

    /// Everything the terminal showed, scrollback included, wrapped lines joined, trailing spaces
    /// and blank rows at the end dropped.
    func transcript() throws -> String {
        let rows = try run(["capture-pane", "-p", "-J", "-S", "-", "-t", target])
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return Self.normalized(rows, cursorRow: -1, cursorColumn: 0)
    }

    /// The cursor position, zero-based.
    func cursor() throws -> (row: Int, column: Int) {
        let numbers = try run(["display-message", "-p", "-t", target, "#{cursor_y} #{cursor_x}"])
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard numbers.count == 2 else { throw Failure(description: "tmux did not report the cursor") }
        return (numbers[0], numbers[1])
    }

    /// How long a wait gives the program before failing: a deadline, not a pause (every wait
    /// returns as soon as the screen shows what it waits for). Generous, because the suite runs
    /// the terminal tests beside CPU-heavy ones on a 2-core machine, where a debug `nexo` under
    /// tmux once took over 10 s to exit.
    static let patience: Duration = .seconds(45)

    /// Waits until the cursor is in `column` (zero-based), e.g. after pressing Left, so that the
    /// next key does not overtake the program (Ctrl-C makes the terminal drop unread input).
    func waitForCursor(column: Int, timeout: Duration = TerminalSession.patience) async throws {
        let deadline = ContinuousClock.now + timeout
        while try cursor().column != column {
            guard ContinuousClock.now < deadline else {
                throw Failure(
                    description: "timed out after \(timeout) waiting for the cursor in column \(column) "
                        + "(it is in \(try cursor().column)); the screen shows:\n" + (try screen()))
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until the screen contains `text`; returns the screen. Throws after `timeout`.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = TerminalSession.patience) async throws -> String {
        try await waitUntil("the screen shows \(Self.quoted(text))", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `condition` holds for the screen, checking every 20 ms; returns the screen.
    /// Throws after `timeout` with `description` and the last screen.
    @discardableResult
    func waitUntil(
        _ description: String, timeout: Duration = TerminalSession.patience,
        _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let screen = try screen()
            if condition(screen) { return screen }
            guard ContinuousClock.now < deadline else {
                throw Failure(
                    description: "timed out after \(timeout) waiting until \(description); the screen shows:\n"
                        + screen)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until the program has ended; returns its exit status (128 + n if killed by signal n).
    func waitForExit(timeout: Duration = TerminalSession.patience) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        var zombieSince: ContinuousClock.Instant?
        var polls = 0, zombieSeen = 0
        while true {
            polls += 1
            let fields = try run([
                "display-message", "-p", "-t", target,
                "#{pid} #{pane_dead} #{pane_pid} #{pane_dead_status} #{pane_dead_signal}",
            ])
            .split(whereSeparator: \.isWhitespace).map(String.init)
            if fields.count > 1, fields[1] == "1" {
                if fields.count > 3, let status = Int32(fields[3]) { return status }
                if fields.count > 4, let signal = Int32(fields[4]) { return 128 + signal }
                // The pane is dead but tmux has no status yet. tmux 3.3 sometimes misses the
                // SIGCHLD and leaves the program a zombie: another SIGCHLD makes it reap.
                if let server = pid_t(fields[0]) { kill(server, SIGCHLD) }
                // Under load it sometimes never does (seen twice in full runs: the program a zombie for 45 s).
                // A zombie's exit status is in /proc/PID/stat; read it there once the program has stayed one.
                if fields.count > 2, let code = Self.zombieExitCode(fields[2]) {
                    zombieSeen += 1
                    zombieSince = zombieSince ?? ContinuousClock.now
                    if let since = zombieSince, ContinuousClock.now - since > .seconds(1) || zombieSeen >= 50 {
                        return code & 0x7f == 0 ? (code >> 8) & 0xff : 128 + (code & 0x7f)
                    }
                }
            }
            guard ContinuousClock.now < deadline else {
                // Whether the program is still running, a zombie tmux did not reap, or gone: the kernel's view.
                let program = fields.count > 2 ? Self.processState(fields[2]) : "unknown"
                throw Failure(
                    description:
                        "timed out after \(timeout) waiting for the program to exit [\(fields)] "
                        + "(\(polls) polls, seen a zombie in \(zombieSeen)); the program: \(program); "
                        + "the screen shows:\n" + (try screen()))
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The wait status (as `waitpid` gives it) of process `pid` when it is a zombie: `/proc/PID/stat`'s state
    /// (field 3) is `Z` and its last field is `exit_code` (Linux 3.5 on); `nil` otherwise.
    static func zombieExitCode(_ pid: String) -> Int32? {
        guard let text = readProcFile("/proc/\(pid)/stat") else { return nil }
        // The command name (field 2) is in parentheses and may hold spaces: the fields after it follow the last ')'.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.first == "Z",
            let last = fields.last.flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        else { return nil }
        return last
    }

    /// The `State` and `wchan` of process `pid` from /proc, or `gone`.
    static func processState(_ pid: String) -> String {
        guard let status = readProcFile("/proc/\(pid)/status") else { return "gone" }
        let lines = status.split(separator: "\n")
        let state = lines.first { $0.hasPrefix("State:") } ?? "State: ?"
        let parent = lines.first { $0.hasPrefix("PPid:") } ?? "PPid: ?"
        // A leader that exited while another thread has not is shown as a zombie no one can reap yet.
        var threads: [String] = []
        if let directory = opendir("/proc/\(pid)/task") {
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard name.first?.isNumber == true, let task = readProcFile("/proc/\(pid)/task/\(name)/stat"),
                    let close = task.lastIndex(of: ")")
                else { continue }
                let taskState = task[task.index(after: close)...].split(separator: " ").first ?? "?"
                threads.append("\(name) \(taskState) \(readProcFile("/proc/\(pid)/task/\(name)/wchan") ?? "?")")
            }
        }
        return "\(state), \(parent), wchan \(readProcFile("/proc/\(pid)/wchan") ?? "?"), threads: "
            + (threads.isEmpty ? "none" : threads.joined(separator: "; "))
    }

    /// The text of a small /proc file (at most 4 KiB), or `nil` when it cannot be read.
    private static func readProcFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = fread(&buffer, 1, buffer.count - 1, file)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Ends the program (SIGHUP, as when a terminal closes) and the tmux server. Called by deinit.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = try? run(["kill-server"])
        if let socketPath { unlink(socketPath) }
    }

    /// Runs a command on this session's tmux server.
    ///
    /// The call that starts the server goes through bash, which first closes every inherited
    /// descriptor above 2: the server outlives the call, and a pipe that another test opened
    /// without close-on-exec and that leaked into it would never reach its end while it runs.
    @discardableResult
    private func run(_ arguments: [String], startingServer: Bool = false) throws -> String {
        try Self.runTmux(["-u", "-L", server, "-f", "/dev/null"] + arguments, closingDescriptors: startingServer)
    }

    /// Runs tmux with `arguments`; returns its standard output, or throws with its error output.
    private static func runTmux(_ arguments: [String], closingDescriptors: Bool = false) throws -> String {
        let closeAll =
            "for fd in /proc/$$/fd/*; do fd=${fd##*/}; if [ \"$fd\" -gt 2 ]; then eval \"exec $fd>&-\"; fi; done; "
            + "exec \"$@\""
        let command = closingDescriptors ? ["bash", "-c", closeAll, "bash", "tmux"] : ["tmux"]
        let result = try Subprocess.run(command + arguments)
        guard result.status == 0 else {
            throw Failure(
                description: "tmux \(arguments.joined(separator: " ")) failed (status \(result.status)): "
                    + result.error)
        }
        return result.output
    }

    /// `rows` without trailing spaces (the cursor's row keeps its text up to the cursor, padded
    /// with spaces if needed) and without empty rows at the end.
    static func normalized(_ rows: [String], cursorRow: Int, cursorColumn: Int) -> String {
        var lines = rows.enumerated().map { index, row in
            var line = Substring(row)
            while line.last == " " { line.removeLast() }
            guard index == cursorRow, line.count < cursorColumn else { return String(line) }
            let kept = row.prefix(cursorColumn)
            return kept + String(repeating: " ", count: cursorColumn - kept.count)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
    }

    /// `text` as one word for sh(1).
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }
}

private let sessionCounter = Atomic<Int>(0)
private let spawnLock = Mutex(())

/// Runs a program to completion, capturing its output (posix_spawn; the test process's environment
/// minus `TMUX`, standard input from /dev/null, no other inherited descriptors).
private enum Subprocess {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        // The pipes are made close-on-exec, and pipe-to-spawn holds a lock, so that a program
        // started by another test at the same time cannot inherit them: a tmux server lives on and
        // would keep them open, and the reads below would never end.
        let (pid, outputPipe, errorPipe) = try spawnLock.withLock { _ throws(TerminalSession.Failure) in
            try spawn(arguments)
        }
        defer {
            close(outputPipe)
            close(errorPipe)
        }
        // tmux writes little; reading one pipe to its end before the other cannot fill a pipe.
        let output = readAll(outputPipe)
        let error = readAll(errorPipe)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exitStatus, output: output, error: error)
    }

    /// Starts `arguments`; returns its pid and the read ends of its output and error pipes.
    private static func spawn(_ arguments: [String]) throws(TerminalSession.Failure) -> (pid_t, Int32, Int32) {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0, pipe(&errorPipe) == 0 else {
            throw TerminalSession.Failure(description: "pipe failed: \(String(cString: strerror(errno)))")
        }
        for fd in outputPipe + errorPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)

        var environment = currentEnvironment().filter { !$0.hasPrefix("TMUX=") }.map { strdup($0) }
        environment.append(nil)
        var argv = arguments.map { strdup($0) }
        argv.append(nil)
        defer { for pointer in environment + argv { free(pointer) } }

        // Test threads block signals, and a blocked or ignored signal stays so across exec: a tmux
        // server that never sees SIGCHLD never learns that its program ended. Start clean.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaultSignals, Int32(signal)) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environment)
        close(outputPipe[1])
        close(errorPipe[1])
        guard spawned == 0 else {
            close(outputPipe[0])
            close(errorPipe[0])
            throw TerminalSession.Failure(
                description: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        return (pid, outputPipe[0], errorPipe[0])
    }

    private static func readAll(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 {
                bytes += buffer[0..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func currentEnvironment() -> [String] {
        var variables: [String] = []
        var entry = environ
        while let variable = entry.pointee {
            variables.append(String(cString: variable))
            entry += 1
        }
        return variables
    }
}
