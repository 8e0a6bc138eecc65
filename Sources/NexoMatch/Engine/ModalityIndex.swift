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
///
/// Above ``approximateAbove`` faces the index trains inverted lists (IVF) on the gallery and
/// measures on the gallery itself how often a noisy capture finds its mate through them, with 8,
/// 16, 32 or 64 lists scanned; it uses the fewest that keep ``requiredMateRecall``, and stays
/// exact when none does (as on the issue's isotropic synthetic faces, where no index finds mates
/// cheaply). ``method`` says which search runs and why.
struct FaceIndex: ModalityIndex {
    var modality: Modality { .face }
    private var gallery = QuantizedFaceGallery(rerankCount: 256)
    private var ownerOfRow: [Int32] = []
    private var rowOfOwner: [Int32: Int] = [:]
    private var lists: InvertedFaceLists?
    private var listsDecision: String?
    /// Gallery size at which the approximate path is tried (tests lower it).
    var approximateAbove = 200_000
    /// Share of mates the approximate path must find for the engine to use it.
    static let requiredMateRecall = 0.99
    var templateCount: Int { ownerOfRow.count }
    var ownerCount: Int { rowOfOwner.count }
    var method: String {
        let exact = "int8 scan with exact fp32 re-rank (SIMD)"
        if let lists { return "inverted lists (\(lists.listCount), \(lists.probeLists) scanned; \(listsDecision ?? "")), exact fp32 re-rank" }
        return listsDecision.map { "\(exact); \($0)" } ?? exact
    }

    mutating func add(_ template: EncodedTemplate, owner: Int32) throws(NexoError) {
        let face = try TemplateCodec.face(template.data)
        let row = gallery.append(face)
        rowOfOwner[owner] = row
        ownerOfRow.append(owner)
        if lists != nil {
            lists!.add(index: row, normalized: gallery.exact.vector(at: row))
        } else if listsDecision == nil && gallery.count >= approximateAbove {
            tryInvertedLists()
        }
    }

    /// Trains inverted lists on a sample of the gallery, checks on that sample (filed alone, with
    /// the same share of lists scanned) how often a noisy capture finds its mate, and only when the
    /// check passes files the whole gallery: a refusal costs seconds, not a pass over every face.
    private mutating func tryInvertedLists() {
        var rng = SeededGenerator(seed: 0x1F_ACE5)
        let n = gallery.count
        let listCount = max(16, min(1024, n / 64))
        let rows = Array((0..<n).shuffled(using: &rng).prefix(min(n, 32_768)))
        var sample = FaceGallery(reservingCapacity: rows.count)
        for row in rows { sample.append(normalized: gallery.exact.vector(at: row)) }
        // The sample is filed under as many lists as keep the gallery's list size.
        let sampleLists = max(4, listCount * rows.count / n)
        var trial = InvertedFaceLists(trainingOn: sample.normalizedStorage, listCount: sampleLists, iterations: 4, using: &rng)
        for i in 0..<sample.count { trial.add(index: i, normalized: sample.vector(at: i)) }
        // A capture's noise: the calibration's genuine mean cosine μ means a noise of norm √(1/μ² − 1).
        let mean = MatchEngine.defaultCalibrations[.face]?.genuine.mean ?? 0.7
        let noise = Float((1 / (mean * mean) - 1).squareRoot())
        var last: (lists: Int, recall: Double)?
        for probeLists in [8, 16, 32, 64] where probeLists <= listCount {
            let scanned = max(1, probeLists * sampleLists / listCount)
            let recall = trial.mateRecall(of: sample, noise: noise, probeLists: scanned, samples: 400, using: &rng)
            last = (probeLists, recall)
            guard recall >= Self.requiredMateRecall else { continue }
            var lists = InvertedFaceLists(trainingOn: sample.normalizedStorage, listCount: listCount, iterations: 4,
                                          probeLists: probeLists, using: &rng)
            for row in 0..<n { lists.add(index: row, normalized: gallery.exact.vector(at: row)) }
            self.lists = lists
            listsDecision = "mate recall \(Format.fixed(recall, 3)) measured on a sample of the gallery"
            return
        }
        let best = last.map { "\(Format.fixed($0.recall, 3)) with \($0.lists) of \(listCount) lists" } ?? "not measured"
        listsDecision = "inverted lists not used: mate recall \(best) < \(Self.requiredMateRecall)"
    }

    func search(_ probe: BiometricSample, k: Int) -> [(owner: Int32, score: Double)] {
        guard let face = probe.face, gallery.count > 0 else { return [] }
        var seen = Set<Int32>()
        var result: [(owner: Int32, score: Double)] = []
        let matches: [FaceMatch]
        if let lists {
            let unit = FaceVector.normalized(face.vector)
            var top = TopK(k: k * 2)
            for candidate in lists.candidates(normalized: unit, k: max(k * 2, gallery.rerankCount)) {
                top.offer(index: candidate.index, score: gallery.exact.score(normalized: unit, at: candidate.index))
            }
            matches = top.sorted()
        } else {
            matches = gallery.search(face, k: k * 2)
        }
        for match in matches {
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
