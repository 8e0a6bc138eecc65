import Glibc

/// The file-name facts the command language asks the host for: the home directory (for `~/` in
/// file-path values) and directory listings (for file-name completion). NexoLanguage has no C
/// calls of its own; the shell hands these to its `Binder` and `Completer`.
public enum FileNames {
    /// `$HOME`, or `nil` when it is unset or empty.
    public static func homeDirectory() -> String? {
        guard let value = getenv("HOME") else { return nil }
        let home = String(cString: value)
        return home.isEmpty ? nil : home
    }

    /// An entry of a directory.
    public struct Entry: Sendable, Hashable {
        /// File name.
        public var name: String
        /// Whether it is a directory (following symbolic links).
        public var isDirectory: Bool
    }

    /// The entries of `directory` other than `.` and `..`, sorted by name; empty when it cannot be read.
    /// Related documentation: opendir(3), readdir(3).
    public static func list(directory: String) -> [Entry] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var isDirectory = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) || Int32(entry.pointee.d_type) == Int32(DT_LNK) {
                var info = stat()
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                if stat(path, &info) == 0 { isDirectory = (info.st_mode & S_IFMT) == S_IFDIR }
            }
            entries.append(Entry(name: name, isDirectory: isDirectory))
        }
        return entries.sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
    }
}
