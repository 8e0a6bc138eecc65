import NexoFiles

/// Who, besides the user running nexo (and root), could change what a plugin directory loads. A
/// library runs as the user, so whoever can replace it, or the directory holding it, or a directory
/// above that, can run code as the user. Refused, each with one line naming the fix:
///
/// - a plugin directory writable by its group or by others, or owned by another user;
/// - a directory above it (up to `/`) writable by others without the sticky bit (others could
///   rename the plugin directory away and put their own in its place; with the sticky bit, as on
///   `/tmp`, they cannot touch entries they do not own), or owned by another user;
/// - a library writable by its group or by others, or owned by another user.
///
/// "Another user" is anyone but the user nexo runs as and root. Group-writable directories above
/// the plugin directory are accepted (`/usr/local` is group `staff`-writable on some systems).
struct WriteAccess: Sendable {
    /// The user nexo runs as.
    let user: UInt32
    /// `stat(2)` of a directory above the plugin directory.
    let status: @Sendable (String) -> FileSystem.Status?
    /// How a user id is named in messages.
    let describe: @Sendable (UInt32) -> String

    /// The rules for this process.
    static let system = WriteAccess(
        user: FileSystem.currentUser, status: FileSystem.status,
        describe: FileSystem.userDescription)

    /// Why the plugin directory at `path` must not be used, or `nil`.
    func directoryProblem(_ path: String, _ status: FileSystem.Status) -> String? {
        if status.isGroupWritable || status.isOthersWritable {
            return
                "\(path): plugin directory is writable by group or others (mode \(status.permissions)); run 'chmod "
                + "go-w \(path)'"
        }
        if !isTrusted(status.owner) {
            return
                "\(path): plugin directory is owned by user \(describe(status.owner)), who could replace its "
                + "libraries; use a directory owned by you or by root"
        }
        return nil
    }

    /// Why a directory above the plugin directory `path` makes it unsafe, or `nil`. `resolved` is the
    /// plugin directory's absolute path with symbolic links resolved.
    func ancestorProblem(_ path: String, resolved: String) -> String? {
        var ancestor = resolved
        while ancestor != "/", let slash = ancestor.lastIndex(of: "/") {
            ancestor = slash == ancestor.startIndex ? "/" : String(ancestor[..<slash])
            guard let status = status(ancestor) else {
                return "\(path): cannot check \(ancestor), a directory above it; check its permissions"
            }
            if status.isOthersWritable && !status.isSticky {
                return
                    "\(path): \(ancestor), a directory above it, is writable by others (mode \(status.permissions)), "
                    + "who could replace the plugin directory; run 'chmod o-w \(ancestor)'"
            }
            if !isTrusted(status.owner) {
                return
                    "\(path): \(ancestor), a directory above it, is owned by user \(describe(status.owner)), who "
                    + "could replace the plugin directory; keep plugins under directories owned by you or by root"
            }
        }
        return nil
    }

    /// Why the library at `path` must not be loaded, or `nil`.
    func libraryProblem(_ path: String, _ status: FileSystem.Status) -> String? {
        if status.isGroupWritable || status.isOthersWritable {
            return "\(path): writable by group or others (mode \(status.permissions)); run 'chmod go-w \(path)'"
        }
        if !isTrusted(status.owner) {
            return
                "\(path): owned by user \(describe(status.owner)), who could change it; install your own copy of the "
                + "library"
        }
        return nil
    }

    private func isTrusted(_ owner: UInt32) -> Bool { owner == 0 || owner == user }
}
