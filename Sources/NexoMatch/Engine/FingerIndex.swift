import Glibc
import NexoKit
import NexoTemplateMath
import NexoThreads

/// Fingers: every enrolled finger prepared once; a probe finger is compared with the gallery
/// fingers of the same position (all of them when either position is unknown), and a person's
/// score is their best finger's. Scores are turned into false-match rates by a calibration
/// measured on synthetic fingers the first time fingers are searched.
///
/// Adopted from an index file (``FingerIndexFile``) the fingers are read the first time a finger search,
/// comparison or enrolment needs them (``DeferredFingers``): a fresh process answering a face or iris probe does
/// not read them.
struct FingerIndex: ModalityIndex {
    var modality: Modality { .finger }
    private var fingers: [PreparedFinger] = []
    private var ownerOfRow: [Int32] = []
    private var rowsOfOwner: [Int32: [Int]] = [:]
    /// The fingers of a file not read yet: this index stands for the one it reads.
    private(set) var deferred: DeferredFingers?
    var templateCount: Int { deferred?.count ?? fingers.count }
    var ownerCount: Int { deferred?.owners ?? rowsOfOwner.count }
    var method: String {
        templateCount > prefilterAbove
            ? "signature prefilter (30 %), then the minutia-pair matcher"
            : "minutia-pair matcher over every finger of the same position"
    }

    init() {}

    /// The fingers of an index file (``FingerIndexFile``), prepared before, in the order they were added, each
    /// row's owner in `ownerOfRow`.
    init(fingers: [PreparedFinger], ownerOfRow: [Int32]) {
        for (finger, owner) in zip(fingers, ownerOfRow) { add(finger, owner: owner) }
    }

    /// The fingers of an index file, read when first needed.
    init(deferred: DeferredFingers) { self.deferred = deferred }

    /// The fingers in the order they were added, with their owners (for an index file).
    var rows: (fingers: [PreparedFinger], owners: [Int32]) {
        if let deferred { return deferred.index.rows }
        return (fingers, ownerOfRow)
    }

    /// Reads the fingers of the file this index stands for, if not yet; throws when it is damaged (the fingers
    /// must not be written into a new file).
    func checkSource() throws(NexoError) {
        guard let deferred else { return }
        _ = deferred.index
        if let section = deferred.damage.damagedSection {
            throw NexoError(.failed, "the finger index this one was opened from is damaged (section \(section))")
        }
    }

    mutating func add(_ template: EncodedTemplate, owner: Int32) throws(NexoError) {
        if let deferred { self = deferred.index }
        add(PreparedFinger(try TemplateCodec.finger(template.data)), owner: owner)
    }

    private mutating func add(_ finger: PreparedFinger, owner: Int32) {
        // A re-enrolled position replaces the owner's earlier finger there.
        if let rows = rowsOfOwner[owner] {
            rowsOfOwner[owner] = rows.filter { fingers[$0].position != finger.position || finger.position == 0 }
        }
        probeCache.forgetSearch()
        rowsOfOwner[owner, default: []].append(fingers.count)
        fingers.append(finger)
        ownerOfRow.append(owner)
    }

    private static func samePosition(_ a: Int, _ b: Int) -> Bool { a == 0 || b == 0 || a == b }

    /// Above this many fingers, a search compares only the share the signature prefilter ranks
    /// best (95 % of mates kept at 30 % in the fingerprint tests) instead of every finger.
    var prefilterAbove = 20_000
    var prefilterShare = 0.3
    /// The last probe's prepared fingers and a matcher scratch, shared by the copies of this index:
    /// an identify scores one probe against every pooled candidate, which then prepares it once.
    private let probeCache = FingerProbeCache()

