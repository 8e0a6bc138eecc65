/// The 64-bit checksum of the match engine's index files: four independent lanes over 32-byte
/// blocks, each lane mixed per 8-byte word by the multiply–rotate–multiply round of xxHash64
/// (Yann Collet's published design), the lanes merged, the length and tail bytes added, and the
/// result avalanched. It is not xxHash64's value (the tail and merge are ours) and it is not a
/// cryptographic hash: it finds torn writes, cut files and flipped bits, not forgery.
///
/// Four lanes let the CPU run four multiplications at once: about 8 bytes per cycle, so checking
/// 512 MB of int8 face codes costs tens of milliseconds.
public enum IndexChecksum {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The checksum of `bytes`.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 { of(parts: [bytes]) }

    /// The checksum of the bytes of `parts` one after the other: the same as of one buffer holding them all.
    public static func of(parts: [UnsafeRawBufferPointer]) -> UInt64 {
        var lanes = (prime1 &+ prime2, prime2, UInt64(0), 0 &- prime1)
        func block(_ base: UnsafeRawPointer) {
            lanes.0 = round(lanes.0, base.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            lanes.1 = round(lanes.1, base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            lanes.2 = round(lanes.2, base.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            lanes.3 = round(lanes.3, base.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
        // Bytes of a 32-byte block begun at the end of one part and finished by the next.
        var pending: [UInt8] = []
        pending.reserveCapacity(32)
        var count = 0
        for part in parts {
            guard let base = part.baseAddress else { continue }
            count &+= part.count
            var offset = 0
            if !pending.isEmpty {
                let taken = min(32 - pending.count, part.count)
                pending += UnsafeRawBufferPointer(rebasing: part[0..<taken])
                offset = taken
                if pending.count == 32 {
                    pending.withUnsafeBytes { block($0.baseAddress!) }
                    pending.removeAll(keepingCapacity: true)
                }
            }
            while offset &+ 32 <= part.count {
                block(base + offset)
                offset &+= 32
            }
            if offset < part.count { pending += UnsafeRawBufferPointer(rebasing: part[offset...]) }
        }
        var hash = rotate(lanes.0, 1) &+ rotate(lanes.1, 7) &+ rotate(lanes.2, 12) &+ rotate(lanes.3, 18)
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { hash = (hash ^ round(0, lane)) &* prime1 &+ prime4 }
        hash &+= UInt64(count)
        pending.withUnsafeBytes { tail in
            var offset = 0
            while offset &+ 8 <= tail.count {
                hash ^= round(0, tail.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                hash = rotate(hash, 27) &* prime1 &+ prime4
                offset &+= 8
            }
            while offset < tail.count {
                hash ^= UInt64(tail[offset]) &* prime5
                hash = rotate(hash, 11) &* prime1
                offset &+= 1
            }
        }
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        return hash ^ (hash >> 32)
    }

    /// The checksums of each `size`-byte block of the bytes of `parts` laid end to end (the last block shorter when
    /// they do not fill it): each the same as ``of(_:)`` of that block alone.
    public static func blocks(of parts: [UnsafeRawBufferPointer], size: Int) -> [UInt64] {
        precondition(size > 0, "blocks have bytes")
        var sums: [UInt64] = []
        var pieces: [UnsafeRawBufferPointer] = []
        var filled = 0
        for part in parts {
            var offset = 0
            while offset < part.count {
                let taken = min(size - filled, part.count - offset)
                pieces.append(UnsafeRawBufferPointer(rebasing: part[offset..<offset + taken]))
                filled += taken
                offset += taken
                if filled == size {
                    sums.append(of(parts: pieces))
                    pieces.removeAll(keepingCapacity: true)
                    filled = 0
                }
            }
        }
        if filled > 0 { sums.append(of(parts: pieces)) }
        return sums
    }

    /// The checksum of an array's bytes.
    public static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { of($0) } }

    @inline(__always) private static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        rotate(lane &+ UInt64(littleEndian: word) &* prime2, 31) &* prime1
    }

    @inline(__always) private static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
