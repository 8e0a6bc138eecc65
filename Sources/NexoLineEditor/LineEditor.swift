import CLibEdit
import Glibc

/// Interactive line input for the REPL, on libedit: editing keys (emacs bindings, `~/.editrc`),
/// history (up/down, Ctrl-R) kept in a private file, TAB completion through ``completer``, and
/// Ctrl-C / Ctrl-D handling. UTF-8 text edits correctly (libedit's wide-character API).
///
/// One editor per terminal, used from one thread. Related documentation: editline(3), editrc(5).
public final class LineEditor {
    /// Called on TAB with the line and the cursor position (both in `Character`s); returns the
    /// word start and the candidates. With one candidate it replaces the word (plus a space unless
    /// it ends in `/`); with several their common prefix is inserted and a second TAB lists them.
    public var completer: ((_ line: String, _ cursor: Int) -> Completion)?

    /// The history, oldest first: what up-arrow walks through.
    public private(set) var history: [String] = []

    /// Why the last entry could not be saved to the history file (it stays in ``history``), or nil.
    public private(set) var historyError: LineEditorError?

    let programName: String
    let historySize: Int
    let historyFile: HistoryFile?
    let streams: Streams
    let libeditHistory: OpaquePointer
    /// Created by the first ``readLine(prompt:)``, so that an editor used only for history never
    /// touches the terminal.
    var editLine: OpaquePointer?
    /// The stdio stream libedit writes to, set with ``editLine``.
    var outputFile: UnsafeMutablePointer<FILE>?
    var openedFiles: [UnsafeMutablePointer<FILE>] = []
    /// Wide strings libedit keeps pointers to (function names, help texts, the prompt).
    var prompt: UnsafeMutablePointer<wchar_t>
    var retainedNames: [UnsafeMutablePointer<wchar_t>] = []

    /// A byte read ahead while decoding a broken UTF-8 sequence.
    var pendingByte: UInt8?
    var interruptState = InterruptState.none
    var lastTab: TabState?
    /// Tests only: runs just before the editor waits for input.
    var beforeWaiting: (() -> Void)?

    /// The descriptors the editor reads from and writes to.
    struct Streams {
        var input: Int32 = STDIN_FILENO
        var output: Int32 = STDOUT_FILENO
        var error: Int32 = STDERR_FILENO
    }

    /// How far the handling of a Ctrl-C during ``readLine(prompt:)`` has got.
    enum InterruptState {
        case none, injected, shown, finished
    }

    /// The line and cursor (in scalars) after the previous TAB, to tell a repeated TAB.
    struct TabState: Equatable {
        var scalars: [Unicode.Scalar]
        var cursor: Int
    }

    /// Creates an editor on the standard input and output, loading the history from `historyFile`
    /// (nil: history only in memory).
    ///
    /// The history file is created with mode 0600 and set to 0600 if others could read it; it is
    /// refused (this throws) when it is a symbolic link, not a regular file, another user's, a file
    /// of a store open in this process, or in a missing directory. Only when
    /// `creatingHistoryDirectory` is set (Nexo's own default, `~/.nexo`) is its directory created,
    /// one level, 0700. Keeps the newest `historySize` entries. Installs the process-wide
    /// ``InterruptMonitor``. Opens libedit first (see ``loadLibrary()``) and throws its error.
    public convenience init(
        programName: String, historyFile: String?, creatingHistoryDirectory: Bool = false,
        historySize: Int = 5000
    ) throws(LineEditorError) {
        try self.init(
            programName: programName, historyFile: historyFile, creatingHistoryDirectory: creatingHistoryDirectory,
            historySize: historySize, streams: Streams())
    }

    /// Opens libedit, which `nexo` does not link, once per process (later calls return the first
    /// call's result). The initialisers call it; calling it first tells a missing libedit (throws:
    /// what failed and how to go on without it) from an unusable history file.
    public static func loadLibrary() throws(LineEditorError) {
        try LibEdit.load()
    }

    init(
        programName: String, historyFile: String?, creatingHistoryDirectory: Bool = false, historySize: Int,
        streams: Streams
    ) throws(LineEditorError) {
        try LibEdit.load()
        self.programName = programName
        self.historySize = max(historySize, 0)
        self.streams = streams
        self.historyFile = try historyFile.map { path throws(LineEditorError) in
            try HistoryFile(path: path, creatingDirectory: creatingHistoryDirectory)
        }
        guard let libeditHistory = nexo_history_winit() else {
            throw LineEditorError("libedit could not allocate a history: memory is exhausted")
        }
        self.libeditHistory = libeditHistory
        self.prompt = WideText.allocate("")
        nexo_history_setsize(libeditHistory, Int32(clamping: self.historySize))
        InterruptMonitor.shared.install()
        try loadHistory()
    }