    func search(_ probe: BiometricSample, k: Int) -> [(owner: Int32, score: Double)] {
        if let deferred { return probe.fingers.isEmpty ? [] : deferred.index.search(probe, k: k) }
        guard !probe.fingers.isEmpty, !fingers.isEmpty else { return [] }
        if let cached = probeCache.searched(probe.fingers, k: k) { return cached }
        let scratch = probeCache.scratch
        var best: [Int32: Double] = [:]
        let search = fingers.count > prefilterAbove ? FingerSearch(gallery: fingers) : nil
        for (finger, prepared) in zip(probe.fingers, probeCache.prepared(probe.fingers)) {
            let rows =
                search.map { $0.shortlist(prepared, count: Int(clampingFloat: Double(fingers.count) * prefilterShare)) }
                ?? Array(fingers.indices)
            for row in rows where Self.samePosition(finger.position, fingers[row].position) {
                let candidate = fingers[row]
                let owner = ownerOfRow[row]
                guard rowsOfOwner[owner]?.contains(row) == true else { continue }
                let score = prepared.compare(candidate, scratch: scratch).score
                if score > best[owner] ?? -1 { best[owner] = score }
            }
        }
        let result = best.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(k).map {
            ($0.key, $0.value)
        }
        probeCache.remember(probe.fingers, k: k, result)
        return result
    }

    func compare(_ probe: BiometricSample, owner: Int32) -> (score: Double, detail: String)? {
        if let deferred { return probe.fingers.isEmpty ? nil : deferred.index.compare(probe, owner: owner) }
        guard !probe.fingers.isEmpty, let rows = rowsOfOwner[owner] else { return nil }
        let scratch = probeCache.scratch
        var best: (comparison: FingerComparison, position: Int)?
        for (finger, prepared) in zip(probe.fingers, probeCache.prepared(probe.fingers)) {
            for row in rows where Self.samePosition(finger.position, fingers[row].position) {
                let comparison = prepared.compare(fingers[row], scratch: scratch)
                if best == nil || comparison.score > best!.comparison.score {
                    best = (comparison, fingers[row].position)
                }
            }
        }
        guard let best else { return nil }
        return (
            best.comparison.score,
            "finger \(best.position): \(best.comparison.matchedMinutiae) minutiae paired, "
                + "rotation \(Format.fixed(best.comparison.rotation, 0))°, score "
                + "\(Format.fixed(best.comparison.score, 3))"
        )
    }

    /// Scores of `pairs` random comparisons of fingers of different people at the same position (the first of
    /// each pair as the probe, as searches compare), computed on every core in a fixed number of seeded parts:
    /// the gallery's own impostor distribution. Empty when fewer than two people have fingers.
    func impostorScores(pairs: Int, seed: UInt64 = 0xF1A6) -> [Double] {
        if let deferred { return deferred.index.impostorScores(pairs: pairs, seed: seed) }
        let live = fingers.indices.filter { rowsOfOwner[ownerOfRow[$0]]?.contains($0) == true }
        guard rowsOfOwner.count >= 2, live.count >= 2 else { return [] }
        let parts = 16
        let scores = ParallelWork.map(parts) { part -> [Double] in
            var generator = SeededGenerator(seed: seed &+ UInt64(part))
            let scratch = FingerMatchScratch()
            var result: [Double] = []
            let wanted = pairs / parts + (part < pairs % parts ? 1 : 0)
            // Bounded: a gallery whose fingers are all of one person, or of positions that never meet, gives
            // fewer scores than asked rather than looping.
            for _ in 0..<(wanted * 20) where result.count < wanted {
                let a = live[Int.random(in: 0..<live.count, using: &generator)]
                let b = live[Int.random(in: 0..<live.count, using: &generator)]
                guard ownerOfRow[a] != ownerOfRow[b], Self.samePosition(fingers[a].position, fingers[b].position)
                else { continue }
                result.append(FingerProbe(fingers[a]).compare(fingers[b], scratch: scratch).score)
            }
            return result
        }
        return Array(scores.joined())
    }
}

/// The prepared fingers of the last probe seen, the matcher's scratch memory and the last search,
/// so that comparing one probe with many people prepares it once and allocates no scratch per
/// comparison, and searching the same fingers again (the same probe identified with and without
/// its other modalities) does not scan the gallery twice. The index forgets the search whenever it
/// changes. Not thread-safe, like the engine that owns it (one command at a time).
final class FingerProbeCache {
    let scratch = FingerMatchScratch()
    private var fingers: [FingerTemplate] = []
    private var probes: [FingerProbe] = []
    private var lastSearch: (fingers: [FingerTemplate], k: Int, result: [(owner: Int32, score: Double)])?

