/// Fixed-width numbers by position: those of an index file, read in place (each block checked against its
/// checksum when first read), with the changes made since, then those appended in memory. Opening a file's column
/// costs nothing; a reader checks a number before it uses it as an index (the block checksums find damage, the
/// bounds checks keep a damaged or crafted number harmless until the engine sees the damage and rebuilds).
struct NumberColumn<Number: FixedWidthInteger & IndexSectionElement>: @unchecked Sendable {
    // @unchecked: `base` points into a read-only mapping that `file` keeps alive; the rest are values.
    private var base = UnsafeBufferPointer<Number>(start: nil, count: 0)
    /// Keeps the mapping of `base` alive.
    private var file: AnyObject?
    /// Checks the mapped numbers as they are read.
    private var blocks: CheckedBlocks?
    private var changed: [Int: Number] = [:]
    private var appended: [Number] = []

    /// An empty column.
    init() {}

    /// The numbers of `numbers` (little-endian), in the mapping `file` keeps alive, checked by `blocks` (whose
    /// bytes they are) as they are read.
    init(mapped numbers: UnsafeBufferPointer<Number>, in file: AnyObject, checkedBy blocks: CheckedBlocks? = nil) {
        base = numbers
        self.file = file
        self.blocks = blocks
    }

    var count: Int { base.count + appended.count }

    /// How many of the file's numbers were changed since it was opened.
    var changedCount: Int { changed.count }

    /// The file's numbers changed since it was opened: position and new value, by position.
    var changes: [(position: Int, value: Number)] {
        changed.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// How many numbers come from the file.
    var mappedCount: Int { base.count }

    subscript(position: Int) -> Number {
        get {
            guard position < base.count else { return appended[position - base.count] }
            if !changed.isEmpty, let number = changed[position] { return number }
            blocks?.check(position &* MemoryLayout<Number>.stride, MemoryLayout<Number>.stride)
            return Number(littleEndian: base[position])
        }
        set {
            if position < base.count {
                changed[position] = newValue
            } else {
                appended[position - base.count] = newValue
            }
        }
    }

    mutating func append(_ number: Number) { appended.append(number) }

    /// Appends `filler` until the column holds `count` numbers.
    mutating func grow(to count: Int, with filler: Number) {
        if count > self.count { appended += repeatElement(filler, count: count - self.count) }
    }

    /// The column as section parts: the mapped numbers and those appended, or one array when some were changed.
    /// The mapped numbers are checked whole first (their blocks' checksums; damage recorded, see ``CheckedBlocks``).
    var sectionParts: [any IndexSectionBytes] {
        blocks?.checkAll()
        guard changed.isEmpty else { return [(0..<count).map { self[$0] }] }
        return [MappedSectionBytes(UnsafeRawBufferPointer(base)), appended]
    }
}