    deinit {
        if let editLine { nexo_el_end(editLine) }
        nexo_history_wend(libeditHistory)
        for file in openedFiles { fclose(file) }
        prompt.deallocate()
        for name in retainedNames { name.deallocate() }
    }

    /// Reads one line with editing, showing `prompt` (terminal escape sequences in it, such as
    /// colours, take no width).
    ///
    /// Returns `.interrupted` on Ctrl-C (the line is discarded; `^C` is shown) and `.endOfInput` on
    /// Ctrl-D on an empty line or when the input closes. The caller adds lines to the history. A
    /// Ctrl-C that arrives after the line was entered is left pending in ``InterruptMonitor`` for
    /// the command the caller runs, so pressing it just after Enter cancels that command.
    public func readLine(prompt text: String) -> LineInput {
        let editLine = editor()
        setPrompt(text)
        interruptState = .none
        lastTab = nil
        _ = InterruptMonitor.shared.consume()
        fflush(nil)
        let previousResize = installSignalHandler(SIGWINCH, restart: true, handleResizeSignal)
        let previousSuspend = installSignalHandler(SIGTSTP, restart: true, handleSuspendSignal)
        let previousResume = installSignalHandler(SIGCONT, restart: true, handleResumeSignal)
        defer {
            restoreSignalAction(previousResize, for: SIGWINCH)
            restoreSignalAction(previousSuspend, for: SIGTSTP)
            restoreSignalAction(previousResume, for: SIGCONT)
        }
        var count: Int32 = 0
        let line = nexo_el_wgets(editLine, &count)
        // A Ctrl-C while the line was being read ends the read (the editor saw it); one after the
        // whole line was read is the user's for the command about to run, so it stays pending.
        if interruptState != .none || (line == nil && InterruptMonitor.shared.isInterrupted) {
            _ = InterruptMonitor.shared.consume()
            endTerminalLine()
            return .interrupted
        }
        guard let line, count > 0 else {
            endTerminalLine()
            return .endOfInput
        }
        var scalars = WideText.scalars(line, count: Int(count))
        if scalars.last == "\n" { scalars.removeLast() }
        return .line(WideText.string(scalars))
    }

    /// Adds `line` to the history and appends it to the history file at once.
    ///
    /// Skipped: empty or blank lines, lines starting with a space (a way to keep a command out
    /// of the history), and a repeat of the newest entry.
    public func addToHistory(_ line: String) {
        guard historySize > 0, !line.hasPrefix(" "), line.contains(where: { !$0.isWhitespace }),
            history.last != line
        else { return }
        history.append(line)
        if history.count > historySize { history.removeFirst(history.count - historySize) }
        WideText.withWide(line) { _ = nexo_history_enter(libeditHistory, $0) }
        do {
            try historyFile?.append(line)
        } catch {
            historyError = error
        }
    }

    private func loadHistory() throws(LineEditorError) {
        guard let historyFile, historySize > 0 else { return }
        let entries = try historyFile.load()
        history = Array(entries.suffix(historySize))
        for entry in history {
            WideText.withWide(entry) { _ = nexo_history_enter(libeditHistory, $0) }
        }
        if entries.count > 2 * historySize {
            try historyFile.rewrite(history)
        }
    }

    private func setPrompt(_ text: String) {
        prompt.deallocate()
        prompt = WideText.allocate(WideText.string(WideText.promptText(text, marker: promptMarker)))
    }

    /// After Ctrl-C or Ctrl-D the cursor sits at the end of the abandoned line: move to a new one.
    private func endTerminalLine() {
        guard Terminal.isTerminal(streams.input) else { return }
        write(toTerminal: "\n")
    }

    /// Writes `text` to the editor's output stream.
    func write(toTerminal text: String) {
        guard let file = outputFile else { return }
        fputs(text, file)
        fflush(file)
    }
}

/// The character that encloses the non-printing parts of the prompt for libedit.
let promptMarker: Unicode.Scalar = "\u{01}"

@available(*, unavailable)
extension LineEditor: Sendable {}
