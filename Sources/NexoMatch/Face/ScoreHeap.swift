/// A binary min-heap of (key, node) pairs for the HNSW searches: the result set keeps its worst
/// score on top (key = score), the candidate queue its best (key = -score).
struct ScoreHeap {
    struct Entry {
        var key: Float
        var node: Int32
    }

    private(set) var entries: [Entry] = []

    init(capacity: Int = 0) { entries.reserveCapacity(capacity) }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }
    /// The entry with the lowest key (the heap must not be empty).
    var top: Entry { entries[0] }

    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

    mutating func push(_ key: Float, _ node: Int32) {
        entries.append(Entry(key: key, node: node))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) >> 1
            guard entries[child].key < entries[parent].key else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    mutating func pop() -> Entry {
        let first = entries[0]
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            var parent = 0
            let n = entries.count
            while true {
                let left = 2 * parent + 1
                guard left < n else { break }
                var smallest = left
                if left + 1 < n, entries[left + 1].key < entries[left].key { smallest = left + 1 }
                guard entries[smallest].key < entries[parent].key else { break }
                entries.swapAt(smallest, parent)
                parent = smallest
            }
        }
        return first
    }
}
