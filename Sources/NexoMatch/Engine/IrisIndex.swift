import NexoFiles
import NexoKit
import NexoTemplateMath

/// Irises: every enrolled iris (right and left) in one popcount gallery; a person's score is the
/// best (lowest normalised Hamming distance) over the probe's irises and theirs. The native score
/// is 1 − the normalised distance, so higher is more alike like the other modalities.
///
/// Opened from an index file (``IrisIndexFile``) the gallery, each row's owner and each owner's rows are read in
/// place; irises added since are held in memory after them.
struct IrisIndex: ModalityIndex {
    var modality: Modality { .iris }
    var searchesConcurrently: Bool { true }
    private(set) var gallery = IrisGallery()
    private(set) var ownerOfRow = NumberColumn<Int32>()
    /// The file's owners' rows: owner `o`'s are `filedRows[filedStart[o] ..< filedStart[o + 1]]`.
    private(set) var filedStart = NumberColumn<Int64>()
    private(set) var filedRows = NumberColumn<Int32>()
    /// The rows added in memory, by owner.
    private var addedRows: [Int32: [Int]] = [:]
    private(set) var ownerCount = 0
    /// The file the rows were opened from, and what reading it found damaged.
    private(set) var source: (file: MappedFile, damage: IndexDamage)?
    var templateCount: Int { ownerOfRow.count }
    var method: String { "popcount scan, fractional Hamming distance over ±\(gallery.maxShift) shifts" }

    init() {}

    /// An index of the rows of a file: `gallery`, `ownerOfRow`, and each owner's rows (`filedStart`, `filedRows`;
    /// owners numbered past `filedStart` have none), `owners` of them with an iris.
    init(
        gallery: IrisGallery, ownerOfRow: NumberColumn<Int32>, filedStart: NumberColumn<Int64>,
        filedRows: NumberColumn<Int32>, owners: Int, source: (file: MappedFile, damage: IndexDamage)
    ) {
        self.source = source
        self.gallery = gallery
        self.ownerOfRow = ownerOfRow
        self.filedStart = filedStart
        self.filedRows = filedRows
        ownerCount = owners
    }

    /// Checks every byte of the file the rows were opened from (before they are copied into a new file); throws,
    /// recording the damage, when it is damaged.
    func checkSource() throws(NexoError) {
        guard let source else { return }
        try IndexFileWriting.checkSource(source.file, modality: .iris, damage: source.damage, what: "iris index")
    }

    mutating func add(_ template: EncodedTemplate, owner: Int32) throws(NexoError) {
        let iris = try TemplateCodec.iris(template.data)
        if addedRows[owner] == nil && filedRange(of: owner).isEmpty { ownerCount += 1 }
        let row = gallery.append(iris)
        ownerOfRow.append(owner)
        addedRows[owner, default: []].append(row)
    }

    /// The positions in `filedRows` of `owner`'s rows in the file (empty for an owner it does not number, or a
    /// damaged range).
    private func filedRange(of owner: Int32) -> Range<Int> {
        guard owner >= 0, Int(owner) + 1 < filedStart.count else { return 0..<0 }
        let start = Int(filedStart[Int(owner)]), end = Int(filedStart[Int(owner) + 1])
        guard 0 <= start, start <= end, end <= filedRows.count else { return 0..<0 }
        return start..<end
    }

    /// The rows of `owner`: the file's, then those added since.
    func rows(of owner: Int32) -> [Int] {
        filedRange(of: owner).map { Int(filedRows[$0]) }.filter { (0..<gallery.count).contains($0) }
            + (addedRows[owner] ?? [])
    }

    func search(_ probe: BiometricSample, k: Int) -> [(owner: Int32, score: Double)] {
        guard !probe.irises.isEmpty, gallery.count > 0 else { return [] }
        var best: [Int32: Double] = [:]
        for iris in probe.irises {
            for match in gallery.search(iris, k: k * 2) where match.index < ownerOfRow.count {
                // An owner number the index does not hold (a damaged file) is passed over.
                let owner = ownerOfRow[match.index], score = 1 - match.distance.normalized
                guard owner >= 0, Int(owner) + 1 < filedStart.count || addedRows[owner] != nil else { continue }
                if score > best[owner] ?? -.infinity { best[owner] = score }
            }
        }
        return best.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(k).map {
            ($0.key, $0.value)
        }
    }

    func compare(_ probe: BiometricSample, owner: Int32) -> (score: Double, detail: String)? {
        let rows = rows(of: owner)
        guard !probe.irises.isEmpty, !rows.isEmpty else { return nil }
        var best: IrisDistance?
        for iris in probe.irises {
            for row in rows {
                let distance = IrisCode.distance(iris, gallery.template(at: row), maxShift: gallery.maxShift)
                if best == nil || distance.normalized < best!.normalized { best = distance }
            }
        }
        guard let best else { return nil }
        return (
            1 - best.normalized,
            "HD \(Format.fixed(best.raw, 3)) (normalised \(Format.fixed(best.normalized, 3))) at shift "
                + "\(best.shift >= 0 ? "+" : "")\(best.shift) over \(best.bitsCompared) bits"
        )
    }
}
