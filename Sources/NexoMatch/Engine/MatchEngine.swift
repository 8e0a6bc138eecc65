import NexoFiles
import NexoKit
import NexoThreads

/// The match engine: per-modality indexes kept in step with the store, calibration of each
/// modality's scores to likelihood ratios, fusion, and decisions for a target FPIR.
///
/// One engine lives as long as the shell; each command gets a ``MatchSession`` bound to its own
/// store transaction. Indexes are synchronised lazily: unchanged templates cost one query, newly
/// added ones are loaded alone, and anything else (an undo, a removal) rebuilds the indexes.
public final class MatchEngine {
    /// Calibration of each modality's native score.
    public var calibrations: [Modality: ScoreCalibration] = MatchEngine.defaultCalibrations
    /// Whether a modality's impostor distribution measured on the gallery (faces: random pairs of
    /// people, from 1,000 faces on) replaces the one in ``calibrations``.
    public var usesMeasuredImpostors = true
    /// The false-positive identification rate hit thresholds are set for.
    public var targetFPIR = DecisionPolicy.defaultFPIR
    /// Compares two biographic records: native score, log10 LR and explanation lines.
    public var biographicComparator:
        (@Sendable (BiographicRecord, BiographicRecord) -> (score: Double, logLR: Double, explanation: [String]))?

    /// Reads an ISO/ANSI minutiae record into finger templates, with warnings for what it read
    /// leniently (each naming its byte offset).
    public var fingerRecordDecoder:
        (@Sendable ([UInt8]) throws(NexoError) -> (fingers: [FingerTemplate], warnings: [String]))?
    /// Writes finger templates as a minutiae record (`iso` or `ansi`).
    public var fingerRecordEncoder: (@Sendable ([FingerTemplate], String) throws(NexoError) -> [UInt8])?

    /// Whether the face index is kept in a file beside the store (``GalleryStorage/indexFilePath(for:)``): opened
    /// by a fresh engine instead of rebuilt, written after a rebuild.
    public var usesIndexFiles = true
    /// Face galleries smaller than this are not written to a file (a rebuild costs little); tests lower it.
    public var indexFileMinimumRows = 1_000
    /// The file is written again once the faces added since it was written reach this many (and a tenth of its
    /// rows): a fresh engine then opens them with the rest instead of loading them from the store.
    public var indexFileRewriteRows = 10_000

    var indexes: [Modality: any ModalityIndex] = [:]
    /// The people with templates, by owner number.
    var owners = OwnerTable()
    /// Owner numbers by person; complete unless `ownerNumbersPending` (after opening an index file, built on the
    /// first lookup: a search does not need it).
    var ownerNumbers: [EntityID: Int32] = [:]
    var ownerNumbersPending = false
    /// The store's state the indexes hold.
    var loaded = TemplateState.empty
    /// The face index file in use, for `bio gallery stats`: where, how large, the state it holds, and whether this
    /// engine opened it or wrote it.
    var faceIndexFile: (path: String, bytes: Int, state: TemplateState, opened: Bool, checksum: UInt64)?
    /// The iris and finger index files in use (tied to the face index file), for `bio gallery stats`.
    var tiedIndexFiles: [Modality: (path: String, bytes: Int, opened: Bool)] = [:]

    /// Whether the biographic comparator's parameters are measured on the store's people (``BiographicCalibration``,
    /// from ``BiographicCalibration/minimumPeople`` people on) instead of the documented defaults.
    public var learnsBiographicParameters = true
    /// The parameters measured on the gallery in use, if any.
    var biographicCalibration: BiographicCalibration?
    /// Biographic records prepared for comparison, shared by every comparator this engine makes.
    let preparedRecords = PreparedRecords()
    /// The comparator measured on the gallery, when one is in use.
    private var biographic: BiographicComparator?
    /// Random impostor comparisons a gallery's finger calibration is measured on (the tail model is fitted to their
    /// top 1 %, so at least 5,000); tests lower it.
    public var fingerImpostorPairs = 20_000
    /// The finger impostor scores measured on the gallery, and how many fingers it had then.
    var measuredFingerCalibration: (fingers: Int, calibration: FingerScoreCalibration)?

    /// The default biographic comparator, built the first time a biographic probe is compared
    /// (its tables cost nothing to scripts that never match).
    static let defaultBiographic = BiographicComparator()

    /// Calibrations measured on the synthetic captures of each modality.
    public static let defaultCalibrations: [Modality: ScoreCalibration] = [
        .face: ScoreCalibration(genuine: (0.65, 0.09), impostor: (0.0, 0.045)),
        // 1 − normalised Hamming distance: genuine distances ~0.1–0.3, impostors ~0.45–0.5.
        .iris: ScoreCalibration(genuine: (0.80, 0.06), impostor: (0.53, 0.02)),
    ]

