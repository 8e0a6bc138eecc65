import Glibc
import Testing

/// File helpers for tests: a per-test temporary directory, copying, writing, modes.
struct TestDirectory: ~Copyable {
    /// Absolute path of the directory (mode 0700, from `mkdtemp`).
    let path: String

    /// Creates a fresh directory under `$TMPDIR` (or `/tmp`).
    init(_ label: String = "test") throws {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(base)/nexo-\(label)-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw TestFailure("mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    deinit { _ = try? Subprocess.run(["rm", "-rf", path]) }

    /// `path/name`.
    func file(_ name: String) -> String { path + "/" + name }

    /// Creates the subdirectory `name` (mode 0755) and returns its path.
    func directory(_ name: String, mode: mode_t = 0o755) throws -> String {
        let sub = file(name)
        guard mkdir(sub, 0o700) == 0, chmod(sub, mode) == 0 else {
            throw TestFailure("mkdir \(sub): \(String(cString: strerror(errno)))")
        }
        return sub
    }
}

/// A test-setup failure with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Plain file operations.
enum Files {
    /// The bytes of a file.
    static func read(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw TestFailure("cannot open \(path)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes.append(contentsOf: buffer[..<n])
            if n < buffer.count { break }
        }
        return bytes
    }

    /// The text of a file.
    static func readText(_ path: String) throws -> String { String(decoding: try read(path), as: UTF8.self) }

    /// Writes bytes to a file (mode from the umask, then `mode` when given).
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t? = nil) throws {
        guard let file = fopen(path, "wb") else { throw TestFailure("cannot create \(path)") }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        guard written == bytes.count else { throw TestFailure("short write to \(path)") }
        if let mode { try setMode(mode, of: path) }
    }

    /// Writes text to a file.
    static func write(_ text: String, to path: String, mode: mode_t? = nil) throws {
        try write(Array(text.utf8), to: path, mode: mode)
    }

    /// Copies a file (mode 0644 unless given).
    static func copy(_ source: String, to destination: String, mode: mode_t = 0o644) throws {
        try write(try read(source), to: destination, mode: mode)
    }

    /// `chmod`.
    static func setMode(_ mode: mode_t, of path: String) throws {
        guard chmod(path, mode) == 0 else { throw TestFailure("chmod \(path): \(String(cString: strerror(errno)))") }
    }

    /// Whether a path exists.
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The modification time of `path` (`st_mtim`).
    static func modificationTime(_ path: String) throws -> timespec {
        var info = stat()
        guard stat(path, &info) == 0 else { throw TestFailure("stat \(path): \(String(cString: strerror(errno)))") }
        return info.st_mtim
    }

    /// Sets the access and modification times of `path` to `time` (`utimensat(2)`).
    static func setModificationTime(_ time: timespec, of path: String) throws {
        let times = [time, time]
        guard utimensat(AT_FDCWD, path, times, 0) == 0 else {
            throw TestFailure("utimensat \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Overwrites bytes of `path` at `offset` in place (same inode, same size when within the file)
    /// and gives the file back its modification time: a change the spec cache's key cannot see.
    static func overwriteKeepingTime(_ path: String, at offset: Int, with bytes: [UInt8]) throws {
        let time = try modificationTime(path)
        let descriptor = open(path, O_WRONLY)
        guard descriptor >= 0 else { throw TestFailure("open \(path): \(String(cString: strerror(errno)))") }
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        close(descriptor)
        guard written == bytes.count else { throw TestFailure("short write to \(path)") }
        try setModificationTime(time, of: path)
    }
}

/// Where the package and its build products are.
enum BuildProducts {
    /// The root of the Nexo package, found by walking up from this file.
    static let packageRoot: String = {
        var directory = String(#filePath)
        while let slash = directory.lastIndex(of: "/"), slash != directory.startIndex {
            directory = String(directory[..<slash])
            if Files.exists(directory + "/Package.swift") && Files.exists(directory + "/Sources/NexoKit/Package.swift")
            {
                return directory
            }
        }
        return "."
    }()

    /// `$NEXO_BUILD_DIR`, else `<package root>/.build/debug`.
    static var buildDirectory: String {
        if let value = getenv("NEXO_BUILD_DIR"), value.pointee != 0 { return String(cString: value) }
        return packageRoot + "/.build/debug"
    }

    /// Path of the Notes plugin library; a test requires it to exist (`swift build` makes it).
    static var notesLibrary: String { buildDirectory + "/libNexoNotes.so" }

    /// The NexoKit SDK package directory.
    static var sdkPackage: String { packageRoot + "/Sources/NexoKit" }
}

/// Reading the environment.
enum Environment {
    /// The value of `name`, or `nil`.
    static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}
