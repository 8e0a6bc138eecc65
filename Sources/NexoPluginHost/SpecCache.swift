import NexoFiles
import NexoKit

/// The plugin spec cache: one file per plugin library, holding its ``PluginDescription`` so that
/// a start registers the plugin without opening the library (and without decoding its command
/// specs: see ``CachedDescription``).
///
/// An entry is used only when its ``Key`` equals the library's now: same path, size, modification
/// time (ns), inode and device, this host's ABI number and, when a trust manifest is in force, the
/// same SHA-256. Each file is `NEXOSPEC`, the format version, the payload's length and its FNV-1a
/// checksum, then the payload (the key and the description). An entry that is cut short, damaged,
/// of another format version or for another key is ignored and written anew — never trusted, never
/// a crash. Entries are written with ``FileWriter`` (0600, under a temporary name, renamed into
/// place), named after a hash of the library's path.
public struct SpecCache: Sendable {
    /// What identifies the library an entry describes.
    public struct Key: Sendable, Hashable {
        /// The library's path on the search path.
        public var path: String
        /// Its size in bytes.
        public var size: UInt64
        /// Its modification time, in nanoseconds since the epoch.
        public var modified: Int64
        /// Its inode number.
        public var inode: UInt64
        /// The device holding it.
        public var device: UInt64
        /// The ABI number of the host that wrote the entry.
        public var abi: Int32
        /// Its SHA-256 (lower-case hex) when a trust manifest is in force, else `nil`.
        public var sha256: String?

        /// The key of the library at `path` with `status`, for this host.
        public init(path: String, status: FileSystem.Status, sha256: String?) {
            self.path = path
            size = status.size
            modified = status.modified
            inode = status.inode
            device = status.device
            abi = NexoABI.loaded
            self.sha256 = sha256
        }
    }

    /// The directory holding the entries.
    public let directory: String

    /// The version of the file format; an entry of another version is rebuilt.
    static let formatVersion: UInt32 = 4
    static let magic = Array("NEXOSPEC".utf8)
    /// Magic, version, length, checksum.
    static let headerSize = 8 + 4 + 8 + 8
    /// The most bytes an entry may hold (a plugin's specs are a few KiB).
    static let sizeLimit = 4 << 20

    /// A cache in `directory`, which must exist to be read or written.
    public init(directory: String) {
        self.directory = directory
    }

    /// `~/.nexo/plugin-cache` for `environment`'s `HOME` (created 0700, with `~/.nexo`, when
    /// missing, as for the history file), or `nil` without a home or when it cannot be created.
    public static func inHome(_ environment: [String: String]) -> SpecCache? {
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        let nexo = PluginLoader.join(home, ".nexo")
        let directory = PluginLoader.join(nexo, "plugin-cache")
        do {
            try FileSystem.makeDirectory(nexo)
            try FileSystem.makeDirectory(directory)
        } catch { return nil }
        return SpecCache(directory: directory)
    }

    /// The entry's file for the library at `path`.
    public func entryPath(for path: String) -> String {
        let hash = String(Self.nameHash(path), radix: 16)
        return PluginLoader.join(directory, String(repeating: "0", count: 16 - hash.count) + hash + ".spec")
    }

    /// The cached description for `key`, or `nil` when there is no usable entry (missing,
    /// unreadable, damaged, another format version, another key).
    public func read(_ key: Key) -> CachedDescription? {
        guard
            let bytes = try? FileSystem.readBytes(
                entryPath(for: key.path), limit: Self.sizeLimit, followingLinks: false)
        else { return nil }
        return Self.decode(bytes, for: key)
    }

    /// Writes the entry for `key`; a failure leaves the cache as it was (the next start opens the
    /// library again) and is not an error of the start.
    public func write(_ description: PluginDescription, for key: Key) {
        do {
            let writer = try FileWriter(path: entryPath(for: key.path))
            try writer.write(Self.encode(description, for: key))
            try writer.close()
        } catch {}
    }

    /// The file's bytes for `description` under `key`.
    static func encode(_ description: PluginDescription, for key: Key) -> [UInt8] {
        var payload = SpecWriter()
        payload.string(key.path)
        payload.u64(key.size)
        payload.i64(key.modified)
        payload.u64(key.inode)
        payload.u64(key.device)
        payload.u32(UInt32(bitPattern: key.abi))
        payload.optionalString(key.sha256)
        payload.description(description)
        var file = SpecWriter()
        for byte in magic { file.u8(byte) }
        file.u32(formatVersion)
        file.u64(UInt64(payload.bytes.count))
        file.u64(checksum(payload.bytes[...]))
        return file.bytes + payload.bytes
    }

    /// The description in `bytes` if they are a whole, intact entry of this format for `key`.
    static func decode(_ bytes: [UInt8], for key: Key) -> CachedDescription? {
        guard bytes.count >= headerSize, Array(bytes[0..<8]) == magic else { return nil }
        var header = SpecReader(bytes, from: 8)
        guard
            let version = try? header.u32(), version == formatVersion,
            let length = try? header.u64(), length == UInt64(bytes.count - headerSize),
            let sum = try? header.u64(), sum == checksum(bytes[headerSize...])
        else { return nil }
        var reader = SpecReader(bytes, from: headerSize)
        do throws(SpecReader.Malformed) {
            let stored = Key(
                path: try reader.string(), size: try reader.u64(), modified: try reader.i64(),
                inode: try reader.u64(), device: try reader.u64(), abi: Int32(bitPattern: try reader.u32()),
                sha256: try reader.optionalString())
            guard stored == key else { return nil }
            let description = try reader.cachedDescription()
            return reader.isAtEnd ? description : nil
        } catch { return nil }
    }

    /// FNV-1a of `path`, 64 bits: the entry's file name.
    static func nameHash(_ path: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Catches a damaged or cut-short entry (not a defence against a forger, who could as well write the user's
    /// own files; the library is verified when it is opened anyway). Every plugin's entry is checked at each start,
    /// so it reads 8-byte words into four independent lanes (each word xored in, then multiplied by FNV's odd
    /// prime: a change to any word changes its lane), then the last bytes and the length, and mixes the lanes
    /// (SplitMix64's finaliser) — about a tenth of the time of FNV-1a's byte-serial multiply chain.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        return bytes.withUnsafeBytes { raw -> UInt64 in
            var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x9e37_79b9_7f4a_7c15
            var c: UInt64 = 0xbf58_476d_1ce4_e5b9, d: UInt64 = 0x94d0_49bb_1331_11eb
            var offset = 0
            while offset + 32 <= raw.count {
                a = (a ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
                b = (b ^ raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)) &* prime
                c = (c ^ raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)) &* prime
                d = (d ^ raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)) &* prime
                offset += 32
            }
            while offset < raw.count {
                a = (a ^ UInt64(raw[offset])) &* prime
                offset += 1
            }
            var hash = a ^ (b << 1 | b >> 63) ^ (c << 2 | c >> 62) ^ (d << 3 | d >> 61) ^ UInt64(raw.count)
            hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
            hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
            return hash ^ (hash >> 31)
        }
    }
}

extension SpecCache.Key {
    /// A key with every field given (entries read back).
    init(
        path: String, size: UInt64, modified: Int64, inode: UInt64, device: UInt64, abi: Int32, sha256: String?
    ) {
        self.path = path
        self.size = size
        self.modified = modified
        self.inode = inode
        self.device = device
        self.abi = abi
        self.sha256 = sha256
    }
}