    /// An engine with empty indexes (they fill from the store on first use) and the default
    /// biographic comparator (Fellegi–Sunter weights in log2, turned into log10 here).
    public init() {
        fingerRecordDecoder = { bytes throws(NexoError) in
            let record = try MinutiaeRecord(bytes: bytes)
            return (record.fingers, record.quirks.map { "\(record.format) record read with a flaw: \($0)" })
        }
        fingerRecordEncoder = { fingers, format throws(NexoError) in
            let first = fingers[0]
            let record = MinutiaeRecord(
                format: format == "ansi" ? .ansi378_2004 : .iso19794_2_2005,
                width: fingers.map(\.width).max() ?? first.width, height: fingers.map(\.height).max() ?? first.height,
                resolutionX: first.resolution, resolutionY: first.resolution,
                views: fingers.map { FingerView(template: $0) })
            return try record.bytes(as: record.format)
        }
        useBiographic(nil)
    }

    /// Compares biographic records with `comparator` from now on (the default one when `nil`): scores in log₂,
    /// evidence in log₁₀.
    func useBiographic(_ comparator: BiographicComparator?) {
        let prepared = preparedRecords
        biographicComparator = { probe, record in
            let result = (comparator ?? MatchEngine.defaultBiographic).compare(
                prepared.prepared(probe), prepared.prepared(record))
            return (result.score, result.score * log10Of2, result.explanation)
        }
        biographic = comparator
    }

    /// The biographic comparator in use: measured on the gallery, or the default one.
    var currentBiographic: BiographicComparator { biographic ?? MatchEngine.defaultBiographic }

    /// A session for one command, over `storage`.
    public func session(storage: any GalleryStorage) -> MatchSession { MatchSession(engine: self, storage: storage) }

    /// The calibration of `modality`'s scores: ``calibrations``, with the impostor distribution
    /// `index` measured on the gallery when there is one and ``usesMeasuredImpostors`` is on.
    func calibration(_ modality: Modality, index: any ModalityIndex) -> ScoreCalibration? {
        guard var calibration = calibrations[modality] else { return nil }
        // A gallery of copies (every "impostor" alike) says nothing about impostors: keep the constant.
        if usesMeasuredImpostors, let measured = index.impostorScores, measured.mean < calibration.genuine.mean {
            calibration.impostor = measured
        }
        return calibration
    }

    /// The modalities other than faces: loaded from the store when no iris and finger files tied to the face index
    /// file can be adopted (after a rebuild, a comparison with the store, or when those files are missing).
    static let modalitiesBesideFaces = Set(Modality.allCases).subtracting([.face])

    func makeIndexes() -> [Modality: any ModalityIndex] {
        [.face: FaceIndex(), .iris: IrisIndex(), .finger: FingerIndex()]
    }

    /// Brings the indexes in step with the store: from the face index file when a fresh engine finds one (then
    /// only what changed since it was written is applied), else from the store's templates. Templates only added
    /// are loaded alone; removals and restores (an undo, a replaced face) are found by comparing template ids and
    /// make face rows tombstones or live again, the other modalities reloaded; the gallery is rebuilt only when
    /// tombstones pass a quarter of its rows. The face file is written after a rebuild and once enough changed.
    func synchronise(_ storage: any GalleryStorage) throws(NexoError) {
        try bringInStep(storage)
        _ = try rebuildIfDamaged(storage)
    }

    /// ``synchronise(_:)``, but for the damage its reading of the face index file may have found.
    private func bringInStep(_ storage: any GalleryStorage) throws(NexoError) {
        let state = try storage.templateState()
        if state == loaded, !indexes.isEmpty || state.count == 0 { return }
        let facePath = usesIndexFiles ? storage.indexFilePath(for: .face) : nil
        if indexes.isEmpty, state.count > 0, let facePath { try openFaceIndex(facePath, storage) }
        if !indexes.isEmpty {
            var fresh = [EncodedTemplate]()
            if state.newest >= loaded.newest, state.changes >= loaded.changes {
                try storage.forEachTemplate(after: loaded.newest) { fresh.append($0) }
            }
            if state.onlyAdds(fresh.count, to: loaded) {
                for template in fresh { add(template, storage) }
                settleIndexes()
                loaded = state
                saveFaceIndexIfChanged(facePath, storage, comparedRows: false)
                return
            }
            if try reconcile(storage) {
                loaded = state
                saveFaceIndexIfChanged(facePath, storage, comparedRows: true)
                return
            }
        }
        try rebuild(storage, facePath: facePath)
    }

    /// Rebuilds every index from the store's templates and writes the face index to `facePath` (when worth it).
    func rebuild(_ storage: any GalleryStorage, facePath: String?) throws(NexoError) {
        let state = try storage.templateState()
        indexes = makeIndexes()
        faceIndexFile = nil
        tiedIndexFiles = [:]
        owners = OwnerTable()
        ownerNumbers = [:]
        ownerNumbersPending = false
        var done = 0
        try storage.forEachTemplate(after: 0) { (template: EncodedTemplate) throws(NexoError) in
            self.add(template, storage)
            done += 1
            if done % 10_000 == 0 { storage.loading(done, of: state.count) }
        }
        settleIndexes()
        loaded = state
        if let facePath { saveFaceIndex(facePath, storage) }
    }

