import Glibc
import NexoKit

/// Creates and writes Nexo's output files — exports, recordings, templates, generated worlds and
/// their ground truth — through a 1 MiB buffer with `write(2)`. It is the one place where Nexo
/// creates a file for output, so that every output:
///
/// - is created readable and writable by its owner only (mode 0600): it may hold personal or
///   biometric data;
/// - never goes through a symbolic link and never replaces a link, a directory, a device, a FIFO
///   or a socket (each is refused, saying which);
/// - never lands on a file of a store open in this process — its main file, `-wal`, `-shm` or
///   `-journal` — recognised by device and inode however the path is spelt (``OpenStoreFiles``);
/// - is written under a temporary name in the target's directory, created with
///   `O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC`, then renamed into place; `rename(2)`
///   replaces a directory entry and never writes through it, so a file hard-linked elsewhere keeps
///   its content.
///
/// When the file takes its name is the ``Publication``: a whole-file write takes it at ``close()``,
/// so a failed or abandoned write removes its temporary file and leaves the target untouched.
///
/// Related documentation: open(2) (`O_NOFOLLOW`, `O_EXCL`), rename(2), fsync(2).
public final class FileWriter {
    /// When the written file replaces the target.
    public enum Publication: Sendable {
        /// At ``FileWriter/close()``, once everything is written and on disk: until then the target
        /// is untouched, and a writer dropped without `close()` (a failed command) leaves nothing.
        case whenClosed
        /// Right after creation, while still empty: for a file that grows as a session goes on (a
        /// recording), so a session killed midway leaves everything written and flushed before.
        case whenCreated
    }

    /// The target path, as given.
    public let path: String
    private var descriptor: Int32
    /// The temporary file, until it is renamed to ``path``.
    private var temporaryPath: String?
    private var buffer: [UInt8] = []

