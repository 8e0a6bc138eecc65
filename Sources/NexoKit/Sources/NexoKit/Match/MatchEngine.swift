/// What the engine concludes about a candidate.
public enum MatchDecision: String, Sendable, Hashable, CaseIterable {
    /// Above the hit threshold: act on it.
    case hit
    /// Between the review and hit thresholds: a human must look.
    case review
    /// Below the review threshold.
    case noHit = "no_hit"
}

/// One modality's contribution to a comparison.
public struct ModalityScore: Sendable, Hashable {
    /// The modality.
    public var modality: Modality
    /// The comparator's own score (face: cosine; finger: matcher score; iris: 1 − normalised
    /// Hamming distance; biographic: summed agreement weight).
    public var score: Double
    /// The calibrated evidence, log10 of the likelihood ratio same-person / different-person.
    public var logLikelihoodRatio: Double
    /// How the score came about, in one line (`cosine 0.712`, `HD 0.214 at shift +3 over 1,412 bits`).
    public var detail: String

    /// Creates a modality score.
    public init(modality: Modality, score: Double, logLikelihoodRatio: Double, detail: String) {
        self.modality = modality
        self.score = score
        self.logLikelihoodRatio = logLikelihoodRatio
        self.detail = detail
    }
}

/// A gallery entry compared with a probe.
public struct MatchCandidate: Sendable, Hashable {
    /// The enrolled entity (a person).
    public var entity: EntityID
    /// Position in the ranked list, from 1.
    public var rank: Int
    /// Per-modality scores, for the modalities both sides have.
    public var scores: [ModalityScore]
    /// Fused evidence: the sum of the modalities' log10 likelihood ratios.
    public var fused: Double
    /// Hit, review or no hit, from the thresholds in force.
    public var decision: MatchDecision
    /// What agreed and what did not, one line each, strongest evidence first.
    public var explanation: [String]

    /// Creates a candidate.
    public init(
        entity: EntityID, rank: Int, scores: [ModalityScore], fused: Double, decision: MatchDecision,
        explanation: [String]
    ) {
        self.entity = entity
        self.rank = rank
        self.scores = scores
        self.fused = fused
        self.decision = decision
        self.explanation = explanation
    }
}

/// The thresholds on fused evidence that turn scores into decisions.
public struct MatchThresholds: Sendable, Hashable {
    /// Fused log10 LR at or above which a candidate is a hit.
    public var hit: Double
    /// Fused log10 LR at or above which a candidate needs review.
    public var review: Double
    /// The false-positive identification rate the hit threshold was set for, for this gallery size.
    public var targetFPIR: Double

    /// Creates thresholds.
    public init(hit: Double, review: Double, targetFPIR: Double) {
        self.hit = hit
        self.review = review
        self.targetFPIR = targetFPIR
    }
}

/// The answer to a 1:N search.
public struct IdentifyResult: Sendable, Hashable {
    /// Best candidates first (at most the number asked for).
    public var candidates: [MatchCandidate]
    /// Entries searched per modality.
    public var searched: [Modality: Int]
    /// The thresholds applied.
    public var thresholds: MatchThresholds
    /// Every person compared, strongest evidence first, with the searches that brought each one: the
    /// candidates beyond the ones returned, and what a mate missing from them was never compared for.
    public var considered: [ConsideredCandidate]
    /// Where the searches for candidates stopped short, one line each (a combination of common name words
    /// more people share than were taken); empty when nothing was left out.
    public var retrievalLimits: [String]

    /// Creates a result.
    public init(
        candidates: [MatchCandidate], searched: [Modality: Int], thresholds: MatchThresholds,
        considered: [ConsideredCandidate] = [], retrievalLimits: [String] = []
    ) {
        self.candidates = candidates
        self.searched = searched
        self.thresholds = thresholds
        self.considered = considered
        self.retrievalLimits = retrievalLimits
    }
}

