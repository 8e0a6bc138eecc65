import Glibc

/// The kind of every entity id an import has seen, with cheap lookups by UTF-8 bytes.
///
/// Ids of the usual form `<prefix>-<n>` live in one array per prefix indexed by `n`, so a lookup
/// is a prefix comparison and an array read, not a string hash; other ids go to a dictionary.
/// Kinds are stored as codes (index + 1 into ``kinds``; 0 means unknown).
struct KnownEntities {
    /// Kind names by code - 1.
    private(set) var kinds: [String] = []
    private var codes: [String: UInt16] = [:]
    private var prefixes: [[UInt8]] = []
    private var slots: [[UInt16]] = []
    private var others: [String: UInt16] = [:]

    /// The code of kind `name`, assigning one if new.
    mutating func code(of name: String) -> UInt16 {
        if let code = codes[name] { return code }
        kinds.append(name)
        let code = UInt16(kinds.count)
        codes[name] = code
        return code
    }

    /// The kind code of `id`, or 0.
    func kind(of id: UnsafeBufferPointer<UInt8>) -> UInt16 {
        if let (p, n) = split(id) {
            guard let i = prefixIndex(p) else { return 0 }
            return slots[i].withUnsafeBufferPointer { n < $0.count ? $0[n] : 0 }
        }
        return others[String(decoding: id, as: UTF8.self)] ?? 0
    }

    /// The kind code of `id`, or 0.
    func kind(of id: String) -> UInt16 {
        var id = id
        return id.withUTF8 { kind(of: $0) }
    }

    /// Records `id` as being of kind `code`.
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, code: UInt16) {
        if let (p, n) = split(id), n < 1 << 26 {
            let index =
                prefixIndex(p)
                ?? {
                    prefixes.append(Array(p))
                    slots.append([])
                    return prefixes.count - 1
                }()
            if n >= slots[index].count {
                let size = max(n + 1, slots[index].count * 2)
                slots[index].append(contentsOf: repeatElement(0, count: size - slots[index].count))
            }
            slots[index][n] = code
        } else {
            others[String(decoding: id, as: UTF8.self)] = code
        }
    }

    /// Records `id` as being of kind `code`.
    mutating func insert(_ id: String, code: UInt16) {
        var id = id
        id.withUTF8 { insert($0, code: code) }
    }

    private func prefixIndex(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        for i in prefixes.indices {
            let match = prefixes[i].withUnsafeBufferPointer {
                $0.count == p.count && memcmp($0.baseAddress!, p.baseAddress!, p.count) == 0
            }
            if match { return i }
        }
        return nil
    }

    /// `(prefix, n)` for `<prefix>-<n>` with 1…9 decimal digits and no leading zero.
    private func split(_ id: UnsafeBufferPointer<UInt8>) -> (UnsafeBufferPointer<UInt8>, Int)? {
        var i = id.count
        var n = 0
        var scale = 1
        while i > 0, id[i - 1] >= 0x30, id[i - 1] <= 0x39 {
            i -= 1
            n += Int(id[i] - 0x30) * scale
            scale *= 10
            if scale > 1_000_000_000 { return nil }
        }
        let digits = id.count - i
        guard digits > 0, i >= 2, id[i - 1] == UInt8(ascii: "-"), !(digits > 1 && id[i] == 0x30) else { return nil }
        return (UnsafeBufferPointer(rebasing: id[..<(i - 1)]), n)
    }
}
