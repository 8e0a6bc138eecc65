/// Edit distances between code-unit arrays: Levenshtein (insert, delete, substitute) and
/// Damerau's optimal string alignment (those plus a swap of two adjacent units, no unit edited
/// twice). Both count edits; ``similarity(_:_:)`` turns a count into 0…1.
public enum EditDistance {
    /// Levenshtein distance of two strings by Unicode scalar: `levenshtein("kitten", "sitting")` is 3.
    public static func levenshtein(_ a: some StringProtocol, _ b: some StringProtocol) -> Int {
        let x = a.unicodeScalars.map(\.value), y = b.unicodeScalars.map(\.value)
        return levenshtein(x, y)
    }

    /// Optimal-string-alignment distance of two strings by Unicode scalar: `osa("ca", "ac")` is 1.
    public static func osa(_ a: some StringProtocol, _ b: some StringProtocol) -> Int {
        let x = a.unicodeScalars.map(\.value), y = b.unicodeScalars.map(\.value)
        return osa(x, y)
    }

    /// Levenshtein distance of two code-unit arrays (one row of the dynamic programme).
    public static func levenshtein<T: FixedWidthInteger>(_ a: [T], _ b: [T]) -> Int {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return n + m }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: m + 1) { row in
                    for j in 0...m { row[j] = j }
                    for i in 1...n {
                        var diagonal = row[0]
                        row[0] = i
                        let c = a[i - 1]
                        for j in 1...m {
                            let above = row[j]
                            row[j] = min(above + 1, row[j - 1] + 1, diagonal + (c == b[j - 1] ? 0 : 1))
                            diagonal = above
                        }
                    }
                    return row[m]
                }
            }
        }
    }

    /// Optimal-string-alignment (restricted Damerau–Levenshtein) distance of two code-unit arrays.
    public static func osa<T: FixedWidthInteger>(_ a: [T], _ b: [T]) -> Int {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return n + m }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { rows in
                    // Rows i-2, i-1 and i, rotated.
                    var older = 0, previous = m + 1, current = 2 * (m + 1)
                    for j in 0...m { rows[previous + j] = j }
                    for i in 1...n {
                        rows[current] = i
                        for j in 1...m {
                            let cost = a[i - 1] == b[j - 1] ? 0 : 1
                            var d = min(
                                rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                                d = min(d, rows[older + j - 2] + 1)
                            }
                            rows[current + j] = d
                        }
                        (older, previous, current) = (previous, current, older)
                    }
                    return rows[previous + m]
                }
            }
        }
    }

    /// `1 - distance / longer length`: 1 for equal inputs, 0 when nothing is shared.
    public static func similarity(distance: Int, _ n: Int, _ m: Int) -> Double {
        let longest = max(n, m)
        return longest == 0 ? 1 : 1 - Double(distance) / Double(longest)
    }

    /// OSA similarity of two code-unit arrays, `1 - osa / longer length`.
    public static func similarity<T: FixedWidthInteger>(_ a: [T], _ b: [T]) -> Double {
        similarity(distance: osa(a, b), a.count, b.count)
    }
}
