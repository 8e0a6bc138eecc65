import Glibc
import NexoKit

/// A private file that grows across sessions by whole records — the REPL history — opened with
/// the same safety as ``FileWriter``:
///
/// - never a file of a store open in this process (``OpenStoreFiles``), never through a symbolic
///   link (`O_NOFOLLOW`), never anything but a regular file (opened `O_NONBLOCK`, so a named pipe
///   cannot hang the open before it is refused);
/// - created with mode 0600 when missing, in a directory that must exist (none is created);
/// - an existing file must belong to the user running Nexo, and is made 0600 if others could read
///   or write it.
///
/// Each ``append(_:)`` is one `write(2)` on an `O_APPEND` descriptor, so the records of sessions
/// appending at the same time interleave whole. To replace the whole content, write a new file
/// with ``FileWriter``.
public struct AppendingFile: ~Copyable {
    /// The path, as given.
    public let path: String
    private let descriptor: Int32

    /// Opens `path` for appending, creating it (0600) when missing; see ``AppendingFile`` for what
    /// is refused.
    public init(path: String) throws(NexoError) {
        self.path = path
        descriptor = try Self.openChecked(path)
    }

    deinit { close(descriptor) }

    /// Appends `bytes` at the end of the file, in one `write(2)` unless the kernel takes less.
    public func append(_ bytes: [UInt8]) throws(NexoError) {
        try FileWriter.writeAll(bytes, to: descriptor, path: path)
    }

    /// A descriptor on `path` that passed every check; closed again when one fails.
    private static func openChecked(_ path: String) throws(NexoError) -> Int32 {
        try FileWriter.checkTarget(path)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            // The path may have changed since it was checked (into a link, a named pipe …): say so.
            try FileWriter.checkTarget(path)
            throw FileWriter.failure(path, code, directory: FileWriter.split(path).directory)
        }
        do throws(NexoError) {
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw FileWriter.failure(path, errno) }
            try FileWriter.refuseUnlessRegular(path, mode: info.st_mode)
            guard info.st_uid == geteuid() else {
                throw NexoError(
                    .denied, "'\(path)' belongs to another user (uid \(info.st_uid))",
                    hint: "remove it or choose another file")
            }
            if info.st_mode & 0o077 != 0, fchmod(fd, 0o600) != 0 { throw FileWriter.failure(path, errno) }
            return fd
        } catch {
            close(fd)
            throw error
        }
    }
}
