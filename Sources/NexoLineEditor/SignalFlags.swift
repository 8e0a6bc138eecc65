import Glibc
import Synchronization

/// Flags raised by this module's signal handlers, and a self-pipe that wakes the line editor.
///
/// A C signal handler cannot capture context, so the flags live in one global constant. A handler
/// only stores into an atomic and writes one byte to the non-blocking wake pipe, both
/// async-signal-safe. The kernel may run the handler on any thread, so the editor does not wait for
/// EINTR: it polls its input together with the wake pipe. The global is initialised before any
/// handler is installed, so a handler never runs its lazy initialiser.
final class SignalFlags: Sendable {
    /// SIGINT (Ctrl-C) arrived and nobody consumed it yet.
    let interrupt = Atomic<Bool>(false)
    /// SIGWINCH arrived while a line was being edited.
    let resize = Atomic<Bool>(false)
    /// SIGTSTP (Ctrl-Z) arrived while a line was being edited.
    let suspend = Atomic<Bool>(false)
    /// SIGCONT arrived (the process was stopped and resumed) while a line was being edited.
    let resume = Atomic<Bool>(false)
    /// The read end of the wake pipe (-1 if it could not be made).
    let wakeReader: Int32
    private let wakeWriter: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            }
        }
        wakeReader = ends[0]
        wakeWriter = ends[1]
    }

    /// Called from a signal handler: makes the wake pipe readable. Keeps errno.
    func wake() {
        let savedErrno = errno
        var byte: UInt8 = 0
        if wakeWriter >= 0 { _ = write(wakeWriter, &byte, 1) }
        errno = savedErrno
    }

    /// Empties the wake pipe.
    func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while wakeReader >= 0, read(wakeReader, &buffer, buffer.count) > 0 {}
    }
}

let signalFlags = SignalFlags()

/// Installs `handler` for `signal`; with `restart` false (no SA_RESTART) blocking calls the signal
/// interrupts return EINTR. Returns the previous disposition, for ``restoreSignalAction(_:for:)``.
@discardableResult
func installSignalHandler(_ signal: Int32, restart: Bool, _ handler: @convention(c) (Int32) -> Void) -> sigaction {
    _ = signalFlags
    var action = sigaction()
    action.__sigaction_handler.sa_handler = handler
    return installSignalAction(signal, action, flags: restart ? SA_RESTART : 0)
}

/// Installs `action` (its mask emptied) for `signal` with `flags`; returns the previous one.
@discardableResult
func installSignalAction(_ signal: Int32, _ action: sigaction, flags: Int32 = 0) -> sigaction {
    var action = action
    sigemptyset(&action.sa_mask)
    action.sa_flags = flags
    var previous = sigaction()
    sigaction(signal, &action, &previous)
    return previous
}

/// Puts back a disposition returned by ``installSignalHandler(_:restart:_:)``.
func restoreSignalAction(_ action: sigaction, for signal: Int32) {
    var action = action
    sigaction(signal, &action, nil)
}

func handleInterruptSignal(_: Int32) {
    signalFlags.interrupt.store(true, ordering: .sequentiallyConsistent)
    signalFlags.wake()
}

func handleResizeSignal(_: Int32) {
    signalFlags.resize.store(true, ordering: .sequentiallyConsistent)
    signalFlags.wake()
}

func handleSuspendSignal(_: Int32) {
    signalFlags.suspend.store(true, ordering: .sequentiallyConsistent)
    signalFlags.wake()
}

func handleResumeSignal(_: Int32) {
    signalFlags.resume.store(true, ordering: .sequentiallyConsistent)
    signalFlags.wake()
}
