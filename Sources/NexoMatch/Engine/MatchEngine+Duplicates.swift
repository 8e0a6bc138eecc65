import NexoKit
import NexoThreads

extension MatchEngine {
    /// Most records in a block whose pairs are compared when finding duplicates
    /// (``BlockingIndex/pairs(maximumBlock:)``).
    static let duplicateBlockLimit = 1_000
    /// Most people read when finding duplicates.
    static let duplicatePeopleLimit = 2_000_000
}

extension MatchSession {
    public func duplicates(minimum: MatchDecision) throws(NexoError) -> DuplicateSearch {
        guard engine.biographicComparator != nil else {
            throw NexoError(.failed, "this match engine compares no biographic records")
        }
        try engine.prepareBiographic(storage)
        let people = try storage.personCount()
        guard people <= MatchEngine.duplicatePeopleLimit else {
            throw NexoError(
                .invalidInput,
                "the store holds \(people) people; finding duplicates reads at most "
                    + "\(MatchEngine.duplicatePeopleLimit)",
                hint: "probe the people of interest with 'bio identify --person P-…' instead")
        }
        let read = try storage.people(limit: MatchEngine.duplicatePeopleLimit)
        let records = read.map { engine.preparedRecords.prepared($0.record) }
        let index = BlockingIndex(records: records, rules: BlockingRule.deduplication)
        let (pairs, skipped) = index.pairs(maximumBlock: MatchEngine.duplicateBlockLimit)
        let thresholds = DecisionPolicy.thresholds(gallerySize: people, targetFPIR: engine.targetFPIR)
        let bar = minimum == .hit ? thresholds.hit : minimum == .review ? thresholds.review : -Double.infinity
        let comparator = engine.currentBiographic
        // Scored on every core, in chunks, each pair by itself.
        let chunk = 4_096
        let scored = ParallelWork.map((pairs.count + chunk - 1) / chunk) { c in
            pairs[(c * chunk)..<min(pairs.count, (c + 1) * chunk)].compactMap { pair -> DuplicatePair? in
                let result = comparator.compare(records[pair.0], records[pair.1])
                let evidence = result.score * log10Of2
                guard evidence >= bar else { return nil }
                return DuplicatePair(
                    first: read[pair.0].id, second: read[pair.1].id, evidence: evidence,
                    decision: DecisionPolicy.decide(evidence, thresholds), explanation: result.explanation)
            }
        }
        let found = scored.joined().sorted {
            $0.evidence != $1.evidence ? $0.evidence > $1.evidence : ($0.first, $0.second) < ($1.first, $1.second)
        }
        return DuplicateSearch(
            pairs: found, people: people, candidatePairs: pairs.count,
            skippedBlocks: skipped.map { "\($0.key) (\($0.size) people)" }, thresholds: thresholds)
    }
}