    /// The last search's result when it was for `fingers` with at least `k` results asked for.
    func searched(_ fingers: [FingerTemplate], k: Int) -> [(owner: Int32, score: Double)]? {
        guard let lastSearch, lastSearch.k >= k, lastSearch.fingers == fingers else { return nil }
        return Array(lastSearch.result.prefix(k))
    }

    func remember(_ fingers: [FingerTemplate], k: Int, _ result: [(owner: Int32, score: Double)]) {
        lastSearch = (fingers, k, result)
    }

    func forgetSearch() { lastSearch = nil }

    /// `fingers` prepared as probes, in order.
    func prepared(_ fingers: [FingerTemplate]) -> [FingerProbe] {
        if fingers != self.fingers {
            self.fingers = fingers
            probes = fingers.map { FingerProbe(PreparedFinger($0)) }
        }
        return probes
    }
}

/// The finger score calibration the engine ships (``FingerCalibrationTable``: 57,360 impostor
/// scores measured once by `Scripts/finger-calibration` on synthetic fingers, checked in), used until a gallery
/// has fingers enough to measure its own (``MatchEngine/fingerCalibration(_:)``), and the evidence a calibration
/// gives a score.
enum FingerCalibration {
    static let shared = FingerScoreCalibration(impostorScores: FingerCalibrationTable.impostorScores)

    /// The largest evidence a finger comparison gives: a false-match rate of 1e-15, far beyond the bar of any
    /// gallery (10 million people need 9.5); only a guard against a rate of zero.
    static let largestEvidence = 15.0

    /// log10 LR of a finger score under `calibration`: the genuine rate of a score this high is near 1 for the
    /// scores that matter, so the evidence is −log10 of its false-match rate — measured, or from the impostor
    /// tail model above the sample's top 1 %, so that it grows with how far beyond every measured impostor the
    /// score lies; scores impostors reach half the time count against.
    static func logLikelihoodRatio(_ score: Double, _ calibration: FingerScoreCalibration = shared) -> Double {
        let fmr = calibration.extrapolatedFalseMatchRate(forScore: score)
        if fmr >= 0.5 { return -2 }
        return min(-log10(fmr), largestEvidence)
    }
}

extension Format {
    /// `1 in 10,000`-style rate: `1e-4`.
    static func rate(_ x: Double) -> String {
        guard x > 0, x.isFinite else { return x > 0 ? "\(x)" : "0" }
        let exponent = Int(clampingFloat: log10(x), rounding: .down)
        let mantissa = x / pow(10, Double(exponent))
        return "\(fixed(mantissa, 1))e\(exponent)"
    }
}

/// The fingers of an index file, read and checked the first time they are needed, then kept (shared by the copies
/// of the index standing for them). A file found damaged then gives no fingers, and ``damage`` says so: the engine
/// rebuilds from the store and asks again.
final class DeferredFingers: @unchecked Sendable {
    // @unchecked: `read` is called once, with `loaded`'s lock held.
    /// Fingers and people with a finger in the file, as its summary says.
    let count: Int
    let owners: Int
    let damage = IndexDamage()
    private let read: () throws -> FingerIndex
    private let loaded = Guarded<FingerIndex?>(nil)

    init(count: Int, owners: Int, read: @escaping () throws -> FingerIndex) {
        self.count = count
        self.owners = owners
        self.read = read
    }

    /// Whether the fingers were read.
    var isRead: Bool { loaded.withLock { $0 != nil } }

    /// The fingers, read now if not yet.
    var index: FingerIndex {
        loaded.withLock { loaded in
            if let loaded { return loaded }
            var index = FingerIndex()
            do {
                index = try read()
            } catch {
                damage.record(error as? IndexFileError ?? .sectionChecksum(id: 1))
            }
            loaded = index
            return index
        }
    }
}
