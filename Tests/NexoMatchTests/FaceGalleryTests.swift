import NexoKit
import NexoTemplateMath
import Testing

@testable import NexoMatch

@Suite struct FaceGalleryTests {
    @Test func exactScanEqualsNaiveScoresAndOrder() {
        let fixture = FaceFixture(count: 1000, probes: 10, seed: 11)
        var gallery = FaceGallery()
        for v in fixture.gallery { gallery.append(normalized: v) }
        for probe in fixture.probes {
            let found = gallery.search(normalized: probe.vector, k: 10)
            let truth = fixture.naiveTop(probe.vector, k: 10)
            #expect(found.map(\.index) == truth.map(\.index))
            for (f, t) in zip(found, truth) { #expect(abs(Double(f.score) - t.score) < 1e-5) }
        }
    }

    @Test func appendNormalisesTemplatesToUnitLength() {
        var gallery = FaceGallery()
        let raw = (0..<512).map { Float($0 % 7) - 3 }
        gallery.append(FaceTemplate(vector: raw)!)
        let stored = gallery.vector(at: 0)
        #expect(abs(FaceVector.dot(stored, stored) - 1) < 1e-5)
        #expect(abs(FaceVector.dot(stored, FaceVector.normalized(raw)) - 1) < 1e-5)
    }

    @Test func searchFindsTheMateFirst() {
        let fixture = FaceFixture(count: 1000, probes: 10, seed: 12)
        var gallery = FaceGallery()
        for v in fixture.gallery { gallery.append(normalized: v) }
        for probe in fixture.probes {
            #expect(gallery.search(normalized: probe.vector, k: 1).first?.index == probe.identity)
        }
    }

    @Test func topKKeepsTheBestInOrderWithTiesByIndex() {
        var top = TopK(k: 4)
        let scores: [Float] = [0.1, 0.9, 0.5, 0.9, -0.2, 0.7, 0.5, 0.3]
        for (i, s) in scores.enumerated() { top.offer(index: i, score: s) }
        #expect(
            top.sorted() == [
                FaceMatch(index: 1, score: 0.9), FaceMatch(index: 3, score: 0.9),
                FaceMatch(index: 5, score: 0.7), FaceMatch(index: 2, score: 0.5),
            ])
        #expect(top.threshold == 0.5)
    }

    @Test func emptyGalleryFindsNothing() {
        #expect(FaceGallery().search(normalized: [Float](repeating: 0.04, count: 512), k: 5).isEmpty)
        #expect(QuantizedFaceGallery().search(normalized: [Float](repeating: 0.04, count: 512), k: 5).isEmpty)
    }
}

@Suite struct FaceQuantizedTests {
    @Test func int8WithRerankKeepsRecallAt10AboveNinetyNinePercent() {
        let fixture = FaceFixture(count: 8000, probes: 30, seed: 21)
        var exact = FaceGallery(reservingCapacity: fixture.gallery.count)
        for v in fixture.gallery { exact.append(normalized: v) }
        let quantized = QuantizedFaceGallery(exact)
        var total = 0.0
        for probe in fixture.probes {
            let truth = exact.search(normalized: probe.vector, k: 10)
            let found = quantized.search(normalized: probe.vector, k: 10)
            total += recall(found, truth)
            // Re-ranked scores are the exact fp32 ones.
            for f in found { #expect(f.score == exact.score(normalized: probe.vector, at: f.index)) }
        }
        #expect(total / Double(fixture.probes.count) >= 0.99)
    }

    @Test func approximateScoresAreCloseToExact() {
        let fixture = FaceFixture(count: 500, probes: 5, seed: 22)
        var quantized = QuantizedFaceGallery()
        for v in fixture.gallery { quantized.append(normalized: v) }
        for probe in fixture.probes {
            for m in quantized.approximateSearch(normalized: probe.vector, k: 50) {
                #expect(abs(m.score - quantized.exact.score(normalized: probe.vector, at: m.index)) < 0.01)
            }
        }
    }
}
