import NexoKit
import NexoTemplateMath

/// A face gallery scanned in int8 and re-ranked in fp32: each unit vector is also stored as 512
/// signed bytes with its own scale (`x ≈ scale · q`, `scale = max|x| / 127`), a quarter of the
/// fp32 bytes. A search scans the bytes for the best ``rerankCount`` candidates by approximate
/// cosine, then scores those exactly against the fp32 vectors and returns the best `k`.
///
/// The quantisation error of a score is about 5·10⁻⁴ for 512-d unit vectors, far below the gaps
/// between neighbouring scores that decide a top-10, so a few dozen candidates re-ranked give
/// the exact answer almost always (the recall against ``FaceGallery`` is measured by the tests
/// and the benchmark, not assumed).
public struct QuantizedFaceGallery: Sendable {
    /// The fp32 vectors, used for re-ranking (and searchable on their own).
    public private(set) var exact: FaceGallery
    @usableFromInline var codes: [Int8] = []
    @usableFromInline var scales: [Float] = []
    /// Candidates taken from the int8 scan to be re-scored exactly (at least `k` are always taken).
    public var rerankCount: Int

    /// An empty gallery re-ranking `rerankCount` candidates per search.
    public init(rerankCount: Int = 64) {
        self.exact = FaceGallery()
        self.rerankCount = rerankCount
    }

    /// The int8 form of an fp32 gallery (the vectors are copied on write, not now).
    public init(_ gallery: FaceGallery, rerankCount: Int = 64) {
        self.exact = gallery
        self.rerankCount = rerankCount
        codes.reserveCapacity(gallery.storage.count)
        scales.reserveCapacity(gallery.count)
        let d = FaceGallery.dimensions
        for i in 0..<gallery.count {
            scales.append(Self.quantize(gallery.storage[i * d..<(i + 1) * d], into: &codes))
        }
    }

    /// Number of vectors.
    public var count: Int { scales.count }

    /// Appends a template, normalised to unit length; returns its index.
    @discardableResult
    public mutating func append(_ template: FaceTemplate) -> Int {
        append(normalized: FaceVector.normalized(template.vector))
    }

    /// Appends a unit vector; returns its index.
    @discardableResult
    public mutating func append(normalized vector: [Float]) -> Int {
        let index = exact.append(normalized: vector)
        scales.append(Self.quantize(vector[...], into: &codes))
        return index
    }

    /// The `k` most similar vectors to `probe` (normalised here), best first.
    public func search(_ probe: FaceTemplate, k: Int) -> [FaceMatch] {
        search(normalized: FaceVector.normalized(probe.vector), k: k)
    }

    /// The `k` most similar vectors to the unit vector `probe`, best first, with exact fp32
    /// scores: an int8 scan picks `max(k, rerankCount)` candidates, fp32 re-scores them.
    public func search(normalized probe: [Float], k: Int) -> [FaceMatch] {
        precondition(probe.count == FaceGallery.dimensions, "face vectors have \(FaceGallery.dimensions) dimensions")
        let candidates = approximateSearch(normalized: probe, k: max(k, rerankCount))
        var top = TopK(k: k)
        probe.withUnsafeBufferPointer { p in
            exact.scores(normalized: p.baseAddress!, of: candidates.lazy.map(\.index), into: &top)
        }
        return top.sorted()
    }

    /// The `k` best by approximate (int8) score alone, best first; scores are approximate.
    public func approximateSearch(normalized probe: [Float], k: Int) -> [FaceMatch] {
        var q: [Int8] = []
        q.reserveCapacity(FaceGallery.dimensions)
        let probeScale = Self.quantize(probe[...], into: &q)
        var top = TopK(k: k)
        q.withUnsafeBufferPointer { p in
            codes.withUnsafeBufferPointer { c in
                scales.withUnsafeBufferPointer { s in
                    guard let base = c.baseAddress else { return }
                    Self.scan(
                        probe: p.baseAddress!, scale: probeScale, codes: base, scales: s, firstIndex: 0, into: &top)
                }
            }
        }
        return top.sorted()
    }

    /// Offers `top` the approximate score of the probe's codes (`probe`, with its `scale`) against each row of
    /// `codes` (512 bytes a row, one scale each in `scales`), as index `firstIndex + row`.
    static func scan(
        probe: UnsafePointer<Int8>, scale probeScale: Float, codes: UnsafePointer<Int8>,
        scales: UnsafeBufferPointer<Float>, firstIndex: Int, into top: inout TopK
    ) {
        let d = FaceGallery.dimensions
        var threshold = top.threshold
        for i in 0..<scales.count {
            let score = Float(FaceKernels.dot(probe, codes + i &* d, count: d)) * (scales[i] * probeScale)
            if score >= threshold {
                top.offer(index: firstIndex &+ i, score: score)
                threshold = top.threshold
            }
        }
    }

    /// Appends the int8 codes of `vector` to `codes`; returns the scale (0 for a zero vector).
    ///
    /// Total: any input gives codes in −127…127 and a finite scale without trapping. Templates
    /// are checked before they get here (``NexoKit/FaceTemplate/defect(of:)``); a vector that
    /// slipped past anyway (NaN, infinities, subnormals) quantises to codes that match nothing
    /// well: non-finite values count as 0, and a peak too small to invert gives all-zero codes.
    static func quantize(_ vector: ArraySlice<Float>, into codes: inout [Int8]) -> Float {
        var peak: Float = 0
        for x in vector where x.isFinite { peak = max(peak, abs(x)) }
        let inverse = 127 / peak
        guard peak > 0, inverse.isFinite else {
            codes.append(contentsOf: repeatElement(0, count: vector.count))
            return 0
        }
        for x in vector {
            codes.append(x.isFinite ? Int8(clampingFloat: x * inverse, rounding: .toNearestOrAwayFromZero) : 0)
        }
        return peak / 127
    }
}
