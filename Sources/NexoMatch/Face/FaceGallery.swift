import NexoKit
import NexoTemplateMath

/// Face vectors in one contiguous fp32 buffer (row i at `i · 512`), unit length, searched by an
/// exact scan: every vector's dot product with the probe (= cosine), keeping the best `k`.
///
/// A value type: copies share storage until one of them appends (copy on write).
public struct FaceGallery: Sendable {
    /// Dimensions of every vector (``NexoKit/FaceTemplate/dimensions``).
    public static let dimensions = FaceTemplate.dimensions
    @usableFromInline var storage: [Float] = []

    /// An empty gallery.
    public init() {}

    /// An empty gallery with room for `capacity` vectors before it reallocates.
    public init(reservingCapacity capacity: Int) {
        storage.reserveCapacity(capacity * Self.dimensions)
    }

    /// A gallery over `storage`: unit vectors laid end to end, `count · 512` floats (as read back
    /// from a file or the store). The vectors are not re-normalised.
    public init(normalizedStorage storage: [Float]) {
        precondition(storage.count % Self.dimensions == 0, "storage must hold whole \(Self.dimensions)-d vectors")
        self.storage = storage
    }

    /// The vectors laid end to end (`count · 512` floats), e.g. to write them to a file.
    public var normalizedStorage: [Float] { storage }

    /// Number of vectors.
    public var count: Int { storage.count / Self.dimensions }

    /// Appends a template, normalised to unit length; returns its index.
    @discardableResult
    public mutating func append(_ template: FaceTemplate) -> Int {
        append(normalized: FaceVector.normalized(template.vector))
    }

    /// Appends a vector that is already unit length (as ``FaceVector/normalized(_:)`` makes it);
    /// returns its index.
    @discardableResult
    public mutating func append(normalized vector: some Collection<Float>) -> Int {
        precondition(vector.count == Self.dimensions, "face vectors have \(Self.dimensions) dimensions")
        storage.append(contentsOf: vector)
        return count - 1
    }

    /// The unit vector at `index`.
    public func vector(at index: Int) -> [Float] {
        Array(storage[index * Self.dimensions..<(index + 1) * Self.dimensions])
    }

    /// Cosine similarity of the unit vector `probe` to the vector at `index`.
    public func score(normalized probe: [Float], at index: Int) -> Float {
        precondition(probe.count == Self.dimensions, "face vectors have \(Self.dimensions) dimensions")
        return probe.withUnsafeBufferPointer { p in
            storage.withUnsafeBufferPointer { g in
                FaceKernels.dot(p.baseAddress!, g.baseAddress! + index * Self.dimensions, count: Self.dimensions)
            }
        }
    }

    /// The `k` most similar vectors to `probe` (normalised here), best first, by exact scan.
    public func search(_ probe: FaceTemplate, k: Int) -> [FaceMatch] {
        search(normalized: FaceVector.normalized(probe.vector), k: k)
    }

    /// The `k` most similar vectors to the unit vector `probe`, best first (ties by lower index),
    /// by exact fp32 scan of the whole gallery.
    public func search(normalized probe: [Float], k: Int) -> [FaceMatch] {
        precondition(probe.count == Self.dimensions, "face vectors have \(Self.dimensions) dimensions")
        var top = TopK(k: k)
        let d = Self.dimensions
        probe.withUnsafeBufferPointer { p in
            storage.withUnsafeBufferPointer { g in
                guard let base = g.baseAddress else { return }
                let q = p.baseAddress!
                var threshold = -Float.infinity
                let n = g.count / d
                var i = 0
                while i &+ 4 <= n {
                    let s = FaceKernels.dot4(q, rows: base + i &* d, count: d)
                    if any(s .>= SIMD4(repeating: threshold)) {
                        for lane in 0..<4 where s[lane] >= threshold {
                            top.offer(index: i &+ lane, score: s[lane])
                            threshold = top.threshold
                        }
                    }
                    i &+= 4
                }
                while i < n {
                    let s = FaceKernels.dot(q, base + i &* d, count: d)
                    if s >= threshold {
                        top.offer(index: i, score: s)
                        threshold = top.threshold
                    }
                    i &+= 1
                }
            }
        }
        return top.sorted()
    }

    /// Scores of `probe` against the given gallery positions (for re-ranking candidates).
    func scores(normalized probe: UnsafePointer<Float>, of indices: some Sequence<Int>, into top: inout TopK) {
        storage.withUnsafeBufferPointer { g in
            for i in indices {
                top.offer(
                    index: i,
                    score: FaceKernels.dot(probe, g.baseAddress! + i * Self.dimensions, count: Self.dimensions))
            }
        }
    }
}
