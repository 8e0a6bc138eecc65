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
    /// Mean and standard deviation of native scores between different people measured on this
    /// gallery, when the index measures them (`nil`: the engine's calibration stands).
    var impostorScores: (mean: Double, deviation: Double)? { get }
    /// Called after a batch of ``add(_:owner:)`` (a load, or templates enrolled since the last
    /// search): the time to build what is built from the whole gallery.
    mutating func settle()
    /// Whether ``search(_:k:)`` only reads the index, so that several probes may be searched at
    /// the same time on different threads.
    var searchesConcurrently: Bool { get }
}

extension ModalityIndex {
    var impostorScores: (mean: Double, deviation: Double)? { nil }
    mutating func settle() {}
    var searchesConcurrently: Bool { false }
}
