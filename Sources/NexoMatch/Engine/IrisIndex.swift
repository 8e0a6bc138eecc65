import NexoKit

/// Irises: every enrolled iris (right and left) in one popcount gallery; a person's score is the
/// best (lowest normalised Hamming distance) over the probe's irises and theirs. The native score
/// is 1 − the normalised distance, so higher is more alike like the other modalities.
struct IrisIndex: ModalityIndex {
    var modality: Modality { .iris }
    var searchesConcurrently: Bool { true }
    private var gallery = IrisGallery()
    private var ownerOfRow: [Int32] = []
    private var rowsOfOwner: [Int32: [Int]] = [:]
    var templateCount: Int { ownerOfRow.count }
    var ownerCount: Int { rowsOfOwner.count }
    var method: String { "popcount scan, fractional Hamming distance over ±\(gallery.maxShift) shifts" }

    mutating func add(_ template: EncodedTemplate, owner: Int32) throws(NexoError) {
        let iris = try TemplateCodec.iris(template.data)
        let row = gallery.append(iris)
        ownerOfRow.append(owner)
        rowsOfOwner[owner, default: []].append(row)
    }

    func search(_ probe: BiometricSample, k: Int) -> [(owner: Int32, score: Double)] {
        guard !probe.irises.isEmpty, gallery.count > 0 else { return [] }
        var best: [Int32: Double] = [:]
        for iris in probe.irises {
            for match in gallery.search(iris, k: k * 2)
            where rowsOfOwner[ownerOfRow[match.index]]?.contains(match.index) == true {
                let owner = ownerOfRow[match.index], score = 1 - match.distance.normalized
                if score > best[owner] ?? -.infinity { best[owner] = score }
            }
        }
        return best.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(k).map {
            ($0.key, $0.value)
        }
    }

    func compare(_ probe: BiometricSample, owner: Int32) -> (score: Double, detail: String)? {
        guard !probe.irises.isEmpty, let rows = rowsOfOwner[owner] else { return nil }
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
