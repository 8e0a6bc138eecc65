import NexoKit
import NexoThreads

/// The engine as one command sees it: ``MatchEngineAccess`` over that command's store transaction.
public final class MatchSession: MatchEngineAccess {
    let engine: MatchEngine
    let storage: any GalleryStorage

    init(engine: MatchEngine, storage: any GalleryStorage) {
        self.engine = engine
        self.storage = storage
    }

    public func enroll(_ sample: BiometricSample, for entity: EntityID) throws(NexoError) -> [Modality] {
        // The door: nothing is stored unless every template of the sample can be matched.
        try sample.checkTemplates()
        var stored: [Modality] = []
        if let face = sample.face {
            try storage.addTemplate(
                EncodedTemplate(entity: entity, modality: .face, position: 0, data: TemplateCodec.encode(face)))
            stored.append(.face)
        }
        var positions = Set<Int>()
        for finger in sample.fingers {
            guard (0...10).contains(finger.position), positions.insert(finger.position).inserted else {
                throw NexoError(
                    .invalidInput, "finger position \(finger.position) is given twice or is not 0–10",
                    hint: "one template per finger position: 1 right thumb … 10 left little, 0 unknown")
            }
            try storage.addTemplate(
                EncodedTemplate(
                    entity: entity, modality: .finger, position: finger.position,
                    data: TemplateCodec.encode(finger)))
        }
        if !sample.fingers.isEmpty { stored.append(.finger) }
        guard sample.irises.count <= 2 else {
            throw NexoError(
                .invalidInput, "\(sample.irises.count) irises given; a person has two",
                hint: "give the right iris first, then the left")
        }
        for (side, iris) in sample.irises.enumerated() {
            try storage.addTemplate(
                EncodedTemplate(entity: entity, modality: .iris, position: side + 1, data: TemplateCodec.encode(iris)))
        }
        if !sample.irises.isEmpty { stored.append(.iris) }
        return stored
    }

    public func identify(_ probe: BiometricSample, top: Int) throws(NexoError) -> IdentifyResult {
        try identify([probe], top: top)[0]
    }

    public func identify(_ probes: [BiometricSample], top: Int) throws(NexoError) -> [IdentifyResult] {
        for (number, probe) in probes.enumerated() where probe.modalities.isEmpty {
            throw NexoError(
                .usage,
                (probes.count == 1 ? "the probe" : "probe \(number + 1) of \(probes.count)")
                    + " has no face, finger, iris or biographic data", hint: "give at least one modality")
        }
        for (number, probe) in probes.enumerated() {
            try probe.checkTemplates(source: probes.count == 1 ? nil : "of probe \(number + 1) of \(probes.count)")
        }
        try engine.synchronise(storage)
        if probes.contains(where: { $0.biographic != nil }) { try engine.prepareBiographic(storage) }
        let breadth = max(top * 5, 20)
        func answer() throws(NexoError) -> [IdentifyResult] {
            let found = engine.search(probes, breadth: breadth)
            var results: [IdentifyResult] = []
            results.reserveCapacity(probes.count)
            for (probe, hits) in zip(probes, found) {
                results.append(try rank(probe, hits, top: top, breadth: breadth))
            }
            return results
        }
        let results = try answer()
        // A damaged block of the index file read on the way: rebuilt from the store, asked again.
        return try engine.rebuildIfDamaged(storage) ? answer() : results
    }

