import Glibc

/// SHA-256 digests: of command results (recordings) and of plugin libraries (trust manifest).
enum FileDigest {
    /// Lower-case hex SHA-256 of a file's bytes, or `nil` when it cannot be read.
    @Sendable static func sha256(path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return sha256(descriptor: descriptor)
    }

    /// Lower-case hex SHA-256 of the whole file open on `descriptor`, read with `pread(2)` from
    /// offset 0 (the descriptor's offset is left alone), or `nil` when it cannot be read.
    @Sendable static func sha256(descriptor: Int32) -> String? {
        var hasher = SHA256Hasher()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { break }
            hasher.update(buffer[..<n])
            offset += off_t(n)
        }
        return SHA256Hasher.hexString(hasher.finalize())
    }

    /// Lower-case hex SHA-256 of UTF-8 text.
    static func sha256(text: String) -> String {
        SHA256Hasher.hex(of: Array(text.utf8))
    }
}