/// The searches that brought a person among a 1:N search's candidates.
public struct CandidateSources: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16
    /// Creates the set from its bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// The probe's name shares words with one of the person's names.
    public static let name = CandidateSources(rawValue: 1 << 0)
    /// One of the probe's other names (aliases) shares words with the person's names.
    public static let otherName = CandidateSources(rawValue: 1 << 1)
    /// Born the probe's date of birth, or with its day and month swapped.
    public static let dateOfBirth = CandidateSources(rawValue: 1 << 2)
    /// Living at the probe's postcode.
    public static let postcode = CandidateSources(rawValue: 1 << 3)
    /// Holding one of the probe's document numbers.
    public static let document = CandidateSources(rawValue: 1 << 4)
    /// Among the nearest faces of the face index.
    public static let face = CandidateSources(rawValue: 1 << 5)
    /// Among the nearest fingers of the finger index.
    public static let finger = CandidateSources(rawValue: 1 << 6)
    /// Among the nearest irises of the iris index.
    public static let iris = CandidateSources(rawValue: 1 << 7)

    /// Each search with its name in output (`date_of_birth`), in this order.
    public static let named: [(source: CandidateSources, name: String)] = [
        (.name, "name"), (.otherName, "other_name"), (.dateOfBirth, "date_of_birth"), (.postcode, "postcode"),
        (.document, "document"), (.face, "face"), (.finger, "finger"), (.iris, "iris"),
    ]

    /// The searches' names, joined by `+`: `name+date_of_birth`.
    public var description: String {
        Self.named.filter { contains($0.source) }.map(\.name).joined(separator: "+")
    }

    /// The search of the index of `modality` (none for biographic, which has several).
    public init(index modality: Modality) {
        switch modality {
        case .face: self = .face
        case .finger: self = .finger
        case .iris: self = .iris
        case .biographic: self = []
        }
    }
}

/// A person compared in a 1:N search, returned among the candidates or not.
public struct ConsideredCandidate: Sendable, Hashable {
    /// The person.
    public var entity: EntityID
    /// The searches that brought them.
    public var sources: CandidateSources
    /// Their fused evidence.
    public var fused: Double

    /// Creates one.
    public init(entity: EntityID, sources: CandidateSources, fused: Double) {
        self.entity = entity
        self.sources = sources
        self.fused = fused
    }
}

/// Size and make-up of the gallery, per modality.
public struct GalleryStatistic: Sendable, Hashable {
    /// The modality.
    public var modality: Modality
    /// Entities enrolled with this modality.
    public var entities: Int
    /// Templates (a person may have ten fingers, two irises).
    public var templates: Int
    /// The search method in use (`exact int8 + re-rank`, `HNSW M=16`, `popcount ±8`…).
    public var index: String

    /// Creates a statistic.
    public init(modality: Modality, entities: Int, templates: Int, index: String) {
        self.modality = modality
        self.entities = entities
        self.templates = templates
        self.index = index
    }
}

/// One of the match engine's index files, as `bio index verify` and `bio index rebuild` report it.
public struct IndexFileReport: Sendable, Equatable {
    /// The modality it indexes.
    public var modality: Modality
    /// Where it is (`nil`: the engine keeps none for this store — in memory, or a case open).
    public var path: String?
    /// Its size in bytes (0 when there is none).
    public var bytes: Int
    /// The templates of the store's state it was written at (with the changes recorded beside it).
    public var templates: Int
    /// The newest template id of that state (its data version).
    public var newestTemplate: Int64
    /// Whether it holds the store's current templates, so a fresh process opens it and answers at once.
    public var isCurrent: Bool
    /// What it is and what the engine does with it, one line for a person (current; behind the store and how it
    /// catches up; missing and when it is written).
    public var state: String

    /// Creates a report.
    public init(
        modality: Modality, path: String?, bytes: Int, templates: Int, newestTemplate: Int64, isCurrent: Bool,
        state: String
    ) {
        self.modality = modality
        self.path = path
        self.bytes = bytes
        self.templates = templates
        self.newestTemplate = newestTemplate
        self.isCurrent = isCurrent
        self.state = state
    }
}

