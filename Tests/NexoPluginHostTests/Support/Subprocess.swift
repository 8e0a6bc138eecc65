import Glibc

/// Runs programs for test setup (compilers, `swift build`, `sha256sum`) with `posix_spawnp`.
enum Subprocess {
    /// What a finished program did.
    struct Outcome {
        /// Exit status (or 128 + signal).
        var status: Int32
        /// Standard output and standard error, interleaved.
        var output: String
    }

    /// Runs `arguments` (searched on `PATH`), waits, and returns the exit status and output.
    /// Standard input is `/dev/null`, or the open file `input` from its start.
    static func run(_ arguments: [String], input: Int32? = nil) throws -> Outcome {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(base)/nexo-spawn-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw TestFailure("mkstemp failed") }
        let logPath = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        defer { close(fd); unlink(logPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            guard lseek(input, 0, SEEK_SET) == 0 else { throw TestFailure("lseek failed") }
            posix_spawn_file_actions_adddup2(&actions, input, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, fd, 1)
        posix_spawn_file_actions_adddup2(&actions, fd, 2)

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw TestFailure("cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw TestFailure("waitpid failed") }
        }
        let exit = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: exit, output: try Files.readText(logPath))
    }

    /// Runs `arguments` and throws with its output unless it exits with 0.
    @discardableResult
    static func check(_ arguments: [String], input: Int32? = nil) throws -> String {
        let outcome = try run(arguments, input: input)
        guard outcome.status == 0 else {
            throw TestFailure("`\(arguments.joined(separator: " "))` exited with \(outcome.status):\n\(outcome.output)")
        }
        return outcome.output
    }

    /// Lower-case hex SHA-256 of a file, from `sha256sum`.
    @Sendable static func sha256(_ path: String) -> String? {
        guard let output = try? check(["sha256sum", path]) else { return nil }
        return output.split(separator: " ").first.map(String.init)
    }

    /// Lower-case hex SHA-256 of the file open on `descriptor`, from `sha256sum` reading it as
    /// standard input (the loader's digest function in tests).
    @Sendable static func sha256(descriptor: Int32) -> String? {
        guard let output = try? check(["sha256sum", "-"], input: descriptor) else { return nil }
        return output.split(separator: " ").first.map(String.init)
    }
}
