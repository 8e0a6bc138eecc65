import Glibc
import NexoKit
import Synchronization

/// The files of every store open in this process, so that no output is written onto them.
///
/// A store (NexoStore's `Store`) registers its database when it opens and unregisters when it closes;
/// ``FileWriter`` asks ``refuseWriting(to:)`` before it creates or replaces a file. Files are
/// compared by identity, not by spelling: the main file by device and inode (which catches `./S.db`,
/// `../x/S.db`, a hard link, a symbolic link or a linked directory), and each of the main file,
/// `-wal`, `-shm` and `-journal` also by the device and inode of its directory plus its name, which
/// catches a log or journal that does not exist yet.
public enum OpenStoreFiles {
    /// A device and inode pair.
    struct Identity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }

        /// The identity of the file `path` names, following symbolic links; `nil` when there is none.
        init?(of path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.init(info)
        }
    }

    /// One open store's files.
    struct Entry: Sendable {
        /// The path the store was opened with, for messages.
        var spelling: String
        /// The main database file.
        var file: Identity
        /// The directory holding it (after resolving links), and its path.
        var directory: Identity
        var directoryPath: String
        /// The main file's name in that directory.
        var name: String
    }

    /// The files SQLite keeps next to the database, and what each is, for messages.
    static let companions: [(suffix: String, role: String)] = [
        ("-wal", "write-ahead log"), ("-shm", "shared-memory index"), ("-journal", "rollback journal"),
    ]

    private static let entries = Mutex<(next: Int, open: [Int: Entry])>((1, [:]))

    /// Records the files of the store whose database file `path` has just been opened; returns
    /// the token that ``unregister(_:)`` takes.
    public static func register(_ path: String) throws(NexoError) -> Int {
        guard let resolved = realpath(path, nil) else {
            throw NexoError(.failed, "cannot resolve '\(path)': \(String(cString: strerror(errno)))")
        }
        let real = String(cString: resolved)
        free(resolved)
        let (directoryPath, name) = FileWriter.split(real)
        guard let file = Identity(of: real), let directory = Identity(of: directoryPath) else {
            throw NexoError(.failed, "cannot examine the store '\(path)': \(String(cString: strerror(errno)))")
        }
        let entry = Entry(spelling: path, file: file, directory: directory, directoryPath: directoryPath, name: name)
        return entries.withLock { state in
            defer { state.next += 1 }
            state.open[state.next] = entry
            return state.next
        }
    }

    /// Forgets a store's files (it has closed).
    public static func unregister(_ token: Int) {
        _ = entries.withLock { $0.open.removeValue(forKey: token) }
    }

    /// The resolved path of the main file of the store registered under `token`.
    public static func resolvedPath(_ token: Int) -> String? {
        entries.withLock { $0.open[token] }.map {
            $0.directoryPath == "/" ? "/" + $0.name : $0.directoryPath + "/" + $0.name
        }
    }

    /// Throws when `path` is the main file, `-wal`, `-shm` or `-journal` of an open store.
    public static func refuseWriting(to path: String) throws(NexoError) {
        let open = entries.withLock { Array($0.open.values) }
        guard !open.isEmpty else { return }
        let (directoryPath, name) = FileWriter.split(path)
        let directory = Identity(of: directoryPath)
        let target = Identity(of: path)
        for store in open {
            if target == store.file || (directory == store.directory && name == store.name) {
                throw NexoError(
                    .failed, "'\(path)' is the store in use ('\(store.spelling)'); writing there would destroy it",
                    hint: "choose another file name")
            }
            for (suffix, role) in companions {
                let companion = store.name + suffix
                let matches =
                    (directory == store.directory && name == companion)
                    || (target != nil && target == Identity(of: store.directoryPath + "/" + companion))
                if matches {
                    throw NexoError(
                        .failed,
                        "'\(path)' is the \(role) of the store in use ('\(store.spelling)'); writing there would "
                            + "corrupt it",
                        hint: "choose another file name")
                }
            }
        }
    }
}
