import Glibc

/// Reads and writes on a descriptor that is already open — standard input, output and error, or
/// a file opened elsewhere — retrying after signals (`EINTR`) and after short transfers.
public enum DescriptorIO {
    /// Writes all of `bytes` to `descriptor`, in one `write(2)` unless the kernel takes less.
    /// Returns 0, or the `errno` of the write that failed (`EPIPE` when the reader went away).
    @discardableResult
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    /// Writes all of `raw` to `descriptor`, retrying short writes and `EINTR`; returns 0 or the `errno` of the
    /// failure.
    public static func writeAll(_ raw: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
        var offset = 0
        while offset < raw.count {
            let n = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            // Nothing written for a non-empty request: give up rather than spin.
            if n == 0 { return EIO }
            offset += n
        }
        return 0
    }

    /// Everything `descriptor` holds from its current offset to its end (standard input until
    /// its writer closes it), read with `read(2)`; reading stops at the first error.
    public static func readToEnd(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return bytes }
            bytes += buffer[..<n]
        }
    }

    /// Calls `body` with the whole content of the file open on `descriptor`, chunk by chunk, read
    /// with `pread(2)` from offset 0 (the descriptor's offset is left alone); `false` when a read
    /// failed.
    public static func forEachChunk(of descriptor: Int32, _ body: (ArraySlice<UInt8>) -> Void) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return false }
            if n == 0 { return true }
            body(buffer[..<n])
            offset += off_t(n)
        }
    }
}
