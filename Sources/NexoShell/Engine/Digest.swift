import Glibc

/// SHA-256 digests: of command results (recordings) and of plugin libraries (trust manifest).
enum FileDigest {
    /// Lower-case hex SHA-256 of a file's bytes, or `nil` when it cannot be read.
    @Sendable static func sha256(path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var hasher = SHA256Hasher()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { hasher.update(buffer[..<n]) }
            if n < buffer.count { break }
        }
        if ferror(file) != 0 { return nil }
        return SHA256Hasher.hexString(hasher.finalize())
    }

    /// Lower-case hex SHA-256 of UTF-8 text.
    static func sha256(text: String) -> String {
        SHA256Hasher.hex(of: Array(text.utf8))
    }
}