/// The match engine as a command sees it (``CommandContext/matcher``): enrol, identify 1:N,
/// verify 1:1. Templates are persisted in the store with the command's run, so `undo` and
/// provenance cover them; every answer that could leave the system passes the host's policy gate.
public protocol MatchEngineAccess: AnyObject {
    /// Enrols `sample` as templates of `entity` (adding to what it has); returns the modalities stored.
    func enroll(_ sample: BiometricSample, for entity: EntityID) throws(NexoError) -> [Modality]
    /// Searches the gallery with `probe` (any subset of modalities) and returns the best `top`.
    func identify(_ probe: BiometricSample, top: Int) throws(NexoError) -> IdentifyResult
    /// Identifies several probes at once: the same answers as ``identify(_:top:)`` on each in
    /// turn, in the order given, with the index searches spread over the machine's cores. A feed
    /// that matches a batch of encounters calls this. Throws, before searching, when a probe has
    /// no modality.
    func identify(_ probes: [BiometricSample], top: Int) throws(NexoError) -> [IdentifyResult]
    /// Compares `probe` with one enrolled entity.
    func verify(_ probe: BiometricSample, against entity: EntityID) throws(NexoError) -> MatchCandidate
    /// The templates enrolled for `entity`, or `nil` when it has none.
    func sample(of entity: EntityID) throws(NexoError) -> BiometricSample?
    /// Gallery size per modality.
    func statistics() throws(NexoError) -> [GalleryStatistic]
    /// Decodes an exchange file of one modality: face — 512 little-endian float32; finger — an
    /// ISO/IEC 19794-2:2005 or ANSI INCITS 378-2004 minutiae record (detected); iris — 256 bytes
    /// of code then 256 bytes of mask. Errors name the offset and field that is wrong.
    func decode(_ bytes: [UInt8], as modality: Modality) throws(NexoError) -> BiometricSample
    /// Encodes one modality of `sample` in its exchange format (fingers as `iso` or `ansi`).
    func encode(_ sample: BiometricSample, as modality: Modality, fingerFormat: String) throws(NexoError) -> [UInt8]
    /// The engine's index files beside the store, each compared with the store's state; with `verify`, every
    /// byte is checked too (throws `failed`, naming the file and what is wrong, when one is damaged).
    func indexFiles(verify: Bool) throws(NexoError) -> [IndexFileReport]
    /// Rebuilds the indexes from the store's templates and writes their files again (the old ones, and any
    /// changes recorded beside them, replaced); returns the files written.
    func rebuildIndexFiles() throws(NexoError) -> [IndexFileReport]
    /// Measures the biographic comparator's parameters on the store's people again (name frequencies, u on
    /// random pairs, m by EM on candidate pairs when there are duplicates enough), keeps them beside the store
    /// and uses them from now on; returns what was measured.
    func calibrateBiographic() throws(NexoError) -> BiographicCalibrationReport
    /// Pairs of stored people whose biographic records say they are one person, decided `minimum` or better
    /// against the bar of a search of the whole store (each record searched against every other): candidates
    /// from shared blocking keys, compared with the parameters measured on the store.
    func duplicates(minimum: MatchDecision) throws(NexoError) -> DuplicateSearch
}

/// One pair of stored records that may be one person (``MatchEngineAccess/duplicates(minimum:)``).
public struct DuplicatePair: Sendable, Hashable {
    /// The first person (the lower id).
    public var first: EntityID
    /// The second person.
    public var second: EntityID
    /// Evidence that they are one person: log10 of the likelihood ratio.
    public var evidence: Double
    /// The decision against the store-wide bar.
    public var decision: MatchDecision
    /// The comparison, field by field (`surname: close (+7.1) Lopez ~ Lopes`).
    public var explanation: [String]

    /// Creates a pair.
    public init(first: EntityID, second: EntityID, evidence: Double, decision: MatchDecision, explanation: [String]) {
        self.first = first
        self.second = second
        self.evidence = evidence
        self.decision = decision
        self.explanation = explanation
    }
}