    /// The best `top` of the people the index searches found for `probe` (`hits`) and the
    /// biographic search finds, scored in every modality, fused, decided and explained.
    private func rank(
        _ probe: BiometricSample, _ hits: [Modality: [(owner: Int32, score: Double)]], top: Int,
        breadth: Int
    ) throws(NexoError) -> IdentifyResult {
        var pool: [EntityID] = []
        var sources: [EntityID: CandidateSources] = [:]
        var limits: [String] = []
        func add(_ ids: [EntityID], _ source: CandidateSources) {
            for id in ids {
                if let known = sources[id] {
                    sources[id] = known.union(source)
                } else {
                    sources[id] = source
                    pool.append(id)
                }
            }
        }
        var searched: [Modality: Int] = [:]
        for modality in probe.modalities {
            if modality == .biographic {
                guard engine.biographicComparator != nil, let record = probe.biographic else { continue }
                searched[.biographic] = try storage.personCount()
                add(try storage.documentCandidates(record.documents, limit: breadth), .document)
                let byName = try storage.nameCandidateSearch(record.name, limit: breadth * 4)
                add(byName.ids, .name)
                limits += byName.limits
                // Born the same day (or with day and month swapped): the mate of a name misspelt beyond the name
                // search's reach.
                for date in record.dateOfBirth.map(DateAgreement.searchDates) ?? [] {
                    add(try storage.birthCandidates(date, limit: breadth * 4), .dateOfBirth)
                }
                // Living at the same postcode: the mate whose name and date of birth are both written wrong.
                for postcode in record.addresses.compactMap(\.postcode) {
                    add(try storage.postcodeCandidates(postcode, limit: breadth * 4), .postcode)
                }
                for other in record.otherNames {
                    let byOther = try storage.nameCandidateSearch(other, limit: breadth)
                    add(byOther.ids, .otherName)
                    limits += byOther.limits
                }
                continue
            }
            guard let index = engine.indexes[modality] else { continue }
            searched[modality] = index.ownerCount
            add((hits[modality] ?? []).map { engine.ownerID($0.owner) }, CandidateSources(index: modality))
        }
        let gallery = searched.values.max() ?? 0
        let thresholds = DecisionPolicy.thresholds(gallerySize: gallery, targetFPIR: engine.targetFPIR)
        var scored: [Scored] = []
        scored.reserveCapacity(pool.count)
        // The biographic comparisons of the whole pool at once, on every core (the records read first: the store
        // is read on this thread only).
        var biographic: [(score: Double, logLR: Double, explanation: [String])?] = []
        if let compare = engine.biographicComparator, let probeRecord = probe.biographic {
            let records = try storage.biographics(of: pool)
            biographic = ParallelWork.map(records.count) { i in records[i].map { compare(probeRecord, $0) } }
        }
        for (i, id) in pool.enumerated() {
            scored.append(try score(id, probe, biographic: biographic.isEmpty ? nil : .some(biographic[i])))
        }
        // Equal evidence (scores below a modality's impostor mean all weigh the same) ranks by the native scores,
        // then by id: the closer face first, as a gallery calibrated a little differently would rank it too.
        scored.sort {
            if $0.fused != $1.fused { return $0.fused > $1.fused }
            let native0 = $0.scores.reduce(0) { $0 + $1.score }, native1 = $1.scores.reduce(0) { $0 + $1.score }
            return native0 != native1 ? native0 > native1 : $0.entity < $1.entity
        }
        // Explanations are written for the candidates returned only.
        let candidates = scored.prefix(top).enumerated().map {
            explained($1, rank: $0 + 1, thresholds, gallery: gallery)
        }
        let considered = scored.map {
            ConsideredCandidate(entity: $0.entity, sources: sources[$0.entity] ?? [], fused: $0.fused)
        }
        return IdentifyResult(
            candidates: candidates, searched: searched, thresholds: thresholds, considered: considered,
            retrievalLimits: limits)
    }

