import Glibc

/// Read-side POSIX file-system calls: `open(2)`/`openat(2)`, `fstat(2)`, `pread(2)`,
/// `fdopendir(3)`/`readdir(3)`, `stat(2)`, `readlink(2)`, `mkdir(2)`, `getpwuid_r(3)`. The plugin
/// loader checks and loads libraries through them, and reads its spec cache; output files are
/// written with ``FileWriter``.
public enum FileSystem {
    /// What `stat(2)` says about a file.
    public struct Status: Sendable, Hashable {
        /// `st_mode`: file type and permission bits.
        public var mode: UInt32
        /// `st_uid`: the owner's user id.
        public var owner: UInt32 = 0
        /// `st_size`: the size in bytes (of a regular file).
        public var size: UInt64 = 0
        /// `st_mtim`: the last modification, in nanoseconds since the epoch.
        public var modified: Int64 = 0
        /// `st_ino`: the inode number.
        public var inode: UInt64 = 0
        /// `st_dev`: the device holding the file.
        public var device: UInt64 = 0

        /// Whether it is a directory (`S_ISDIR`).
        public var isDirectory: Bool { mode & 0o170000 == 0o040000 }
        /// Whether it is a regular file (`S_ISREG`).
        public var isRegularFile: Bool { mode & 0o170000 == 0o100000 }
        /// Whether members of the owning group may write it (`S_IWGRP`).
        public var isGroupWritable: Bool { mode & 0o020 != 0 }
        /// Whether anyone may write it (`S_IWOTH`).
        public var isOthersWritable: Bool { mode & 0o002 != 0 }
        /// Whether the sticky bit is set (`S_ISVTX`): in such a directory only an entry's owner
        /// (or the directory's owner, or root) may rename or remove it, as in `/tmp`.
        public var isSticky: Bool { mode & 0o1000 != 0 }
        /// The permission bits as `chmod` writes them (`755`, `1777`).
        public var permissions: String {
            let text = String(mode & 0o7777, radix: 8)
            return String(repeating: "0", count: max(0, 3 - text.count)) + text
        }

        /// Creates a status (tests describe files with it).
        public init(mode: UInt32, owner: UInt32 = 0, size: UInt64 = 0) {
            self.mode = mode
            self.owner = owner
            self.size = size
        }

        init(_ info: stat) {
            self.init(mode: UInt32(info.st_mode), owner: UInt32(info.st_uid), size: UInt64(max(0, info.st_size)))
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            inode = UInt64(info.st_ino)
            device = UInt64(info.st_dev)
        }
    }

