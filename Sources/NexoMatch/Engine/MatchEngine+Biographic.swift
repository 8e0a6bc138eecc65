import NexoKit

extension MatchEngine {
    /// Brings the biographic parameters in step with the store's people before a biographic comparison: the
    /// calibration file beside the store, else measured (and the file written) once there are
    /// ``BiographicCalibration/minimumPeople`` people; the defaults below that. A store that doubled or halved since
    /// is measured again (a large import brings parameters that fit it); smaller changes wait for `bio calibrate`.
    func prepareBiographic(_ storage: any GalleryStorage) throws(NexoError) {
        guard learnsBiographicParameters, biographicComparator != nil else { return }
        let people = try storage.personCount()
        if let current = biographicCalibration, !current.isStale(people: people) { return }
        if biographicCalibration == nil, let bytes = CalibrationFile.read(storage.calibrationFilePath(for: .biographic))
        {
            do throws(NexoError) {
                let stored = try BiographicCalibration(decoding: bytes)
                if !stored.isStale(people: people) {
                    adopt(stored)
                    return
                }
            } catch {
                storage.warning("\(error.message) — measuring it again")
            }
        }
        guard people >= BiographicCalibration.minimumPeople else {
            if biographicCalibration != nil { adopt(nil) }
            return
        }
        _ = try calibrateBiographic(storage, people: people)
    }

    /// Measures the biographic parameters on the store's people, writes them beside the store (a failure to write
    /// is a warning: they are used all the same) and uses them. Returns them with the file's path.
    func calibrateBiographic(_ storage: any GalleryStorage, people: Int) throws(NexoError) -> (
        BiographicCalibration, file: String?
    ) {
        let records = try storage.people(limit: BiographicCalibration.sampleLimit).map {
            preparedRecords.prepared($0.record)
        }
        let calibration = BiographicCalibration.measure(records, people: people)
        let path = storage.calibrationFilePath(for: .biographic)
        let written = CalibrationFile.write(
            calibration.encoded(), to: path, what: "biographic calibration", storage: storage)
        adopt(calibration)
        let file = written ? path : nil
        return (calibration, file)
    }

    /// Uses `calibration`'s parameters (the defaults when `nil`).
    private func adopt(_ calibration: BiographicCalibration?) {
        biographicCalibration = calibration
        useBiographic(calibration?.comparator())
    }

    /// One line for `bio gallery stats`: where the biographic parameters come from.
    func biographicParametersNote() -> String {
        guard learnsBiographicParameters else { return "; default parameters" }
        guard let c = biographicCalibration else {
            return "; default parameters (measured from \(BiographicCalibration.minimumPeople) people on)"
        }
        return "; parameters measured on \(c.sampled) of \(c.people) people (u on \(c.randomPairs) random pairs, "
            + "\(c.mSource))"
    }
}

extension MatchSession {
    public func calibrateBiographic() throws(NexoError) -> BiographicCalibrationReport {
        guard engine.biographicComparator != nil else {
            throw NexoError(.failed, "this match engine compares no biographic records")
        }
        let people = try storage.personCount()
        guard people >= 2 else {
            throw NexoError(
                .invalidInput, "the store holds \(people) \(people == 1 ? "person" : "people"): nothing to measure",
                hint: "import people first; parameters are measured from \(BiographicCalibration.minimumPeople) on")
        }
        let (calibration, file) = try engine.calibrateBiographic(storage, people: people)
        var levels: [BiographicCalibrationReport.Level] = []
        for name in calibration.model.fields.keys.sorted() {
            let field = calibration.model.fields[name]!
            for level in Set(field.m.keys).union(field.u.keys).sorted() {
                levels.append(
                    BiographicCalibrationReport.Level(
                        field: name, level: level.rawValue, m: field.m[level] ?? 0, u: field.u[level] ?? 0,
                        weight: field.weight(level)))
            }
        }
        return BiographicCalibrationReport(
            people: people, sampled: calibration.sampled, randomPairs: calibration.randomPairs,
            candidatePairs: calibration.candidatePairs, estimatedMatches: calibration.estimatedMatches,
            learnedM: calibration.learnedM, mSource: calibration.mSource, file: file, levels: levels)
    }
}

/// log₁₀ 2: a biographic score (log₂ likelihood ratio) times this is evidence in log₁₀, as the other modalities give.
let log10Of2 = 0.301_029_995_663_981_2
