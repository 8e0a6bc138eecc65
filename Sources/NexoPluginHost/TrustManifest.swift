import NexoFiles

/// A trust manifest: the SHA-256 digests of the libraries allowed to load, in the format
/// `sha256sum(1)` writes — one `<64 hex digits>  <file name>` per line (`*` before the name is
/// accepted). Blank lines and lines starting with `#` are ignored.
///
/// Only the digest decides: a listed library loads under any name and from any directory on the
/// search path; a library whose bytes are not listed does not load at all (it is not even opened).
struct TrustManifest: Sendable, Hashable {
    /// Where the manifest was read from.
    let path: String
    /// Lower-case hex digests.
    let digests: Set<String>

    /// The most bytes a manifest may hold: 1 MiB, over ten thousand `sha256sum` lines. Reading
    /// stops there, so a manifest that never ends (`/dev/zero`) is refused at once.
    static let sizeLimit = 1 << 20

    /// Reads (at most ``sizeLimit`` bytes) and parses the manifest at `path`.
    /// - Throws: a refusal of the manifest, naming the file (and line) and the fix.
    static func read(_ path: String) throws(TrustManifest.Problem) -> TrustManifest {
        let text: String
        do { text = try FileSystem.readText(path, limit: sizeLimit) } catch {
            if error == .tooLarge {
                throw Problem(
                    reason:
                        "\(path): the trust manifest is larger than 1 MiB (1,048,576 bytes); list only the digests "
                        + "of your plugin libraries, one 'sha256sum' line each"
                )
            }
            throw Problem(
                reason:
                    "\(path): cannot read the trust manifest (\(error.message)); fix the path given to --trust-manifest"
            )
        }
        return try parse(text, path: path)
    }

    /// Parses manifest text; `path` only names the file in problems.
    static func parse(_ text: String, path: String) throws(TrustManifest.Problem) -> TrustManifest {
        var digests = Set<String>()
        // `Character.isNewline` also matches "\r\n", which Swift keeps as one character.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let digest = parseLine(trimmed) else {
                throw Problem(
                    reason:
                        "\(path):\(index + 1): not a '<sha256>  <file>' line; write one 64-digit hex digest and a "
                        + "file name per line, as sha256sum prints them"
                )
            }
            digests.insert(digest)
        }
        return TrustManifest(path: path, digests: digests)
    }

    /// The lower-case digest of a `<hex> <space or tab>+ [*]<name>` line, or `nil`.
    private static func parseLine(_ line: Substring) -> String? {
        let hex = line.prefix(while: { !($0 == " " || $0 == "\t") })
        guard hex.utf8.count == 64, hex.utf8.allSatisfy(isHexDigit) else { return nil }
        var rest = line.dropFirst(hex.count)
        guard rest.first == " " || rest.first == "\t" else { return nil }
        rest = rest.drop(while: { $0 == " " || $0 == "\t" })
        if rest.hasPrefix("*") { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        return hex.lowercased()
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// Whether a library with this hex digest may load.
    func allows(digest: String) -> Bool { digests.contains(digest.lowercased()) }

    /// Why a manifest cannot be used: one line naming it and the fix.
    struct Problem: Error, Sendable, Hashable {
        /// `<manifest>[:line]: <what>; <fix>`.
        var reason: String
    }
}