    /// `stat(2)` of `path` (following symbolic links), or `nil` when it does not exist or cannot be reached.
    public static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Status(info)
    }

    /// Removes the file at `path` (`unlink(2)`: a symbolic link itself, never its target); one that does not
    /// exist is not an error.
    public static func removeFile(_ path: String) throws(FileSystem.Failure) {
        guard unlink(path) == 0 || errno == ENOENT else { throw .system() }
    }

    /// The effective user id of this process (`geteuid(2)`): whose code a plugin would run as.
    public static var currentUser: UInt32 { UInt32(geteuid()) }

    /// `name (uid N)` for a user id, or `uid N` when the user has no name (`getpwuid_r(3)`).
    public static func userDescription(_ uid: UInt32) -> String {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let status = getpwuid_r(uid_t(uid), &entry, &buffer, buffer.count, &found)
        guard status == 0, found != nil, let name = entry.pw_name else { return "uid \(uid)" }
        return "'\(String(cString: name))' (uid \(uid))"
    }

    /// The text of the file at `path` (invalid UTF-8 repaired), reading at most `limit` bytes.
    /// - Throws: the `strerror(3)` text of what failed, or ``Failure/tooLarge`` when the file
    ///   holds more than `limit` bytes (it is not read further: a device like `/dev/zero` never ends).
    public static func readText(_ path: String, limit: Int) throws(FileSystem.Failure) -> String {
        String(decoding: try readBytes(path, limit: limit), as: UTF8.self)
    }

    /// The bytes of the file at `path`, reading at most `limit` bytes; with `followingLinks: false`
    /// a symbolic link is refused (``Failure/isSymbolicLink``) and so is anything but a regular file.
    /// - Throws: as ``readText(_:limit:)``.
    public static func readBytes(
        _ path: String, limit: Int, followingLinks: Bool = true
    ) throws(FileSystem.Failure) -> [UInt8] {
        let file = try OpenFile(path, followingLinks: followingLinks)
        let status = file.status()
        if !followingLinks, status?.isRegularFile != true { throw Failure(message: "not a regular file") }
        // A regular file is read in one call of its size (plus one byte, to see it end); anything
        // else in chunks.
        let expected = status.map { $0.isRegularFile ? Int(clamping: $0.size) + 1 : 1 << 16 } ?? 1 << 16
        var bytes: [UInt8] = []
        while bytes.count <= limit {
            let asked = min(max(expected - bytes.count, 1 << 12), limit + 1 - bytes.count)
            let chunk = try file.read(at: UInt64(bytes.count), count: asked)
            if chunk.isEmpty { return bytes }
            // `read` stops short only at the end: a regular file read whole in one call needs no second one.
            if bytes.isEmpty && chunk.count < asked { return chunk }
            bytes += chunk
        }
        throw Failure.tooLarge
    }

    /// Creates the directory `path` with `mode` unless it exists (`mkdir(2)`; `EEXIST` is fine).
    /// Never creates the directories above it.
    public static func makeDirectory(_ path: String, mode: UInt32 = 0o700) throws(FileSystem.Failure) {
        if mkdir(path, mode_t(mode)) != 0 && errno != EEXIST { throw .system() }
    }

    /// Why a file operation failed.
    public struct Failure: Error, Sendable, Hashable {
        /// The `strerror(3)` text (`No such file or directory`).
        public var message: String
        /// The `errno` value (`ENOENT`), or 0 when the failure is not a system error.
        public var code: Int32 = 0

        /// A failure with this text and `errno` value.
        public init(message: String, code: Int32 = 0) {
            self.message = message
            self.code = code
        }

        /// Nothing exists at the path (`ENOENT`).
        public var isNotFound: Bool { code == ENOENT }
        /// A directory was asked for and the path names something else (`ENOTDIR`).
        public var isNotDirectory: Bool { code == ENOTDIR }
        /// The path is a symbolic link and was opened without following it (`ELOOP`).
        public var isSymbolicLink: Bool { code == ELOOP }

        /// The file holds more bytes than the caller accepts.
        public static let tooLarge = Failure(message: "the file is larger than allowed")

        /// The failure of the last system call (`errno`).
        public static func system(_ code: Int32 = errno) -> Failure { Failure(message: errorText(code), code: code) }
    }

    /// Closes a descriptor given up by ``OpenFile/keepOpen()``, once nothing needs it any more.
    public static func close(kept descriptor: Int32) { _ = Glibc.close(descriptor) }

    /// `strerror(3)` of `code`.
    public static func errorText(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}

extension FileSystem {
    /// A file or directory opened read-only (`O_CLOEXEC`): every later check reads this descriptor,
    /// so what was checked is what is used, whatever happens to the path meanwhile. Closed when the
    /// value goes away, unless ``keepOpen()`` hands the descriptor over.
    public struct OpenFile: ~Copyable {
        /// The file descriptor.
        public let descriptor: Int32

        /// Opens `path` (following symbolic links unless `followingLinks` is false: a link then fails
        /// with `ELOOP`, and a FIFO does not block the open); with `directory`, fails unless it is a
        /// directory (`O_DIRECTORY`: `ENOTDIR`).
        public init(
            _ path: String, directory: Bool = false, followingLinks: Bool = true
        ) throws(FileSystem.Failure) {
            let flags =
                O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0) | (followingLinks ? 0 : O_NOFOLLOW | O_NONBLOCK)
            let descriptor = Glibc.open(path, flags)
            guard descriptor >= 0 else { throw .system() }
            self.descriptor = descriptor
        }