    public func verify(_ probe: BiometricSample, against entity: EntityID) throws(NexoError) -> MatchCandidate {
        try probe.checkTemplates()
        try engine.synchronise(storage)
        if probe.biographic != nil { try engine.prepareBiographic(storage) }
        let thresholds = DecisionPolicy.thresholds(gallerySize: 1, targetFPIR: engine.targetFPIR)
        let scored = try score(entity, probe)
        var candidate = explained(
            try engine.rebuildIfDamaged(storage) ? score(entity, probe) : scored, rank: 0, thresholds, gallery: 1)
        // The bar an identify of this probe would set: the same evidence is decided against the gallery's size.
        var gallery = 0
        for modality in probe.modalities {
            gallery = max(
                gallery, modality == .biographic ? try storage.personCount() : engine.indexes[modality]?.ownerCount ?? 0
            )
        }
        if gallery > 1, !candidate.scores.isEmpty {
            let search = DecisionPolicy.thresholds(gallerySize: gallery, targetFPIR: engine.targetFPIR)
            candidate.explanation.append(
                "as a 1:N search of \(gallery) people ('bio identify'): hit at 10^\(Format.fixed(search.hit, 1)), "
                    + "review at 10^\(Format.fixed(search.review, 1)): "
                    + DecisionPolicy.decide(candidate.fused, search).rawValue)
        }
        return candidate
    }

    public func sample(of entity: EntityID) throws(NexoError) -> BiometricSample? {
        let templates = try storage.templates(of: entity)
        guard !templates.isEmpty else { return nil }
        var sample = BiometricSample()
        for template in templates {
            // A template stored by an older version that would be refused today is left out, as
            // the gallery load leaves it out, and the user is told.
            do throws(NexoError) {
                switch template.modality {
                case .face: sample.face = try TemplateCodec.face(template.data)
                case .finger: sample.fingers.append(try TemplateCodec.finger(template.data))
                case .iris: sample.irises.append(try TemplateCodec.iris(template.data))
                case .biographic: break
                }
            } catch {
                storage.warning(MatchEngine.skipping(template, because: error))
            }
        }
        return sample
    }

    public func statistics() throws(NexoError) -> [GalleryStatistic] {
        try engine.synchronise(storage)
        var result: [GalleryStatistic] = []
        for modality in Modality.allCases {
            if modality == .biographic {
                try engine.prepareBiographic(storage)
                let method =
                    engine.biographicComparator == nil
                    ? "not available"
                    : "name, birth-date and document search + biographic comparator" + engine.biographicParametersNote()
                result.append(
                    GalleryStatistic(
                        modality: .biographic, entities: try storage.personCount(), templates: 0, index: method))
            } else if let index = engine.indexes[modality] {
                var method = index.method
                method += modality == .face ? engine.faceIndexFileNote() : engine.tiedIndexFileNote(modality)
                if modality == .finger {
                    let (calibration, measured) = engine.fingerCalibration(storage)
                    method +=
                        measured
                        ? "; evidence from \(calibration.impostorScores.count) impostor comparisons of this gallery"
                        : "; evidence from the shipped impostor table (measured from "
                            + "\(MatchEngine.fingerCalibrationMinimumPeople) people with fingers on)"
                }
                result.append(
                    GalleryStatistic(
                        modality: modality, entities: index.ownerCount, templates: index.templateCount,
                        index: method))
            } else {
                result.append(GalleryStatistic(modality: modality, entities: 0, templates: 0, index: "not enrolled"))
            }
        }
        return result
    }

    public func indexFiles(verify: Bool) throws(NexoError) -> [IndexFileReport] {
        try engine.indexFileReports(storage, verify: verify)
    }

    public func rebuildIndexFiles() throws(NexoError) -> [IndexFileReport] {
        try engine.rebuildIndexFiles(storage)
    }

    /// One entity scored against a probe, before it is explained.
    private struct Scored {
        var entity: EntityID
        var scores: [ModalityScore]
        var fused: Double
        /// The biographic comparator's lines, when the biographic modality was compared.
        var biographicLines: [String]
    }

