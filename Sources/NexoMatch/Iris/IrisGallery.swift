import NexoKit
import NexoTemplateMath

/// One candidate of an iris search: a gallery position and its distance to the probe.
public struct IrisMatch: Sendable, Hashable {
    /// Position of the template in its gallery (the order it was appended in, from 0).
    public var index: Int
    /// The distance at the best rotation.
    public var distance: IrisDistance

    /// Creates a match.
    public init(index: Int, distance: IrisDistance) {
        self.index = index
        self.distance = distance
    }
}

/// Iris templates in one contiguous buffer of 64-bit words (entry i: 32 code words then 32 mask
/// words from word `i · 64`), compared to a probe by popcount over every rotation in
/// `−maxShift…maxShift` (see ``IrisCode`` for the layout and the distance).
///
/// A search rotates the probe's code and mask once per shift before the scan; each gallery entry
/// is then loaded once and compared with all rotations while it sits in registers. The best shift
/// is the one with the lowest normalised distance, found as the highest `(n − 2d) / √n` (d bits
/// disagreeing out of n compared) with `1/√n` from a table, so the inner loop has no division or
/// square root.
///
/// The first entries may be read in place from an index file's mapping (``init(mapped:in:maxShift:)``), the
/// ones appended since held in memory after them.
public struct IrisGallery: @unchecked Sendable {
    // @unchecked: `mapped` points into a read-only mapping that `file` keeps alive; the rest are values.
    /// Words per entry: code then mask.
    static let stride = 2 * IrisTemplate.words
    /// Rotations tried: `−maxShift…maxShift`.
    public let maxShift: Int
    /// The entries read in place, then those appended in memory.
    private var mapped = UnsafeBufferPointer<UInt64>(start: nil, count: 0)
    private var file: AnyObject?
    @usableFromInline var storage: [UInt64] = []

    /// An empty gallery comparing over rotations `−maxShift…maxShift` (0 ≤ maxShift < 128).
    public init(maxShift: Int = IrisCode.defaultMaxShift) {
        precondition((0..<IrisCode.angles / 2).contains(maxShift), "maxShift must be in 0..<128")
        self.maxShift = maxShift
    }

    /// The entries of `words` (whole entries, little-endian), in the mapping `file` keeps alive, then none added.
    init(mapped words: UnsafeBufferPointer<UInt64>, in file: AnyObject, maxShift: Int = IrisCode.defaultMaxShift) {
        self.init(maxShift: maxShift)
        mapped = UnsafeBufferPointer(rebasing: words[0..<words.count / Self.stride * Self.stride])
        self.file = file
    }

    /// Number of templates.
    public var count: Int { (mapped.count + storage.count) / Self.stride }

    /// The words of all entries, as index file section parts: those read in place, then those appended.
    var sectionParts: [any IndexSectionBytes] { [MappedSectionBytes(UnsafeRawBufferPointer(mapped)), storage] }

    /// Reserves room for `capacity` templates.
    public mutating func reserveCapacity(_ capacity: Int) {
        storage.reserveCapacity(capacity * Self.stride)
    }

    /// Appends a template; returns its index.
    @discardableResult
    public mutating func append(_ template: IrisTemplate) -> Int {
        storage.append(contentsOf: template.code)
        storage.append(contentsOf: template.mask)
        return count - 1
    }

    /// The template at `index`.
    public func template(at index: Int) -> IrisTemplate {
        let half = IrisTemplate.words
        let start = index * Self.stride
        if start < mapped.count {
            return IrisTemplate(
                code: Array(mapped[start..<start + half]), mask: Array(mapped[start + half..<start + 2 * half]))!
        }
        let local = start - mapped.count
        return IrisTemplate(
            code: Array(storage[local..<local + half]), mask: Array(storage[local + half..<local + 2 * half]))!
    }

    /// Shifts in the order they are tried: 0, −1, +1, −2, +2, … (so ties go to the smallest turn).
    var shiftOrder: [Int] {
        [0] + (1...max(1, maxShift)).flatMap { [-$0, $0] }.filter { abs($0) <= maxShift }
    }

    /// The probe's code and mask rotated by every shift, in ``shiftOrder``: 64 words per shift.
    func rotations(of probe: IrisTemplate) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(shiftOrder.count * Self.stride)
        for s in shiftOrder {
            words.append(contentsOf: IrisCode.rotated(probe.code, by: s))
            words.append(contentsOf: IrisCode.rotated(probe.mask, by: s))
        }
        return words
    }

    /// The distance of `probe` to every template, in gallery order.
    public func distances(to probe: IrisTemplate) -> [IrisDistance] {
        var result: [IrisDistance] = []
        result.reserveCapacity(count)
        scan(probe) { _, d in result.append(d) }
        return result
    }

    /// The `k` templates closest to `probe` (lowest normalised distance first, ties by index).
    public func search(_ probe: IrisTemplate, k: Int) -> [IrisMatch] {
        var top = TopK(k: k)
        var kept: [Int: IrisDistance] = [:] // distances of entries that got into the top k at some point
        scan(probe) { i, d in
            let score = Float(-d.normalized)
            if score >= top.threshold {
                top.offer(index: i, score: score)
                kept[i] = d
            }
        }
        return top.sorted().map { IrisMatch(index: $0.index, distance: kept[$0.index]!) }
    }

    /// Compares `probe` with every template in order, calling `body(index, distance)`.
    public func scan(_ probe: IrisTemplate, _ body: (Int, IrisDistance) -> Void) {
        let order = shiftOrder
        let rotated = rotations(of: probe)
        let inverseRoots = IrisKernels.inverseSquareRoots
        rotated.withUnsafeBufferPointer { r in
            inverseRoots.withUnsafeBufferPointer { table in
                func scan(_ words: UnsafeBufferPointer<UInt64>, from first: Int) {
                    guard let base = words.baseAddress else { return }
                    for i in 0..<words.count / Self.stride {
                        let best = IrisKernels.best(
                            entry: base + i &* Self.stride, rotations: r.baseAddress!,
                            shifts: order.count, inverseRoots: table.baseAddress!)
                        let n = Int(best.n), d = Int(best.d)
                        body(
                            first + i,
                            IrisDistance(
                                raw: n == 0 ? 0.5 : Double(d) / Double(n), bitsCompared: n,
                                shift: order[best.shift]))
                    }
                }
                scan(mapped, from: 0)
                storage.withUnsafeBufferPointer { scan($0, from: mapped.count / Self.stride) }
            }
        }
    }
}

extension IrisCode {
    /// The distance of `probe` to `reference`: the best over rotations of `probe` by
    /// `−maxShift…maxShift`.
    public static func distance(
        _ probe: IrisTemplate, _ reference: IrisTemplate,
        maxShift: Int = defaultMaxShift
    ) -> IrisDistance {
        var gallery = IrisGallery(maxShift: maxShift)
        gallery.append(reference)
        return gallery.distances(to: probe)[0]
    }
}
