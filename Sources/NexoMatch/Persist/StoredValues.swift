/// Values held in an array, or read in place from an index file's mapping (kept alive here): the parts of an
/// index opened from a file are used where they lie, not copied (a copy of the inverted lists' centroids and
/// projection cost a fresh process most of a millisecond in page faults). Read-only once made.
struct StoredValues<Element: IndexSectionElement>: @unchecked Sendable {
    // @unchecked: `mapped` points into a read-only mapping that `owner` keeps alive; the rest are values.
    private var array: [Element]
    private var mapped: UnsafeBufferPointer<Element>?
    private var owner: AnyObject?

    /// The values of `array`.
    init(_ array: [Element] = []) { self.array = array }

    /// The values of `mapped`, in the mapping `owner` keeps alive.
    init(mapped: UnsafeBufferPointer<Element>, owner: AnyObject) {
        array = []
        self.mapped = mapped
        self.owner = owner
    }

    var count: Int { mapped?.count ?? array.count }

    /// Calls `body` with the values, in place.
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        if let mapped { return try body(mapped) }
        return try array.withUnsafeBufferPointer(body)
    }
}

extension StoredValues: IndexSectionBytes {
    func withSectionBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
    }
}
