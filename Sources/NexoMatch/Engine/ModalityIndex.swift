import NexoKit

/// One modality's share of the gallery: templates by owner, a 1:N search and a 1:1 comparison.
/// Owners are the engine's dense person numbers.
protocol ModalityIndex {
    /// The modality.
    var modality: Modality { get }
    /// Templates held.
    var templateCount: Int { get }
    /// People with at least one template.
    var ownerCount: Int { get }
    /// The search method, for `bio gallery stats`.
    var method: String { get }
    /// Adds a decoded template of `owner`.
    mutating func add(_ template: EncodedTemplate, owner: Int32) throws(NexoError)
    /// The best `k` owners for `probe` with their native scores, best first; empty when the probe
    /// lacks this modality.
    func search(_ probe: BiometricSample, k: Int) -> [(owner: Int32, score: Double)]
    /// The native score of `probe` against `owner`'s templates and how it came about, or `nil`
    /// when either side lacks this modality.
    func compare(_ probe: BiometricSample, owner: Int32) -> (score: Double, detail: String)?
}

/// Faces: one vector per person (the newest enrolled). Search scans an int8 copy of the gallery
/// and re-ranks the best candidates with exact fp32 cosines (recall@10 1.0 against exact search
/// in the face tests), so scores are always exact.
struct FaceIndex: ModalityIndex {
    var modality: Modality { .face }
    private var gallery = QuantizedFaceGallery(rerankCount: 256)
    private var ownerOfRow: [Int32] = []
    private var rowOfOwner: [Int32: Int] = [:]
    var templateCount: Int { ownerOfRow.count }
    var ownerCount: Int { rowOfOwner.count }
    var method: String { "int8 scan with exact fp32 re-rank (SIMD)" }

    mutating func add(_ template: EncodedTemplate, owner: Int32) throws(NexoError) {
        let face = try TemplateCodec.face(template.data)
        rowOfOwner[owner] = gallery.append(face)
        ownerOfRow.append(owner)
    }

    func search(_ probe: BiometricSample, k: Int) -> [(owner: Int32, score: Double)] {
        guard let face = probe.face, gallery.count > 0 else { return [] }
        var seen = Set<Int32>()
        var result: [(owner: Int32, score: Double)] = []
        for match in gallery.search(face, k: k * 2) {
            let owner = ownerOfRow[match.index]
            // A replaced face stays in the scan; only the owner's current row counts.
            guard rowOfOwner[owner] == match.index, seen.insert(owner).inserted else { continue }
            result.append((owner, Double(match.score)))
            if result.count == k { break }
        }
        return result
    }

    func compare(_ probe: BiometricSample, owner: Int32) -> (score: Double, detail: String)? {
        guard let face = probe.face, let row = rowOfOwner[owner] else { return nil }
        let score = Double(gallery.exact.score(normalized: FaceVector.normalized(face.vector), at: row))
        return (score, "cosine \(Format.fixed(score, 3))")
    }
}

/// Number formatting without Foundation.
enum Format {
    /// `x` with `digits` decimals.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (x * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }
}
