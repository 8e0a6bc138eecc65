import NexoFiles

/// SHA-256 digests: of command results (recordings) and of plugin libraries (trust manifest).
enum FileDigest {
    /// Lower-case hex SHA-256 of a file's bytes, or `nil` when it cannot be read.
    @Sendable static func sha256(path: String) -> String? {
        guard let file = try? FileSystem.OpenFile(path) else { return nil }
        return sha256(descriptor: file.descriptor)
    }

    /// Lower-case hex SHA-256 of the whole file open on `descriptor`, read with `pread(2)` from
    /// offset 0 (the descriptor's offset is left alone), or `nil` when it cannot be read.
    @Sendable static func sha256(descriptor: Int32) -> String? {
        var hasher = SHA256Hasher()
        guard DescriptorIO.forEachChunk(of: descriptor, { hasher.update($0) }) else { return nil }
        return SHA256Hasher.hexString(hasher.finalize())
    }

    /// Lower-case hex SHA-256 of UTF-8 text.
    static func sha256(text: String) -> String {
        SHA256Hasher.hex(of: Array(text.utf8))
    }
}
