/// One candidate of a face search: a gallery position and its cosine similarity to the probe.
public struct FaceMatch: Sendable, Hashable {
    /// Position of the vector in its gallery (the order it was appended in, from 0).
    public var index: Int
    /// Cosine similarity to the probe, -1...1 (higher is more alike).
    public var score: Float

    /// Creates a match.
    public init(index: Int, score: Float) {
        self.index = index
        self.score = score
    }
}

/// The `k` best matches seen so far, kept in a binary min-heap of at most `k` entries so that a
/// scan of N scores costs O(N) comparisons against the current k-th best plus O(log k) per entry
/// that gets in.
public struct TopK: Sendable {
    /// How many matches are kept.
    public let k: Int
    private var heap: [FaceMatch] = []

    /// An empty selection of the `k` best (k ≥ 1).
    public init(k: Int) {
        precondition(k >= 1, "TopK needs k >= 1")
        self.k = k
        heap.reserveCapacity(k)
    }

    /// The lowest score that still gets in: the k-th best so far, or -infinity until k are held.
    @inlinable
    public var threshold: Float { isFull ? minimumScore : -.infinity }

    @usableFromInline var isFull: Bool { heap.count == k }
    @usableFromInline var minimumScore: Float { heap[0].score }

    /// Offers a match; it is kept if it beats the k-th best (ties keep the earlier index).
    public mutating func offer(index: Int, score: Float) {
        if heap.count < k {
            heap.append(FaceMatch(index: index, score: score))
            siftUp(heap.count - 1)
        } else if Self.worse(heap[0], than: FaceMatch(index: index, score: score)) {
            heap[0] = FaceMatch(index: index, score: score)
            siftDown(0)
        }
    }

    /// The matches held, best first (ties by lower index).
    public func sorted() -> [FaceMatch] {
        heap.sorted { Self.worse($1, than: $0) }
    }

    /// Order of the heap: `a` ranks below `b` (lower score, or equal score and higher index).
    static func worse(_ a: FaceMatch, than b: FaceMatch) -> Bool {
        a.score < b.score || (a.score == b.score && a.index > b.index)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.worse(heap[child], than: heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var worst = left
            if left + 1 < heap.count, Self.worse(heap[left + 1], than: heap[left]) { worst = left + 1 }
            guard Self.worse(heap[worst], than: heap[parent]) else { return }
            heap.swapAt(worst, parent)
            parent = worst
        }
    }
}
