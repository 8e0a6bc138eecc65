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
        entries.withUnsafeMutableBufferPointer { e in
            // Sift up: move parents down into the hole, write the new entry once.
            let new = e[e.count - 1]
            var child = e.count - 1
            while child > 0 {
                let parent = (child - 1) >> 1
                guard new.key < e[parent].key else { break }
                e[child] = e[parent]
                child = parent
            }
            e[child] = new
        }
    }

    @discardableResult
    mutating func pop() -> Entry {
        let first = entries[0]
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        entries.withUnsafeMutableBufferPointer { e in
            // Sift down: move the smaller child up into the hole, write `last` once.
            let n = e.count
            var parent = 0
            while true {
                let left = 2 &* parent &+ 1
                guard left < n else { break }
                var smallest = left
                if left &+ 1 < n, e[left &+ 1].key < e[left].key { smallest = left &+ 1 }
                guard e[smallest].key < last.key else { break }
                e[parent] = e[smallest]
                parent = smallest
            }
            e[parent] = last
        }
        return first
    }
}
