import NexoKit

extension MatchEngine {
    /// Fewest people with fingers for the gallery's own impostor scores to replace the shipped ones.
    static let fingerCalibrationMinimumPeople = 200
    /// The first line of a finger calibration file.
    static let fingerCalibrationHeader = "nexo finger calibration 1"

    /// The calibration finger scores are weighed with, and whether it was measured on the gallery: its own
    /// impostor scores (random pairs of different people's fingers) once ``fingerCalibrationMinimumPeople``
    /// people have fingers — kept beside the store and measured again when the number of fingers has doubled
    /// or halved — else the shipped table. Real fingers and the extractor that made their minutiae decide how high
    /// impostors score; synthetic ones do not.
    func fingerCalibration(_ storage: any GalleryStorage) -> (calibration: FingerScoreCalibration, measured: Bool) {
        guard let index = indexes[.finger] as? FingerIndex,
            index.ownerCount >= Self.fingerCalibrationMinimumPeople
        else { return (FingerCalibration.shared, false) }
        let fingers = index.templateCount
        func current(_ measuredOn: Int) -> Bool {
            abs(fingers - measuredOn) <= 50 || (fingers <= 2 * measuredOn && 2 * fingers >= measuredOn)
        }
        if let measured = measuredFingerCalibration, current(measured.fingers) { return (measured.calibration, true) }
        let path = storage.calibrationFilePath(for: .finger)
        if let bytes = CalibrationFile.read(path) {
            do throws(NexoError) {
                let lines = try CalibrationFile.decode(
                    bytes, header: Self.fingerCalibrationHeader, what: "finger calibration")
                guard let first = lines.first, first.hasPrefix("fingers "), let count = Int(first.dropFirst(8)) else {
                    throw NexoError(.invalidInput, "the finger calibration file is damaged: no 'fingers' line")
                }
                let scores = lines.dropFirst().compactMap { Double($0) }.filter(\.isFinite)
                if current(count), scores.count == lines.count - 1, !scores.isEmpty {
                    let calibration = FingerScoreCalibration(impostorScores: scores)
                    measuredFingerCalibration = (count, calibration)
                    return (calibration, true)
                }
            } catch {
                storage.warning("\(error.message) — measuring it again")
            }
        }
        let scores = index.impostorScores(pairs: fingerImpostorPairs)
        guard !scores.isEmpty else { return (FingerCalibration.shared, false) }
        let calibration = FingerScoreCalibration(impostorScores: scores)
        measuredFingerCalibration = (fingers, calibration)
        CalibrationFile.write(
            CalibrationFile.encode(
                header: Self.fingerCalibrationHeader,
                lines: ["fingers \(fingers)"] + calibration.impostorScores.map { "\($0)" }),
            to: path, what: "finger calibration", storage: storage)
        return (calibration, true)
    }
}