/// What ``MatchEngineAccess/duplicates(minimum:)`` found: the pairs, best first, and how far it looked.
public struct DuplicateSearch: Sendable, Hashable {
    /// Pairs decided at least as asked, strongest evidence first.
    public var pairs: [DuplicatePair]
    /// People read.
    public var people: Int
    /// Candidate pairs compared.
    public var candidatePairs: Int
    /// Blocking keys shared by more people than the engine compares pairwise, left out (each named with its size):
    /// pairs only they would bring are not compared.
    public var skippedBlocks: [String]
    /// The bars applied.
    public var thresholds: MatchThresholds

    /// Creates a search result.
    public init(
        pairs: [DuplicatePair], people: Int, candidatePairs: Int, skippedBlocks: [String], thresholds: MatchThresholds
    ) {
        self.pairs = pairs
        self.people = people
        self.candidatePairs = candidatePairs
        self.skippedBlocks = skippedBlocks
        self.thresholds = thresholds
    }
}

/// What ``MatchEngineAccess/calibrateBiographic()`` measured (`bio calibrate`, `bio gallery stats`).
public struct BiographicCalibrationReport: Sendable, Hashable {
    /// One level of one field: its probabilities and the weight it gives.
    public struct Level: Sendable, Hashable {
        /// Field (`given`, `surname`, `dateOfBirth`, `postcode` …).
        public var field: String
        /// Level (`exact`, `close`, `transposed` …).
        public var level: String
        /// P(level | same person).
        public var m: Double
        /// P(level | different people).
        public var u: Double
        /// log₂(m / u): what the level adds to a comparison's score (before the term-frequency adjustment).
        public var weight: Double

        /// Creates a level.
        public init(field: String, level: String, m: Double, u: Double, weight: Double) {
            self.field = field
            self.level = level
            self.m = m
            self.u = u
            self.weight = weight
        }
    }

    /// People in the store when measured.
    public var people: Int
    /// Records read to measure.
    public var sampled: Int
    /// Random pairs u was counted on.
    public var randomPairs: Int
    /// Candidate pairs EM ran on.
    public var candidatePairs: Int
    /// Matches EM found among them.
    public var estimatedMatches: Double
    /// Whether m was learned (else the defaults were kept).
    public var learnedM: Bool
    /// Where m comes from, or why the defaults were kept, in words.
    public var mSource: String
    /// Where the parameters are kept, or `nil` when they live in memory only.
    public var file: String?
    /// Every level of every field.
    public var levels: [Level]

    /// Creates a report.
    public init(
        people: Int, sampled: Int, randomPairs: Int, candidatePairs: Int, estimatedMatches: Double, learnedM: Bool,
        mSource: String, file: String?, levels: [Level]
    ) {
        self.people = people
        self.sampled = sampled
        self.randomPairs = randomPairs
        self.candidatePairs = candidatePairs
        self.estimatedMatches = estimatedMatches
        self.learnedM = learnedM
        self.mSource = mSource
        self.file = file
        self.levels = levels
    }
}

extension MatchEngineAccess {
    /// No index files: an engine that keeps its indexes in memory only.
    public func indexFiles(verify: Bool) throws(NexoError) -> [IndexFileReport] { [] }

    /// Refused: an engine that keeps no index files has none to rebuild.
    public func rebuildIndexFiles() throws(NexoError) -> [IndexFileReport] {
        throw NexoError(.failed, "this match engine keeps no index files", hint: "run the command in nexo")
    }

    /// Refused: an engine without a biographic comparator has nothing to calibrate.
    public func calibrateBiographic() throws(NexoError) -> BiographicCalibrationReport {
        throw NexoError(.failed, "this match engine has no biographic calibration", hint: "run the command in nexo")
    }

    /// Refused: an engine without a biographic comparator finds no duplicates.
    public func duplicates(minimum: MatchDecision) throws(NexoError) -> DuplicateSearch {
        throw NexoError(.failed, "this match engine compares no biographic records", hint: "run the command in nexo")
    }

    /// Identifies the probes one after the other (for engines with nothing to gain from a batch).
    public func identify(_ probes: [BiometricSample], top: Int) throws(NexoError) -> [IdentifyResult] {
        var results: [IdentifyResult] = []
        results.reserveCapacity(probes.count)
        for probe in probes { results.append(try identify(probe, top: top)) }
        return results
    }
}
