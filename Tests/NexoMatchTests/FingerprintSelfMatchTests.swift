import NexoKit
import Testing

@testable import NexoMatch

/// A template compared with itself pairs every one of its minutiae, whatever its layout: sparse
/// (minutiae with one neighbour or none in the edge length range), dense, or as partners send it.
@Suite struct FingerprintSelfMatchTests {
    func selfMatch(_ template: FingerTemplate) -> (matched: Int, pairs: [(probe: Int, gallery: Int)]) {
        let prepared = PreparedFinger(template)
        let (result, pairs) = FingerProbe(prepared).correspondences(prepared)
        return (result.matchedMinutiae, pairs)
    }

    @Test(arguments: FingerprintRecordErrorTests.samples)
    func everyMinutiaOfASampleRecordPairsWithItself(name: String) throws {
        let record = try MinutiaeRecord(bytes: MinutiaeFixtures.bytes(name))
        let all = FingerTemplate(
            position: 0, width: record.width, height: record.height,
            minutiae: record.fingers.flatMap(\.minutiae))
        for template in record.fingers + [all] {
            let (matched, pairs) = selfMatch(template)
            #expect(matched == template.minutiae.count, "\(name): \(matched) of \(template.minutiae.count)")
            #expect(pairs.allSatisfy { template.minutiae[$0.probe] == template.minutiae[$0.gallery] })
        }
    }

    @Test func sparseTemplatesPairEveryMinutia() {
        // Six minutiae: two of them have a single neighbour within the 16-125 pixel edge range,
        // one has none.
        let minutiae = [
            Minutia(x: 100, y: 100, angle: 10, kind: .ending, quality: 80),
            Minutia(x: 160, y: 110, angle: 95, kind: .bifurcation, quality: 70),
            Minutia(x: 130, y: 170, angle: 200, kind: .ending, quality: 60),
            Minutia(x: 200, y: 190, angle: 300, kind: .ending, quality: 90),
            Minutia(x: 300, y: 200, angle: 45, kind: .bifurcation, quality: 50),
            Minutia(x: 450, y: 420, angle: 135, kind: .ending, quality: 40),
        ]
        let template = FingerTemplate(position: 2, width: 500, height: 500, minutiae: minutiae)
        #expect(selfMatch(template).matched == 6)
    }

    @Test func denseAndDuplicatedMinutiaePairEveryMinutia() {
        var rng = SplitMix64(seed: 65)
        for _ in 0..<20 {
            var minutiae = (0..<60).map { _ in
                Minutia(
                    x: .random(in: 0..<300, using: &rng), y: .random(in: 0..<300, using: &rng),
                    angle: Double(Int.random(in: 0..<256, using: &rng)) * 360 / 256, kind: .ending,
                    quality: .random(in: 0...100, using: &rng))
            }
            minutiae += minutiae.prefix(9) // partner systems send duplicates
            let template = FingerTemplate(position: 1, width: 300, height: 300, minutiae: minutiae)
            #expect(selfMatch(template).matched == 69)
        }
    }
}
