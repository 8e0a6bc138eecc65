import NexoKit

/// A match engine double: it answers what the test scripted and records what it was asked, so a
/// test checks the plugin's own logic (reading probes, rows, decisions, stored edges, alerts)
/// without the real engine's scores.
final class ScriptedMatcher: MatchEngineAccess {
    /// What `decode` answers for a file's bytes: a sample, or the engine's refusal.
    var decodes: [[UInt8]: Result<BiometricSample, NexoError>] = [:]
    /// The candidates each `identify` answers (best first; the first `top` are returned).
    var candidates: [MatchCandidate] = []
    /// Entries searched per modality, as `identify` reports them.
    var searched: [Modality: Int] = [:]
    /// What `verify` answers, per entity compared with.
    var verdicts: [EntityID: MatchCandidate] = [:]
    /// What `statistics` answers.
    var gallery: [GalleryStatistic] = []
    /// What `encode` answers.
    var encoded: [UInt8] = []

    /// Every sample enrolled, in order, and what `sample(of:)` answers from.
    private(set) var enrolled: [(entity: EntityID, sample: BiometricSample)] = []
    /// Every probe identified and the `top` asked for, in order.
    private(set) var identified: [(probe: BiometricSample, top: Int)] = []
    /// Every 1:1 comparison asked for, in order.
    private(set) var verified: [(probe: BiometricSample, entity: EntityID)] = []
    /// Every `decode` asked for: the modality and the bytes.
    private(set) var decoded: [(modality: Modality, bytes: [UInt8])] = []
    /// Every `encode` asked for: the modality and the finger format.
    private(set) var encodings: [(modality: Modality, fingerFormat: String)] = []

    static let thresholds = MatchThresholds(hit: 4.5, review: 2.5, targetFPIR: 0.003)

    func enroll(_ sample: BiometricSample, for entity: EntityID) throws(NexoError) -> [Modality] {
        enrolled.append((entity, sample))
        return sample.modalities.filter { $0 != .biographic }
    }

    func identify(_ probe: BiometricSample, top: Int) throws(NexoError) -> IdentifyResult {
        identified.append((probe, top))
        return IdentifyResult(
            candidates: Array(candidates.prefix(top)), searched: searched, thresholds: Self.thresholds)
    }

    func verify(_ probe: BiometricSample, against entity: EntityID) throws(NexoError) -> MatchCandidate {
        verified.append((probe, entity))
        guard let verdict = verdicts[entity] else { throw NexoError(.notFound, "\(entity) is not enrolled") }
        return verdict
    }

    func sample(of entity: EntityID) throws(NexoError) -> BiometricSample? {
        enrolled.last { $0.entity == entity }?.sample
    }

    func statistics() throws(NexoError) -> [GalleryStatistic] { gallery }

    /// What `calibrateBiographic` answers.
    var calibration: BiographicCalibrationReport?

    func calibrateBiographic() throws(NexoError) -> BiographicCalibrationReport {
        guard let calibration else { throw NexoError(.invalidInput, "the store holds 0 people: nothing to measure") }
        return calibration
    }

    func decode(_ bytes: [UInt8], as modality: Modality) throws(NexoError) -> BiometricSample {
        decoded.append((modality, bytes))
        guard let answer = decodes[bytes] else { throw NexoError(.invalidInput, "no script for these bytes") }
        return try answer.get()
    }

    func encode(_ sample: BiometricSample, as modality: Modality, fingerFormat: String) throws(NexoError)
        -> [UInt8]
    {
        encodings.append((modality, fingerFormat))
        return encoded
    }
}

/// Files in memory, read and written through the host's `FileAccess` as a command sees it.
final class MemoryFiles: FileAccess {
    /// The files, by path.
    var contents: [String: [UInt8]] = [:]

    func read(_ path: String) throws(NexoError) -> [UInt8] {
        guard let bytes = contents[path] else {
            throw NexoError(.notFound, "cannot read '\(path)': no such file", hint: "check the path")
        }
        return bytes
    }

    func write(_ bytes: [UInt8], to path: String) throws(NexoError) { contents[path] = bytes }

    func forEachLine(in path: String, _ body: (Result<String, NexoError>, Int) throws(NexoError) -> Void)
        throws(NexoError)
    {
        let lines = try read(path).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            try body(.success(String(decoding: line, as: UTF8.self)), index + 1)
        }
    }

    /// Puts `lines` in the file at `path`, one a line.
    func put(_ lines: [String], at path: String) { contents[path] = Array(lines.joined(separator: "\n").utf8) }
}

/// Samples and candidates for the tests.
enum Samples {
    /// A valid face template, different for each `seed`.
    static func face(_ seed: Int) -> FaceTemplate {
        FaceTemplate(vector: (0..<FaceTemplate.dimensions).map { Float(($0 * 7 + seed) % 13) + 1 })!
    }

    /// A finger template at `position` with a few minutiae.
    static func finger(_ position: Int) -> FingerTemplate {
        FingerTemplate(
            position: position, width: 400, height: 500,
            minutiae: (0..<12).map { Minutia(x: 20 + $0 * 25, y: 40 + $0 * 30, angle: 0.5, kind: .ending, quality: 60) }
        )
    }

    /// A candidate with one score per `(modality, log10 LR)`, fused as their sum.
    static func candidate(
        _ entity: EntityID, rank: Int, _ scores: [(Modality, Double)], decision: MatchDecision, why: [String] = []
    ) -> MatchCandidate {
        MatchCandidate(
            entity: entity, rank: rank,
            scores: scores.map { ModalityScore(modality: $0.0, score: 0, logLikelihoodRatio: $0.1, detail: "") },
            fused: scores.map(\.1).reduce(0, +), decision: decision, explanation: why)
    }
}
