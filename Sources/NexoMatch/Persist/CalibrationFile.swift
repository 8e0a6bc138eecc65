import NexoFiles
import NexoKit

/// The text files calibrations measured on a gallery are kept in beside the store (`<store>.biographic-calibration`,
/// `<store>.finger-calibration`): a header line naming what and which version, lines of content, and a last line
/// with the checksum of everything before it, so a damaged or truncated file is refused, never half-read.
enum CalibrationFile {
    /// Largest calibration file read.
    static let limit = 64 << 20

    /// `header`, `lines` and the checksum line, as bytes.
    static func encode(header: String, lines: [String]) -> [UInt8] {
        let body = ([header] + lines).joined(separator: "\n") + "\n"
        return Array((body + "checksum \(IndexChecksum.of(Array(body.utf8)))\n").utf8)
    }

    /// The lines between the header and the checksum; throws `invalid-input` naming `what` when the checksum
    /// differs or the header is not `header`.
    static func decode(_ bytes: [UInt8], header: String, what: String) throws(NexoError) -> [Substring] {
        func bad(_ problem: String) -> NexoError {
            NexoError(
                .invalidInput, "the \(what) file is damaged: \(problem)",
                hint: "run 'bio calibrate' to measure it again")
        }
        guard let end = bytes.dropLast().lastIndex(of: 0x0A) else { throw bad("no checksum line") }
        let body = Array(bytes[...end])
        let last = String(decoding: bytes[(end + 1)...], as: UTF8.self).split(separator: " ")
        guard last.count == 2, last[0] == "checksum",
            UInt64(last[1].last == "\n" ? last[1].dropLast() : last[1]) == IndexChecksum.of(body)
        else { throw bad("its checksum differs") }
        let lines = String(decoding: body, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first == Substring(header) else { throw bad("unknown header '\(lines.first ?? "")'") }
        return Array(lines.dropFirst())
    }

    /// Reads the file at `path`, or `nil` when there is none (or it cannot be read: it is measured again).
    static func read(_ path: String?) -> [UInt8]? {
        guard let path else { return nil }
        return try? LocalFiles.read(path, limit: limit)
    }

    /// Writes `bytes` to `path` (0600, replacing the file whole); a failure is a warning through `storage`: the
    /// calibration is used all the same. Returns whether it was written.
    @discardableResult
    static func write(_ bytes: [UInt8], to path: String?, what: String, storage: any GalleryStorage) -> Bool {
        guard let path else { return false }
        do throws(NexoError) {
            let writer = try FileWriter(path: path)
            try writer.write(bytes)
            try writer.close()
            return true
        } catch {
            storage.warning("cannot keep the \(what) in '\(path)': \(error.message)")
            return false
        }
    }
}
