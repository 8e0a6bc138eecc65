import Crypto
import Glibc

/// SHA-256 digests: of command results (recordings) and of plugin libraries (trust manifest).
enum FileDigest {
    /// Lower-case hex SHA-256 of a file's bytes, or `nil` when it cannot be read.
    @Sendable static func sha256(path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<n])) } }
            if n < buffer.count { break }
        }
        if ferror(file) != 0 { return nil }
        return hex(hasher.finalize())
    }

    /// Lower-case hex SHA-256 of UTF-8 text.
    static func sha256(text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        var s = ""
        for byte in digest {
            s.append(digits[Int(byte >> 4)])
            s.append(digits[Int(byte & 15)])
        }
        return s
    }
}
