import NexoKit

/// Matches encounters and stores what was found: the encounter, `matched` edges to its hits and
/// reviews, and an `alerted` edge for each standing watch a hit or review falls under. Shared by
/// `bio feed run` (in the foreground) and the background feed.
struct EncounterRecorder {
    let context: CommandContext
    let matcher: any MatchEngineAccess
    let files: any FileAccess
    let watches: WatchIndex
    let top: Int

    /// What one encounter gave.
    struct Outcome {
        var encounter: Entity
        var decision: MatchDecision
        var person: EntityRef?
        var fused: Double?
        var linked: Int
        /// One line per alert raised.
        var alerts: [String]
    }

    init(_ context: CommandContext, top: Int) throws(NexoError) {
        self.context = context
        matcher = try Probe.matcher(context)
        guard let files = context.files else { throw NexoError(.denied, "this host does not let commands read files") }
        self.files = files
        watches = try WatchIndex(context.store)
        self.top = top
    }

    /// Parses one line: an encounter, or an error saying what is wrong with it.
    func parse(_ line: String) throws(NexoError) -> Encounter {
        try Encounter(line, files: files, matcher: matcher)
    }

    /// Identifies each of `encounters` and stores it with its links, in order; an encounter's
    /// number names it when it has no ref. The index searches of the batch run in parallel.
    func record(_ encounters: [(encounter: Encounter, number: Int)]) throws(NexoError) -> [Outcome] {
        let results = try matcher.identify(encounters.map(\.encounter.probe), top: top)
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(encounters.count)
        var sources: [String: EntityID] = [:]
        for (item, result) in zip(encounters, results) {
            let post = item.encounter.post ?? "unknown post"
            if sources[post] == nil { sources[post] = try Self.source(ofPost: post, context.store) }
            outcomes.append(try record(item.encounter, result, number: item.number, source: sources[post]))
        }
        return outcomes
    }

    /// The source an encounter and its matches cite: the border post that captured it, recorded once (every
    /// fact has a source). Graded B2: a post's own capture, with the person's own account of who they are.
    static func source(ofPost post: String, _ store: any GraphStoreAccess) throws(NexoError) -> EntityID {
        try SourceOptions.recordedOnce(
            description: "border post \(post): encounters and their matches", reliability: .b,
            credibility: .probablyTrue, in: store
        ).id
    }

    /// Stores `encounter` with links to the hits and reviews of `result`.
    private func record(_ encounter: Encounter, _ result: IdentifyResult, number: Int, source: EntityID?)
        throws(NexoError) -> Outcome
    {
        let store = context.store
        var properties: [String: Value] = [CoreSchema.Encounter.post: .string(encounter.post ?? "unknown")]
        if let date = encounter.date { properties[CoreSchema.Encounter.date] = .date(date) }
        let label = "Encounter \(encounter.reference ?? "line \(number)") at \(encounter.post ?? "unknown post")"
        let stored = try store.addEntity(
            EntityDraft(kind: CoreSchema.Kind.encounter, label: label, properties: properties), source: source)
        var outcome = Outcome(
            encounter: stored, decision: result.candidates.first?.decision ?? .noHit, person: nil,
            fused: result.candidates.first.map { CandidateRows.rounded($0.fused) }, linked: 0, alerts: [])
        for candidate in result.candidates where candidate.decision != .noHit {
            let fused = CandidateRows.rounded(candidate.fused)
            try store.addEdge(
                EdgeDraft(
                    kind: BioKinds.matched, from: stored.id, to: candidate.entity,
                    properties: [
                        BioKinds.Matched.fused: .double(fused),
                        BioKinds.Matched.decision: .string(candidate.decision.rawValue),
                        BioKinds.Matched.modalities: .string(
                            candidate.scores.map(\.modality.rawValue).joined(separator: ",")),
                        BioKinds.Matched.explanation: .string(candidate.explanation.joined(separator: "; ")),
                    ], validFrom: encounter.date, validTo: encounter.date), source: source)
            outcome.linked += 1
            let person = try store.entity(candidate.entity)
            if candidate.rank == 1 { outcome.person = person?.ref }
            for coverage in try watches.coverage(of: candidate.entity, on: encounter.date, in: store) {
                try store.addEdge(
                    EdgeDraft(
                        kind: BioKinds.alerted, from: stored.id, to: coverage.watch.entity.id,
                        properties: [
                            BioKinds.Alerted.person: .string(candidate.entity.rawValue),
                            BioKinds.Alerted.decision: .string(candidate.decision.rawValue),
                            BioKinds.Alerted.fused: .double(fused), BioKinds.Alerted.reason: .string(coverage.reason),
                        ], validFrom: encounter.date, validTo: encounter.date), source: source)
                let who = person.map { "\($0.id) \($0.label)" } ?? candidate.entity.rawValue
                let when = encounter.date.map { " on \($0)" } ?? ""
                let watch = coverage.watch.entity
                let watchName = watch.label.hasPrefix("Watch: ") ? String(watch.label.dropFirst(7)) : watch.label
                outcome.alerts.append(
                    "\(watch.id) \(watchName): \(stored.id) at \(encounter.post ?? "unknown post")\(when) "
                        + "matched \(who) (\(candidate.decision.rawValue), fused \(fused)); \(coverage.reason)")
            }
        }
        return outcome
    }
}
