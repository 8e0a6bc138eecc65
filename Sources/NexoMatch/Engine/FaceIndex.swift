import NexoKit
import NexoTemplateMath

/// Faces: one vector per person (the newest enrolled). Search scans an int8 copy of the gallery
/// and re-ranks the best candidates with exact fp32 cosines (recall@10 1.0 against exact search
/// in the face tests), so scores are always exact.
///
/// Above ``approximateAbove`` faces the index files the gallery under inverted lists (IVF, about
/// a thousand faces per list, codes in the faces' principal subspace) and measures on the gallery
/// itself how often a noisy capture finds its mate through them, with 4 to 128 lists scanned; it
/// uses the fewest that keep ``requiredMateRecall``, and stays exact when none does (as on the
/// issue's isotropic synthetic faces, where no index finds mates cheaply). A list search stops at
/// a sure mate (``sureMateScore``). ``method`` says which search runs and why.
///
/// From 1,000 faces on, the index also measures the impostor cosines of its gallery (random pairs
/// of different people): face models differ in how widely unrelated faces score, and the engine
/// calibrates face evidence with what this gallery shows rather than with a constant.
struct FaceIndex: ModalityIndex {
    var modality: Modality { .face }
    var searchesConcurrently: Bool { true }
    /// Candidates the int8 scan passes to the exact re-rank.
    static let rerankCount = 256
    var gallery = FaceRows(rerankCount: FaceIndex.rerankCount)
    /// The owner of each row.
    var ownerOfRow = NumberColumn<Int32>()
    /// The current row of each owner (indexed by owner number; -1: no face): its live row with the newest
    /// template.
    var rowOfOwner = NumberColumn<Int32>()
    /// The store's template id of each row; negated once that template left the store (a tombstone: the row
    /// stays in the scan, no owner's current row, until the gallery is rebuilt without it).
    var templateOfRow = NumberColumn<Int64>()
    /// Owners with a face.
    private(set) var ownerCount = 0
    /// Rows whose template is in the store (the others are tombstones).
    private(set) var liveRows = 0
    var lists: InvertedFaceLists?
    var listsDecision: String?
    /// Gallery size at which the approximate path is tried (tests lower it).
    var approximateAbove = 50_000
    /// Share of mates the approximate path must find for the engine to use it.
    static let requiredMateRecall = 0.99
    /// Mean and standard deviation of cosines between different people's faces in this gallery,
    /// once it holds 1,000 faces (measured again each time it doubles).
    var impostorScores: (mean: Double, deviation: Double)?
    var impostorsMeasuredAt = 0
    /// Candidates a list search re-ranks exactly (at least; twice the `k` asked for when more).
    /// The scan of one list in the 128-d subspace puts mates among the first few: the mate check
    /// gave the same recall re-ranking 16 as 256 (its misses are cells, not codes).
    static let listCandidates = 64
    /// A cosine no impostor of this gallery reaches (measured mean + 6 standard deviations): a
    /// list search that has found a face this close stops there.
    private var sureMateScore: Float? { impostorScores.map { Float($0.mean + 6 * $0.deviation) } }
    var listsSizedFor = 0
    var templateCount: Int { liveRows }
    /// Rows kept for templates the store no longer has: scanned, never answered; gone at the next rebuild.
    var tombstones: Int { ownerOfRow.count - liveRows }
    var method: String {
        let exact = "int8 scan with exact fp32 re-rank (SIMD)"
        var text: String
        if let lists {
            text =
                "inverted lists (\(lists.listCount), \(lists.probeLists) scanned; \(listsDecision ?? "")), "
                + "exact fp32 re-rank"
        } else {
            text = listsDecision.map { "\(exact); \($0)" } ?? exact
        }
        if let impostorScores {
            text +=
                "; impostor cosines \(Format.fixed(impostorScores.mean, 3)) "
                + "± \(Format.fixed(impostorScores.deviation, 3))"
        }
        return text
    }

    /// Sets the owner and template of each row and the current row of each owner, `owners` of them with a face
    /// and `live` rows not tombstones (as read from an index file).
    mutating func restore(
        ownerOfRow: NumberColumn<Int32>, rowOfOwner: NumberColumn<Int32>, templateOfRow: NumberColumn<Int64>,
        owners: Int, live: Int
    ) {
        self.ownerOfRow = ownerOfRow
        self.rowOfOwner = rowOfOwner
        self.templateOfRow = templateOfRow
        ownerCount = owners
        liveRows = live
    }

    mutating func add(_ template: EncodedTemplate, owner: Int32) throws(NexoError) {
        let face = try TemplateCodec.face(template.data)
        let row = gallery.append(face)
        rowOfOwner.grow(to: Int(owner) + 1, with: -1)
        let current = Int(rowOfOwner[Int(owner)])
        if current < 0 { ownerCount += 1 }
        // A template older than the owner's current one (brought back by an undo) does not replace it.
        if current < 0 || templateOfRow[current] <= template.id { rowOfOwner[Int(owner)] = Int32(row) }
        ownerOfRow.append(owner)
        templateOfRow.append(template.id)
        liveRows += 1
        if lists != nil { lists!.add(index: row, normalized: gallery.vector(at: row)) }
    }

