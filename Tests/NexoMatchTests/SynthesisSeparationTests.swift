import Foundation
import NexoKit
import NexoSynthesis
import NexoTemplateMath
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

/// The match engine's production code makes no synthetic data: synthesizers live in NexoSynthesis,
/// and the finger calibration the engine uses is a checked-in table, not fingers made at run time.
@Suite struct SynthesisSeparationTests {
    /// Names only NexoSynthesis declares; none may appear in NexoMatch's sources.
    static let synthesisNames = [
        "NexoSynthesis", "FaceSynthesizer", "IrisSynthesizer", "SyntheticFinger", "ImpressionSettings",
        "EncounterSynthesizer", "SyntheticEncounter", "SyntheticIdentity", "SyntheticNamePool", "BiographicNoise",
    ]

    @Test func matchEngineSourcesDoNotReferToTheSynthesisTarget() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources/NexoMatch")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20, "found NexoMatch's sources")
        var found: [String] = []
        for file in files.sorted() {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                // Documentation may tell where synthetic data comes from; code may not use it.
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                for name in Self.synthesisNames where line.contains(name) {
                    found.append("Sources/NexoMatch/\(file):\(number + 1): \(name)")
                }
            }
        }
        #expect(found == [], "NexoMatch refers to the synthesis target")
    }

    /// The shipped table is what `Scripts/finger-calibration` measures: regenerate it when the
    /// matcher's scores change.
    @Test func shippedFingerCalibrationIsTheMeasuredOne() {
        var rng = SeededGenerator(seed: 19_794)
        let measured = FingerScoreCalibration.measure(fingers: 240, using: &rng)
        #expect(measured.impostorScores.count == 57_360)
        #expect(FingerCalibration.shared == measured, "run Scripts/finger-calibration")
        #expect(FingerCalibrationTable.scores == FingerCalibrationTable.scores.sorted())
    }
}