    /// Creates a new file for `path` (see ``FileWriter`` for what is refused). With `.whenClosed`
    /// the target keeps its old content, if any, until ``close()``.
    public init(path: String, publish: Publication = .whenClosed) throws(NexoError) {
        self.path = path
        try Self.checkTarget(path)
        let (directory, name) = Self.split(path)
        // Within NAME_MAX (255 bytes) with the prefix and suffix added.
        let stem = name.utf8.count <= 200 ? name : "nexo-output"
        var created: (descriptor: Int32, path: String)?
        for _ in 0..<16 where created == nil {
            let candidate = directory + "/." + stem + ".\(String(UInt32.random(in: .min ... .max), radix: 16)).tmp"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                created = (fd, candidate)
            } else if errno != EEXIST {
                throw Self.failure(path, errno, directory: directory)
            }
        }
        guard let created else {
            throw NexoError(
                .failed, "cannot write '\(path)': no free temporary name in '\(directory)'",
                hint: "remove the stale .\(stem).*.tmp files there")
        }
        descriptor = created.descriptor
        temporaryPath = created.path
        buffer.reserveCapacity(1 << 20)
        if publish == .whenCreated { try publishTemporaryFile() }
    }

    /// Removes the temporary files of writes to `path` that were abandoned (a process killed while writing it):
    /// those named as this writer names them and not modified for `seconds`, so a write still going on in
    /// another process is left alone. Returns how many were removed. A store's index written by a process that
    /// was killed otherwise leaves a hidden file as large as the index.
    @discardableResult
    public static func removeAbandonedTemporaries(of path: String, unmodifiedFor seconds: Int) -> Int {
        let (directory, name) = split(path)
        let stem = name.utf8.count <= 200 ? name : "nexo-output"
        let prefix = "." + stem + "."
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let cutoff = (Int64(now.tv_sec) - Int64(seconds)) * 1_000_000_000
        var removed = 0
        for entry in FileNames.list(directory: directory) where !entry.isDirectory {
            let middle = entry.name.dropFirst(prefix.count).dropLast(4)
            guard entry.name.hasPrefix(prefix), entry.name.hasSuffix(".tmp"), !middle.isEmpty, middle.count <= 8,
                middle.allSatisfy(\.isHexDigit)
            else { continue }
            let candidate = directory + "/" + entry.name
            var info = stat()
            guard lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec) < cutoff
            else { continue }
            if unlink(candidate) == 0 { removed += 1 }
        }
        return removed
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws(NexoError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends raw bytes (a large one straight to the kernel, without copying it into the buffer).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(NexoError) {
        if bytes.count >= 1 << 20 {
            try flush()
            let code = DescriptorIO.writeAll(bytes, to: descriptor)
            if code != 0 { throw Self.failure(path, code) }
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends text.
    public func write(_ text: String) throws(NexoError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Hands what is buffered to the kernel, so it survives the process being killed.
    public func flush() throws(NexoError) {
        try Self.writeAll(buffer, to: descriptor, path: path)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes all of `bytes` to `descriptor` (the file `path`, for messages), in one `write(2)`
    /// unless the kernel takes less.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(NexoError) {
        let code = DescriptorIO.writeAll(bytes, to: descriptor)
        if code != 0 { throw failure(path, code) }
    }

    /// Flushes, syncs to disk, closes and (for `.whenClosed`) renames the file into place.
    /// When any step fails, the temporary file is removed and the target is left as it was.
    public func close() throws(NexoError) {
        try flush()
        let synced = fsync(descriptor) == 0 ? 0 : errno
        let closed = Glibc.close(descriptor) == 0 ? 0 : errno
        descriptor = -1
        if let failure = [synced, closed].first(where: { $0 != 0 }) { throw Self.failure(path, failure) }
        if temporaryPath != nil { try publishTemporaryFile() }
    }

    /// Renames the temporary file to ``path`` after checking the target again (it may have
    /// changed since the writer was created).
    private func publishTemporaryFile() throws(NexoError) {
        guard let temporary = temporaryPath else { return }
        try Self.checkTarget(path)
        guard rename(temporary, path) == 0 else { throw Self.failure(path, errno) }
        temporaryPath = nil
    }

    /// Refuses a target that is a store's file, a symbolic link or anything but a regular file.
    static func checkTarget(_ path: String) throws(NexoError) {
        guard !path.isEmpty, !path.hasSuffix("/") else {
            throw NexoError(.invalidInput, "'\(path)' is not a file name", hint: "name the file to write")
        }
        try OpenStoreFiles.refuseWriting(to: path)
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw failure(path, errno, directory: split(path).directory)
        }
        try refuseUnlessRegular(path, mode: info.st_mode)
    }

    /// Refuses `path` unless `mode` (its `st_mode`) is a regular file's, saying what it is instead.
    static func refuseUnlessRegular(_ path: String, mode: mode_t) throws(NexoError) {
        let kind: String
        switch mode & S_IFMT {
        case S_IFREG: return
        case S_IFLNK:
            throw NexoError(
                .failed, "'\(path)' is a symbolic link; Nexo does not write through links",
                hint: "remove it or choose another name")
        case S_IFDIR: kind = "a directory"
        case S_IFIFO: kind = "a named pipe (FIFO)"
        case S_IFSOCK: kind = "a socket"
        case S_IFCHR, S_IFBLK: kind = "a device"
        default: kind = "not a regular file"
        }
        throw NexoError(.failed, "'\(path)' is \(kind); Nexo writes only regular files", hint: "choose another name")
    }

    /// The directory (`.` for a bare name) and the last component of `path`.
    public static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        return (directory, String(path[path.index(after: slash)...]))
    }

    /// The error for a failed system call on `path`; `ENOENT` with `directory` names the missing directory.
    static func failure(_ path: String, _ code: Int32, directory: String? = nil) -> NexoError {
        if code == ENOENT, let directory {
            return NexoError(
                .notFound, "cannot write '\(path)': the directory '\(directory)' does not exist",
                hint: "create it first, or choose another place")
        }
        return NexoError(.failed, "cannot write '\(path)': \(String(cString: strerror(code)))")
    }
}
