/// Jaro and Jaro–Winkler similarity (Jaro 1989; Winkler 1990), in 0…1.
///
/// Comparisons run on arrays of code units: UTF-8 bytes of folded names
/// (``NameFolding/words(_:upperCased:)``, upper case) in the hot paths, Unicode scalars in the
/// `String` conveniences. ``Pattern`` caches one side for comparing it with many others and uses a
/// bit-parallel match search for strings of up to 64 units; longer strings use the classic search
/// with the same result.
public enum JaroWinkler {
    /// Winkler's prefix scale: each of up to ``maxPrefix`` common leading units adds this share of
    /// the remaining distance.
    public static let prefixScale = 0.1
    /// Longest common prefix that counts.
    public static let maxPrefix = 4
    /// Jaro similarity below which no prefix bonus is given (Winkler's boost threshold).
    public static let boostThreshold = 0.7

    /// Jaro–Winkler similarity of two strings, compared by Unicode scalar (no folding).
    /// `similarity("MARTHA", "MARHTA")` ≈ 0.961.
    public static func similarity(_ a: some StringProtocol, _ b: some StringProtocol) -> Double {
        let x = a.unicodeScalars.map(\.value), y = b.unicodeScalars.map(\.value)
        return x.withUnsafeBufferPointer { p in y.withUnsafeBufferPointer { q in similarity(p, q) } }
    }

    /// Jaro similarity of two strings, compared by Unicode scalar. `jaro("MARTHA", "MARHTA")` ≈ 0.944.
    public static func jaro(_ a: some StringProtocol, _ b: some StringProtocol) -> Double {
        let x = a.unicodeScalars.map(\.value), y = b.unicodeScalars.map(\.value)
        return x.withUnsafeBufferPointer { p in y.withUnsafeBufferPointer { q in jaro(p, q) } }
    }

    /// Jaro–Winkler similarity of two code-unit arrays.
    @inlinable
    public static func similarity<T: FixedWidthInteger>(_ a: [T], _ b: [T]) -> Double {
        a.withUnsafeBufferPointer { p in b.withUnsafeBufferPointer { q in similarity(p, q) } }
    }

    /// Jaro–Winkler similarity of two code-unit buffers.
    @inlinable
    public static func similarity<T: FixedWidthInteger>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>)
        -> Double
    {
        winkler(jaro(a, b), a, b)
    }

    /// Adds Winkler's prefix bonus to a Jaro similarity `j` of `a` and `b`.
    @inlinable
    static func winkler<T: FixedWidthInteger>(_ j: Double, _ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>)
        -> Double
    {
        guard j > boostThreshold else { return j }
        let limit = min(maxPrefix, a.count, b.count)
        var prefix = 0
        while prefix < limit && a[prefix] == b[prefix] { prefix += 1 }
        return j + Double(prefix) * prefixScale * (1 - j)
    }

    /// Jaro similarity of two code-unit buffers (classic search; any length). Two empty inputs
    /// are equal (1); one empty input shares nothing (0).
    @inlinable
    public static func jaro<T: FixedWidthInteger>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>) -> Double {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return n == m ? 1 : 0 }
        let window = max(0, max(n, m) / 2 - 1)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: n + m) { flags in
            flags.initialize(repeating: false)
            var matches = 0
            for j in 0..<m {
                let lo = max(0, j - window), hi = min(n - 1, j + window)
                guard lo <= hi else { continue }
                for i in lo...hi where !flags[i] && a[i] == b[j] {
                    flags[i] = true
                    flags[n + j] = true
                    matches += 1
                    break
                }
            }
            guard matches > 0 else { return 0 }
            var half = 0, j = 0
            for i in 0..<n where flags[i] {
                while !flags[n + j] { j += 1 }
                if a[i] != b[j] { half += 1 }
                j += 1
            }
            return score(matches: matches, halfTranspositions: half, n, m)
        }
    }

    @inlinable
    static func score(matches: Int, halfTranspositions: Int, _ n: Int, _ m: Int) -> Double {
        let c = Double(matches)
        let t = Double(halfTranspositions / 2)
        return (c / Double(n) + c / Double(m) + (c - t) / c) / 3
    }
}
