import Glibc

/// The few POSIX file-system calls the loader needs: `stat(2)`, `opendir(3)`/`readdir(3)`,
/// `realpath(3)` and `read(2)`. The only place in this module that calls them.
enum FileSystem {
    /// What `stat(2)` says about a path (following symbolic links).
    struct Status: Sendable, Hashable {
        /// `st_mode`: file type and permission bits.
        var mode: UInt32

        /// Whether the path is a directory (`S_ISDIR`).
        var isDirectory: Bool { mode & 0o170000 == 0o040000 }
        /// Whether the path is a regular file (`S_ISREG`).
        var isRegularFile: Bool { mode & 0o170000 == 0o100000 }
        /// Whether members of the owning group may write it (`S_IWGRP`).
        var isGroupWritable: Bool { mode & 0o020 != 0 }
        /// Whether anyone may write it (`S_IWOTH`).
        var isOthersWritable: Bool { mode & 0o002 != 0 }
        /// The permission bits as `chmod` writes them (`755`).
        var permissions: String {
            let bits = mode & 0o7777
            var text = ""
            var rest = bits
            repeat {
                text = String(rest & 7) + text
                rest >>= 3
            } while rest > 0
            return String(repeating: "0", count: max(0, 3 - text.count)) + text
        }
    }

    /// `stat(2)` of `path`, or `nil` when it does not exist or cannot be reached.
    static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Status(mode: UInt32(info.st_mode))
    }

    /// Names in the directory (without `.` and `..`), sorted by their UTF-8 bytes; `nil` when the
    /// directory cannot be read.
    static func entries(of directory: String) -> [String]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The canonical absolute path (`realpath(3)`), or `nil` when it does not resolve.
    static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The bytes of the file at `path` as UTF-8 text (invalid sequences repaired).
    /// - Throws: the `strerror(3)` text of what failed.
    static func readText(_ path: String) throws(FileSystem.Failure) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(message: errorText(errno)) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 14)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(message: errorText(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Why a file operation failed.
    struct Failure: Error, Sendable, Hashable {
        /// The `strerror(3)` text (`No such file or directory`).
        var message: String
    }

    /// `strerror(3)` of `code`.
    static func errorText(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
