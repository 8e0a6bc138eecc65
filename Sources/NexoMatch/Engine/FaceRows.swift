import NexoFiles
import NexoKit
import NexoTemplateMath

/// The engine's face rows: those of a mapped index file (``MappedFaceRows``), read in place, then the rows added
/// since, held in memory. Row numbers run through both: the file's first, then the added ones. A search scans the
/// int8 codes of both and re-ranks the best candidates with exact fp32 cosines, reading only the candidates'
/// vectors (a mapped gallery's vectors are not made resident to answer).
struct FaceRows: FaceVectorSource {
    /// The rows of the index file this gallery was opened from, if any.
    private(set) var base: MappedFaceRows?
    /// The rows added in memory (after the file's).
    private(set) var added: QuantizedFaceGallery

    /// An empty gallery re-ranking `rerankCount` candidates per search.
    init(rerankCount: Int) {
        added = QuantizedFaceGallery(rerankCount: rerankCount)
    }

    /// The rows of an index file, followed by none yet.
    init(base: MappedFaceRows, rerankCount: Int) {
        self.base = base
        added = QuantizedFaceGallery(rerankCount: rerankCount)
    }

    private var baseCount: Int { base?.count ?? 0 }
    var count: Int { baseCount + added.count }

    /// Appends a template, normalised to unit length; returns its row.
    mutating func append(_ face: FaceTemplate) -> Int { baseCount + added.append(face) }

    func vector(at index: Int) -> [Float] {
        if let base, index < base.count { return Array(base.vector(at: index)) }
        return added.exact.vector(at: index - baseCount)
    }

    func score(normalized probe: [Float], at index: Int) -> Float {
        if let base, index < base.count {
            return probe.withUnsafeBufferPointer { p in
                FaceKernels.dot(p.baseAddress!, base.vector(at: index).baseAddress!, count: FaceGallery.dimensions)
            }
        }
        return added.exact.score(normalized: probe, at: index - baseCount)
    }

    /// The `k` most similar rows to `probe` (normalised here), best first, with exact scores. `dead` rows (at
    /// most; tombstones) are passed over, as `isLive` tells: the int8 scan keeps that many more candidates and
    /// re-ranks the best live ones, so a gallery with tombstones answers as one rebuilt without them.
    func search(_ probe: FaceTemplate, k: Int, dead: Int = 0, isLive: (Int) -> Bool = { _ in true }) -> [FaceMatch] {
        if base == nil && dead == 0 { return added.search(probe, k: k) }
        let unit = FaceVector.normalized(probe.vector)
        let wanted = max(k, added.rerankCount)
        var candidates = TopK(k: wanted + dead)
        if let base {
            var codes: [Int8] = []
            codes.reserveCapacity(FaceGallery.dimensions)
            let probeScale = QuantizedFaceGallery.quantize(unit[...], into: &codes)
            base.scaleBlocks.checkAll()
            codes.withUnsafeBufferPointer { q in
                QuantizedFaceGallery.scan(
                    probe: q.baseAddress!, scale: probeScale, codes: base.codes, scales: base.scales, firstIndex: 0,
                    into: &candidates)
            }
        }
        for match in added.approximateSearch(normalized: unit, k: wanted + dead) {
            candidates.offer(index: baseCount + match.index, score: match.score)
        }
        var top = TopK(k: k)
        var taken = 0
        for candidate in candidates.sorted() where taken < wanted && isLive(candidate.index) {
            top.offer(index: candidate.index, score: score(normalized: unit, at: candidate.index))
            taken += 1
        }
        return top.sorted()
    }
}

/// Face rows laid out in a mapped index file: `count` rows of int8 codes (512 bytes each), their scales (checked
/// by block, ``scaleBlocks``), and their fp32 unit vectors (512 floats each), read in place. Keeps the mapping
/// alive, with what its readers found damaged.
struct MappedFaceRows: @unchecked Sendable {
    // @unchecked: the pointers point into `file`'s read-only mapping, which lives as long as this value.
    let file: MappedFile
    let count: Int
    let codes: UnsafePointer<Int8>
    let scales: UnsafeBufferPointer<Float>
    let scaleBlocks: CheckedBlocks
    let vectors: UnsafePointer<Float>
    /// The sections of the file found damaged while reading them (any of its readers).
    let damage: IndexDamage

    /// The unit vector of `row`, in place.
    func vector(at row: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: vectors + row * FaceGallery.dimensions, count: FaceGallery.dimensions)
    }
}
