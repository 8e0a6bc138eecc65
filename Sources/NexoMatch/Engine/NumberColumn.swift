/// Int32 numbers by position: those of an index file, read in place, with the changes made since, then those
/// appended in memory. Opening a file's column costs nothing; a reader checks a number before it uses it as an
/// index (the file's checksums guard its content, the checks guard a crafted one).
struct NumberColumn: @unchecked Sendable {
    // @unchecked: `base` points into a read-only mapping that `file` keeps alive; the rest are values.
    private var base = UnsafeBufferPointer<Int32>(start: nil, count: 0)
    /// Keeps the mapping of `base` alive.
    private var file: AnyObject?
    private var changed: [Int: Int32] = [:]
    private var appended: [Int32] = []

    /// An empty column.
    init() {}

    /// The numbers of `numbers` (little-endian), in the mapping `file` keeps alive.
    init(mapped numbers: UnsafeBufferPointer<Int32>, in file: AnyObject) {
        base = numbers
        self.file = file
    }

    var count: Int { base.count + appended.count }

    subscript(position: Int) -> Int32 {
        get {
            guard position < base.count else { return appended[position - base.count] }
            return changed[position] ?? Int32(littleEndian: base[position])
        }
        set {
            if position < base.count {
                changed[position] = newValue
            } else {
                appended[position - base.count] = newValue
            }
        }
    }

    mutating func append(_ number: Int32) { appended.append(number) }

    /// Appends `filler` until the column holds `count` numbers.
    mutating func grow(to count: Int, with filler: Int32) {
        if count > self.count { appended += repeatElement(filler, count: count - self.count) }
    }

    /// The column as section parts: the mapped numbers and those appended, or one array when some were changed.
    var sectionParts: [any IndexSectionBytes] {
        guard changed.isEmpty else { return [(0..<count).map { self[$0] }] }
        return [MappedSectionBytes(UnsafeRawBufferPointer(base)), appended]
    }
}