    /// Brings the rows in step with the store's face template ids `stored` (ascending): a row whose template left
    /// the store becomes a tombstone, one whose template came back (an undo) lives again, and each owner touched
    /// gets its live row with the newest template as current. Returns the stored ids no row holds (to be added)
    /// and how many rows changed.
    mutating func reconcile(stored: [Int64]) -> (missing: [Int64], changedRows: Int) {
        var held = [Bool](repeating: false, count: stored.count)
        var changes: [(row: Int, template: Int64)] = []
        for row in 0..<templateOfRow.count {
            let id = templateOfRow[row]
            let magnitude = Int64(clamping: id.magnitude)
            let position = Self.position(of: magnitude, in: stored)
            if let position { held[position] = true }
            if (id > 0) != (position != nil) { changes.append((row, position != nil ? magnitude : -magnitude)) }
        }
        _ = apply(changes)
        return (stored.indices.filter { !held[$0] }.map { stored[$0] }, changes.count)
    }

    /// Sets the template ids of rows (a negative id: a tombstone), as a comparison found or a changes file
    /// recorded, and gives each owner touched its live row with the newest template. A change that is not a
    /// flip of a row's own id (a crafted file) is refused whole.
    mutating func apply(_ changes: [(row: Int, template: Int64)]) -> Bool {
        guard
            changes.allSatisfy({
                (0..<templateOfRow.count).contains($0.row) && $0.template != 0
                    && $0.template.magnitude == templateOfRow[$0.row].magnitude
            })
        else { return false }
        var touched = Set<Int32>()
        for (row, id) in changes where templateOfRow[row] != id {
            liveRows += id > 0 ? 1 : -1
            templateOfRow[row] = id
            touched.insert(ownerOfRow[row])
        }
        guard !touched.isEmpty else { return true }
        var best: [Int32: Int] = [:]
        for row in 0..<ownerOfRow.count where templateOfRow[row] > 0 {
            let owner = ownerOfRow[row]
            guard touched.contains(owner) else { continue }
            if let other = best[owner], templateOfRow[other] > templateOfRow[row] { continue }
            best[owner] = row
        }
        for owner in touched where owner >= 0 && Int(owner) < rowOfOwner.count {
            let had = rowOfOwner[Int(owner)] >= 0
            let now = best[owner].map(Int32.init) ?? -1
            rowOfOwner[Int(owner)] = now
            ownerCount += (now >= 0 ? 1 : 0) - (had ? 1 : 0)
        }
        return true
    }

    /// Where `id` is in the ascending `ids`, if there.
    private static func position(of id: Int64, in ids: [Int64]) -> Int? {
        var low = 0, high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }

    /// Measures the impostor cosines again once the gallery has doubled, and files it under
    /// inverted lists (again) once it has reached ``approximateAbove`` or doubled since the lists
    /// were sized: lists sized for a fifth of the gallery would each hold five times the faces.
    mutating func settle() {
        if gallery.count >= 1_000 && gallery.count >= 2 * impostorsMeasuredAt { measureImpostors() }
        if gallery.count >= approximateAbove && gallery.count >= 2 * listsSizedFor {
            listsSizedFor = gallery.count
            lists = nil
            tryInvertedLists()
        }
    }

    /// Cosines of 20,000 random pairs of rows of different owners: the impostor distribution.
    private mutating func measureImpostors() {
        var rng = SeededGenerator(seed: 0x1_4B05 &+ UInt64(gallery.count))
        let n = gallery.count
        var sum = 0.0, squares = 0.0, pairs = 0
        for _ in 0..<20_000 {
            let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            guard ownerOfRow[a] != ownerOfRow[b] else { continue }
            let score = Double(gallery.score(normalized: gallery.vector(at: a), at: b))
            sum += score
            squares += score * score
            pairs += 1
        }
        guard pairs > 1 else { return }
        let mean = sum / Double(pairs)
        impostorScores = (mean, max((squares / Double(pairs) - mean * mean).squareRoot(), 1e-3))
        impostorsMeasuredAt = n
    }