        /// Opens the entry `name` of this directory without following a symbolic link
        /// (`openat(2)` with `O_NOFOLLOW`: a link fails with `ELOOP`) and without blocking on a FIFO
        /// (`O_NONBLOCK`, which changes nothing for a regular file).
        public func entry(_ name: String) throws(FileSystem.Failure) -> OpenFile {
            let descriptor = openat(self.descriptor, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            guard descriptor >= 0 else { throw .system() }
            return OpenFile(descriptor: descriptor)
        }

        private init(descriptor: Int32) { self.descriptor = descriptor }

        deinit { Glibc.close(descriptor) }

        /// `fstat(2)` of the open file, or `nil` when it fails.
        public func status() -> Status? {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { return nil }
            return Status(info)
        }

        /// Up to `count` bytes from `offset` (`pread(2)`: the file offset is left alone); fewer only at
        /// the end of the file.
        public func read(at offset: UInt64, count: Int) throws(FileSystem.Failure) -> [UInt8] {
            // Read straight into the array's storage: no zero-filling first, no copy of what was read.
            var failure: FileSystem.Failure?
            let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
                filled = 0
                while filled < count {
                    let n = pread(
                        descriptor, buffer.baseAddress! + filled, count - filled, off_t(offset) + off_t(filled))
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = .system()
                        return
                    }
                    if n == 0 { break }
                    filled += n
                }
            }
            if let failure { throw failure }
            return bytes
        }

        /// Names in the directory (without `.` and `..`) that start with `prefix` and end with
        /// `suffix`, sorted by their UTF-8 bytes; `nil` when it cannot be read. Names are compared as
        /// bytes before any is made a `String`, so listing a large directory (an executable's
        /// `/usr/bin`) for a few names stays cheap.
        public func entries(prefix: String = "", suffix: String = "") -> [String]? {
            let copy = dup(descriptor)
            guard copy >= 0 else { return nil }
            guard let stream = fdopendir(copy) else {
                Glibc.close(copy)
                return nil
            }
            defer { closedir(stream) }
            // The copy shares the directory's read position: start from the top on every call.
            rewinddir(stream)
            let head = Array(prefix.utf8), tail = Array(suffix.utf8)
            var names: [String] = []
            while let entry = readdir(stream) {
                let name: String? = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    let bytes = UnsafeRawBufferPointer(rebasing: raw.prefix(while: { $0 != 0 }))
                    guard bytes.count >= head.count + tail.count, bytes.starts(with: head),
                        bytes.suffix(tail.count).elementsEqual(tail)
                    else { return nil }
                    return String(decoding: bytes, as: UTF8.self)
                }
                if let name, name != "." && name != ".." { names.append(name) }
            }
            return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }

        /// The path that names this very file for as long as the descriptor stays open:
        /// `/proc/self/fd/N`. Opening it opens this file, not whatever the original path names now.
        public var descriptorPath: String { "/proc/self/fd/\(descriptor)" }

        /// The absolute path of the open file as the kernel knows it (`readlink(2)` of
        /// ``descriptorPath``: symbolic links resolved), or `nil`.
        public var resolvedPath: String? {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(descriptorPath, &buffer, buffer.count - 1)
            guard n > 0 else { return nil }
            let path = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return path.hasPrefix("/") ? path : nil
        }

        /// Gives up ownership: the descriptor stays open for the rest of the process (a library
        /// loaded through ``descriptorPath`` keeps that name while it is loaded, so the number must
        /// never be reused for another file).
        public consuming func keepOpen() -> Int32 {
            let descriptor = self.descriptor
            discard self
            return descriptor
        }
    }
}