    /// Scores `probe` against one entity in every modality both have, and fuses the evidence.
    /// `entity` scored against `probe` in every modality; `biographic` is the biographic comparison when it was
    /// made already (`.some(nil)`: the entity has no record).
    private func score(
        _ entity: EntityID, _ probe: BiometricSample,
        biographic: (score: Double, logLR: Double, explanation: [String])?? = nil
    ) throws(NexoError) -> Scored {
        var scored = Scored(entity: entity, scores: [], fused: 0, biographicLines: [])
        for modality in probe.modalities {
            if modality == .biographic {
                guard let compare = engine.biographicComparator, let probeRecord = probe.biographic else { continue }
                let compared: (score: Double, logLR: Double, explanation: [String])?
                if let biographic {
                    compared = biographic
                } else {
                    compared = try storage.biographic(of: entity).map { compare(probeRecord, $0) }
                }
                guard let result = compared else { continue }
                scored.scores.append(
                    ModalityScore(
                        modality: .biographic, score: result.score, logLikelihoodRatio: result.logLR,
                        detail: result.explanation.first ?? ""))
                scored.biographicLines = result.explanation
                continue
            }
            guard let owner = engine.ownerNumber(of: entity), let index = engine.indexes[modality],
                let (score, compared) = index.compare(probe, owner: owner)
            else { continue }
            let llr: Double
            var detail = compared
            if modality == .finger {
                let (calibration, measured) = engine.fingerCalibration(storage)
                llr = FingerCalibration.logLikelihoodRatio(score, calibration)
                detail +=
                    " (false-match rate ≈ \(Format.rate(calibration.extrapolatedFalseMatchRate(forScore: score)))"
                    + (measured ? " on this gallery's impostors)" : ")")
            } else if let calibration = engine.calibration(modality, index: index) {
                llr = calibration.logLikelihoodRatio(score)
            } else {
                continue
            }
            scored.scores.append(
                ModalityScore(modality: modality, score: score, logLikelihoodRatio: llr, detail: detail))
        }
        scored.fused = scored.scores.reduce(0) { $0 + $1.logLikelihoodRatio }
        return scored
    }

    /// The candidate `scored` makes at `rank`: its decision under `thresholds` and the explanation,
    /// strongest evidence first.
    /// `scored` as a candidate at `rank`, decided against `thresholds`, the bar set for a gallery of `gallery` people
    /// (1: a comparison of one pair), with its explanation.
    private func explained(_ scored: Scored, rank: Int, _ thresholds: MatchThresholds, gallery: Int)
        -> MatchCandidate
    {
        var lines: [(weight: Double, text: String)] = []
        for score in scored.scores {
            let llr = score.logLikelihoodRatio
            if score.modality == .biographic {
                lines.append((abs(llr), "biographic: LR 10^\(Format.fixed(llr, 1))"))
                lines += scored.biographicLines.map { (abs(llr) - 0.001, "  " + $0) }
            } else {
                lines.append(
                    (
                        abs(llr),
                        "\(score.modality.rawValue): \(score.detail), LR 10^\(Format.fixed(llr, 1)) "
                            + "\(llr >= 0 ? "for" : "against") the same person"
                    ))
            }
        }
        let fused = scored.fused
        let decision = scored.scores.isEmpty ? MatchDecision.noHit : DecisionPolicy.decide(fused, thresholds)
        var explanation = lines.sorted { $0.weight > $1.weight }.map(\.text)
        // Which bar: a comparison of one pair (1:1) or a search of the gallery (1:N, its size).
        let bar = gallery <= 1 ? "1:1 bar" : "1:N bar for \(gallery) people"
        explanation.append(
            "fused LR 10^\(Format.fixed(fused, 1)); \(bar): hit at 10^\(Format.fixed(thresholds.hit, 1)), "
                + "review at 10^\(Format.fixed(thresholds.review, 1)) (FPIR "
                + "\(Format.fixed(thresholds.targetFPIR * 100, 1)) %)"
        )
        return MatchCandidate(
            entity: scored.entity, rank: rank, scores: scored.scores, fused: fused, decision: decision,
            explanation: explanation)
    }
}
