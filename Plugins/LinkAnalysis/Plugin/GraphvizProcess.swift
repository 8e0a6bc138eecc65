import Glibc
import NexoKit

/// One running Graphviz: the POSIX calls behind ``Graphviz/render(_:layout:format:isCancelled:)``
/// (spawn, the three standard streams, poll, kill and wait), and nothing else.
///
/// The child's three standard streams are each one end of a socket pair (its input written with
/// `MSG_NOSIGNAL`, so a child that stops reading is an error, not a SIGPIPE); every descriptor is
/// close-on-exec, so the child keeps only its three. ``finish()`` (or deinit) kills a child still running and reaps it.
final class GraphvizProcess {
    /// Which of the child's outputs to read.
    enum Stream { case output, errors }

    private let pid: pid_t
    private var input: Int32
    private var output: Int32
    private var errors: Int32
    private var status: Int32?

    /// Starts `executable` with `arguments`.
    init(executable: String, arguments: [String]) throws(NexoError) {
        var socket: [Int32] = [-1, -1], out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        guard Self.socketPair(&socket) else { throw Self.failure("cannot make a socket for Graphviz") }
        guard Self.socketPair(&out) else {
            Self.close(socket)
            throw Self.failure("cannot make a socket for Graphviz")
        }
        guard Self.socketPair(&err) else {
            Self.close(socket + out)
            throw Self.failure("cannot make a socket for Graphviz")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, socket[1], 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        // The child starts with default signal handling and no blocked signals, whatever nexo set.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child = pid_t()
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        Self.close([socket[1], out[1], err[1]])
        guard spawned == 0 else {
            Self.close([socket[0], out[0], err[0]])
            throw Self.failure("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        pid = child
        input = socket[0]
        output = out[0]
        errors = err[0]
        for descriptor in [input, output, errors] {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
    }

    deinit { finish() }

    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Waits up to `milliseconds` for the child's input to take bytes (when `writing`) or its
    /// outputs to have bytes or end; says which are ready.
    func wait(writing: Bool, milliseconds: Int32) throws(NexoError) -> (input: Bool, output: Bool, errors: Bool) {
        var descriptors = [
            pollfd(fd: writing ? input : -1, events: Int16(POLLOUT), revents: 0),
            pollfd(fd: output, events: Int16(POLLIN), revents: 0),
            pollfd(fd: errors, events: Int16(POLLIN), revents: 0),
        ]
        let count = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        if count < 0 {
            guard errno == EINTR else { throw Self.failure("waiting for Graphviz failed") }
            return (false, false, false)
        }
        return (descriptors[0].revents != 0, descriptors[1].revents != 0, descriptors[2].revents != 0)
    }

    /// Writes what the child's input takes of `bytes` now; returns how many it took.
    func write(_ bytes: ArraySlice<UInt8>) throws(NexoError) -> Int {
        let sent = bytes.withUnsafeBytes { send(input, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if sent >= 0 { return sent }
        if errno == EAGAIN || errno == EINTR { return 0 }
        throw Self.failure("Graphviz stopped reading its input (\(String(cString: strerror(errno))))")
    }

    /// Ends the child's input.
    func closeInput() {
        if input >= 0 { Glibc.close(input) }
        input = -1
    }

    /// Appends what `stream` has now to `bytes`; returns `false` at its end.
    func read(from stream: Stream, into bytes: inout [UInt8]) throws(NexoError) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes {
            Glibc.read(stream == .output ? output : errors, $0.baseAddress, $0.count)
        }
        if count > 0 {
            bytes += buffer[..<count]
            return true
        }
        if count == 0 { return false }
        if errno == EAGAIN || errno == EINTR { return true }
        throw Self.failure("reading from Graphviz failed (\(String(cString: strerror(errno))))")
    }

    /// Waits for the child to exit; its exit status, or 128 + the signal that ended it.
    func exitStatus() -> Int32 {
        if let status { return status }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        let result = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        status = result
        return result
    }

    /// Kills the child if it still runs, reaps it and closes every descriptor. Idempotent.
    func finish() {
        if status == nil {
            kill(pid, SIGKILL)
            _ = exitStatus()
        }
        closeInput()
        Self.close([output, errors].filter { $0 >= 0 })
        output = -1
        errors = -1
    }

    /// A connected, close-on-exec pair of stream sockets in `pair`.
    private static func socketPair(_ pair: inout [Int32]) -> Bool {
        socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0
    }

    private static func close(_ descriptors: [Int32]) {
        for descriptor in descriptors { Glibc.close(descriptor) }
    }

    private static func failure(_ message: String) -> NexoError {
        NexoError(.failed, message, hint: "check the system's limits on processes and open files")
    }
}