    /// Files the gallery under inverted lists trained on a sample of it, then measures on the
    /// gallery how often a noisy capture finds its mate with 4–128 lists scanned, and keeps the
    /// lists with the fewest that pass; drops them when none does.
    private mutating func tryInvertedLists() {
        var rng = SeededGenerator(seed: 0x1F_ACE5)
        let n = gallery.count
        let listCount = max(16, min(2_048, n / 1_000))
        let rows = Array((0..<n).shuffled(using: &rng).prefix(min(n, max(32_768, listCount * 64))))
        var sample: [Float] = []
        sample.reserveCapacity(rows.count * FaceGallery.dimensions)
        for row in rows { sample += gallery.vector(at: row) }
        // Codes of 128 principal coordinates where those hold at least half the faces' variance,
        // twice what 128 random directions hold (fitted on up to 8,192 faces of the sample, judged
        // on up to 1,024 others); whether the lists keep mates either way, the check below decides.
        let d = FaceGallery.dimensions
        let held = min(1_024, rows.count / 4)
        let fitted = min(8_192, rows.count - held, max(1_024, rows.count / 4))
        let projection = FaceProjection(sample: Array(sample.prefix(fitted * d)), rank: 128, using: &rng)
        let captured = projection.capturedShare(of: Array(sample.suffix(held * d)))
        var lists = InvertedFaceLists(
            trainingOn: sample, listCount: listCount, iterations: 8,
            projection: captured >= 0.5 ? projection : nil, using: &rng)
        for row in 0..<n { lists.add(index: row, normalized: gallery.vector(at: row)) }
        // A capture's noise: the calibration's genuine mean cosine μ means a noise of norm √(1/μ² − 1).
        let mean = MatchEngine.defaultCalibrations[.face]?.genuine.mean ?? 0.7
        let noise = Float((1 / (mean * mean) - 1).squareRoot())
        var measured: [String] = []
        for probeLists in [4, 8, 16, 32, 64, 128] where probeLists <= listCount {
            let recall = lists.mateRecall(
                of: gallery, noise: noise, probeLists: probeLists, samples: 1_000,
                reranked: Self.listCandidates, stopScore: sureMateScore, using: &rng)
            measured.append("\(Format.fixed(recall, 3)) with \(probeLists)")
            guard recall >= Self.requiredMateRecall else { continue }
            lists.probeLists = probeLists
            self.lists = lists
            let codes =
                lists.projection.map {
                    "int8 codes of \($0.rank) principal coordinates holding "
                        + "\(Format.fixed(captured * 100, 0)) % of the variance"
                }
                ?? "int8 codes"
            listsDecision =
                "mate recall \(measured.joined(separator: ", ")) lists scanned, measured on the gallery; \(codes)"
            return
        }
        listsDecision =
            "inverted lists not used: mate recall \(measured.joined(separator: ", ")) of \(listCount) lists scanned "
            + "< \(Self.requiredMateRecall)"
    }

    func search(_ probe: BiometricSample, k: Int) -> [(owner: Int32, score: Double)] {
        guard let face = probe.face, gallery.count > 0 else { return [] }
        var seen = Set<Int32>()
        var result: [(owner: Int32, score: Double)] = []
        let matches: [FaceMatch]
        if let lists {
            let unit = FaceVector.normalized(face.vector)
            var top = TopK(k: k * 2)
            let rows = gallery
            for candidate in lists.candidates(
                normalized: unit, k: max(k * 2, Self.listCandidates) + min(tombstones, 1_024),
                stopScore: sureMateScore,
                exactScore: { (0..<rows.count).contains($0) ? rows.score(normalized: unit, at: $0) : -.infinity })
            where (0..<rows.count).contains(candidate.index) && isLive(candidate.index) {
                top.offer(index: candidate.index, score: rows.score(normalized: unit, at: candidate.index))
            }
            matches = top.sorted()
        } else {
            // Up to 1,024 extra candidates: past that many tombstones (rebuilt at a quarter of the rows), the live
            // share of the candidates still holds the re-rank's 256 many times over.
            matches = gallery.search(face, k: k * 2, dead: min(tombstones, 1_024), isLive: isLive)
        }
        for match in matches {
            guard (0..<ownerOfRow.count).contains(match.index) else { continue }
            let owner = ownerOfRow[match.index]
            guard owner >= 0, Int(owner) < rowOfOwner.count else { continue }
            // A replaced face stays in the scan; only the owner's current row counts.
            guard rowOfOwner[Int(owner)] == match.index, seen.insert(owner).inserted else { continue }
            result.append((owner, Double(match.score)))
            if result.count == k { break }
        }
        return result
    }

    /// Whether `row` holds a template the store still has (not a tombstone).
    private func isLive(_ row: Int) -> Bool { tombstones == 0 || templateOfRow[row] > 0 }

    func compare(_ probe: BiometricSample, owner: Int32) -> (score: Double, detail: String)? {
        guard let face = probe.face, Int(owner) < rowOfOwner.count, rowOfOwner[Int(owner)] >= 0 else { return nil }
        let row = Int(rowOfOwner[Int(owner)])
        let score = Double(gallery.score(normalized: FaceVector.normalized(face.vector), at: row))
        return (score, "cosine \(Format.fixed(score, 3))")
    }
}
