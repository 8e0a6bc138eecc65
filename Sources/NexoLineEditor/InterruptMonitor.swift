import Glibc
import Synchronization

/// Turns SIGINT (Ctrl-C) into a process-wide flag that the REPL and long-running commands poll.
///
/// After ``install()`` Ctrl-C no longer ends the process: the handler only sets an atomic flag
/// (and wakes the line editor through a pipe). It is installed without SA_RESTART, so blocking
/// calls elsewhere in the process may return EINTR on Ctrl-C. ``LineEditor`` installs it itself.
public final class InterruptMonitor: Sendable {
    /// The one monitor of this process (signal dispositions are process-wide).
    public static let shared = InterruptMonitor()

    private let installed = Mutex(false)

    private init() {}

    /// Installs the SIGINT handler; calling it again does nothing.
    public func install() {
        installed.withLock { installed in
            guard !installed else { return }
            installSignalHandler(SIGINT, restart: false, handleInterruptSignal)
            installed = true
        }
    }

    /// Whether Ctrl-C was pressed since the last ``consume()``; clears the flag.
    public func consume() -> Bool {
        signalFlags.interrupt.exchange(false, ordering: .sequentiallyConsistent)
    }

    /// Whether Ctrl-C was pressed since the last ``consume()``, without clearing it: a command
    /// polls this to stop early.
    public var isInterrupted: Bool {
        signalFlags.interrupt.load(ordering: .sequentiallyConsistent)
    }
}