    /// Brings the indexes in step with a store that removed or brought back templates since they were loaded:
    /// face rows compared with the store's face template ids (tombstones, rows live again, the faces no row holds
    /// added), the other modalities reloaded. Returns `false`, changing nothing, when a rebuild is better (no face
    /// index yet, or tombstones would pass a quarter of the rows).
    private func reconcile(_ storage: any GalleryStorage) throws(NexoError) -> Bool {
        guard var face = indexes[.face] as? FaceIndex, face.templateOfRow.count > 0 else { return false }
        let stored = try storage.templateIDs(of: .face)
        let before = face
        let missing = face.reconcile(stored: stored).missing
        guard face.tombstones * 4 <= face.templateOfRow.count + missing.count else {
            indexes[.face] = before
            return false
        }
        indexes = makeIndexes()
        indexes[.face] = face
        tiedIndexFiles = [:]
        try storage.forEachTemplate(ids: missing) { (template: EncodedTemplate) throws(NexoError) in
            add(template, storage)
        }
        try storage.forEachTemplate(of: Self.modalitiesBesideFaces, through: .max) {
            (template: EncodedTemplate) throws(NexoError) in
            add(template, storage)
        }
        settleIndexes()
        return true
    }

    /// Lets each index build what it builds from the whole gallery, after templates were added.
    func settleIndexes() {
        for modality in Array(indexes.keys) {
            guard var index = indexes.removeValue(forKey: modality) else { continue }
            index.settle()
            indexes[modality] = index
        }
    }

    /// Each probe's best `breadth` owners in each index modality it has, in the order of
    /// `probes`. Indexes that allow it search several probes at once, one per core.
    func search(_ probes: [BiometricSample], breadth: Int) -> [[Modality: [(owner: Int32, score: Double)]]] {
        var found = [[Modality: [(owner: Int32, score: Double)]]](repeating: [:], count: probes.count)
        for (modality, index) in indexes {
            let wanted = probes.indices.filter { probes[$0].modalities.contains(modality) }
            let hits =
                index.searchesConcurrently
                ? ParallelWork.map(wanted.count) { index.search(probes[wanted[$0]], k: breadth) }
                : wanted.map { index.search(probes[$0], k: breadth) }
            for (probe, hits) in zip(wanted, hits) { found[probe][modality] = hits }
        }
        return found
    }

    /// The owner number of `entity`, numbering it when new.
    func owner(_ entity: EntityID) -> Int32 {
        if let n = ownerNumber(of: entity) { return n }
        let n = Int32(owners.count)
        owners.append(entity)
        ownerNumbers[entity] = n
        return n
    }

    /// The entity of owner `number` (noted for ``ownerNumber(of:)``, so that scoring a search's hits does not
    /// need every owner's number).
    func ownerID(_ number: Int32) -> EntityID {
        let id = owners[Int(number)]
        if ownerNumbersPending { ownerNumbers[id] = number }
        return id
    }

    /// The owner number of `entity`, if it has templates.
    func ownerNumber(of entity: EntityID) -> Int32? {
        if let known = ownerNumbers[entity] { return known }
        if ownerNumbersPending {
            ownerNumbers.reserveCapacity(owners.count)
            for number in 0..<owners.count { ownerNumbers[owners[number]] = Int32(number) }
            ownerNumbersPending = false
        }
        return ownerNumbers[entity]
    }

    /// Adds a stored template to its index; one that cannot be decoded or would be refused today
    /// (stores made by older versions may hold one) is skipped with a warning rather than
    /// matched, so that one bad row cannot stop every search.
    func add(_ template: EncodedTemplate, _ storage: any GalleryStorage) {
        if indexes.isEmpty { indexes = makeIndexes() }
        // Taken out of the dictionary while it grows, so its arrays are uniquely referenced and
        // append in place (a copy left in the dictionary made every add copy the whole gallery).
        guard var index = indexes.removeValue(forKey: template.modality) else { return }
        defer { indexes[template.modality] = index }
        do throws(NexoError) {
            try index.add(template, owner: owner(template.entity))
        } catch {
            storage.warning(Self.skipping(template, because: error))
        }
    }

    /// The warning for a stored template left out of matching: whose, which row, why, what to do.
    static func skipping(_ template: EncodedTemplate, because error: NexoError) -> String {
        "skipped \(template.entity)'s \(template.modality.rawValue) template (stored template \(template.id)): "
            + "\(error.message); "
            + "enrol it again with 'bio enroll' to replace it"
    }
}
