import NexoKit
import Testing

@testable import NexoMatch

/// The batched HNSW layer search against a plain one-neighbour-at-a-time reference.
@Suite struct FaceHNSWSearchTests {
    @Test func fourRowDotProductsAreBitIdenticalToOneRow() {
        let fixture = FaceFixture(count: 9, probes: 1, seed: 51)
        let rows = fixture.gallery, probe = fixture.probes[0].vector
        let d = FaceGallery.dimensions
        probe.withUnsafeBufferPointer { q in
            let flat = rows.flatMap { $0 }
            flat.withUnsafeBufferPointer { g in
                let v = g.baseAddress!
                for (a, b, c, e) in [(0, 1, 2, 3), (8, 3, 3, 5), (7, 6, 0, 4)] {
                    let four = FaceKernels.dot4(q.baseAddress!, v + a * d, v + b * d, v + c * d, v + e * d, count: d)
                    let one = [a, b, c, e].map { FaceKernels.dot(q.baseAddress!, v + $0 * d, count: d) }
                    #expect([four[0], four[1], four[2], four[3]] == one)
                }
            }
        }
    }

    /// The four-row int8 kernel of the inverted lists gives each row's exact Int32 dot product,
    /// extremes included (±127 everywhere: 128 · 127² is far inside Int32).
    @Test func fourRowInt8DotProductsEqualOneRowAtATime() {
        var rng = SeededRandom(seed: 53)
        for count in [128, 512] {
            let probe = (0..<count).map { _ in Int8.random(in: -127...127, using: &rng) }
            var rows = (0..<(4 * count)).map { _ in Int8.random(in: -127...127, using: &rng) }
            for j in 0..<count { rows[count + j] = 127; rows[2 * count + j] = -127 }
            probe.withUnsafeBufferPointer { q in
                rows.withUnsafeBufferPointer { r in
                    let four = FaceKernels.dot4(q.baseAddress!, rows: r.baseAddress!, count: count)
                    let one = (0..<4).map { FaceKernels.dot(q.baseAddress!, r.baseAddress! + $0 * count, count: count) }
                    let r0 = r.baseAddress!
                    let anywhere = FaceKernels.dot4(
                        q.baseAddress!, r0 + 2 * count, r0, r0 + 3 * count, r0 + count, count: count)
                    #expect([anywhere[0], anywhere[1], anywhere[2], anywhere[3]] == [one[2], one[0], one[3], one[1]])
                    let plain = (0..<4).map { row in
                        (0..<count).reduce(Int32(0)) { $0 + Int32(probe[$1]) * Int32(rows[row * count + $1]) }
                    }
                    #expect([four[0], four[1], four[2], four[3]] == one)
                    #expect(one == plain)
                }
            }
        }
    }

    /// The paper's Algorithm 2 written plainly: sets and sorted arrays, one neighbour at a time.
    static func naiveSearchLayer(
        _ index: HNSWIndex, from entry: Int32, ef: Int, layer: Int,
        score: (Int32) -> Float
    ) -> [ScoreHeap.Entry] {
        var visited: Set<Int32> = [entry]
        var candidates = [ScoreHeap.Entry(key: score(entry), node: entry)]
        var results = candidates
        // Worst first for the results, best last for the candidates (ties as the heaps break them
        // do not matter: scores of distinct random vectors do not tie).
        while let current = candidates.popLast() {
            let worst = results.min { $0.key < $1.key }!
            if current.key < worst.key && results.count >= ef { break }
            for n in index.neighbors(of: current.node, layer: layer) where !visited.contains(n) {
                visited.insert(n)
                let s = score(n)
                let worstNow = results.min { $0.key < $1.key }!
                if results.count < ef || s > worstNow.key {
                    candidates.append(ScoreHeap.Entry(key: s, node: n))
                    candidates.sort { $0.key < $1.key }
                    results.append(ScoreHeap.Entry(key: s, node: n))
                    if results.count > ef {
                        results.remove(at: results.indices.min { results[$0].key < results[$1].key }!)
                    }
                }
            }
        }
        return results.sorted { $0.key > $1.key || ($0.key == $1.key && $0.node < $1.node) }
    }

    @Test(arguments: [1, 7, 40, 300])
    func layerSearchEqualsTheNaiveAlgorithm(ef: Int) {
        let fixture = FaceFixture(count: 500, probes: 12, seed: 52)
        var index = HNSWIndex(parameters: HNSWParameters(m: 6, efConstruction: 40))
        for v in fixture.gallery { index.append(normalized: v) }
        var scratch = HNSWScratch()
        scratch.grow(to: index.count)
        for probe in fixture.probes {
            for layer in 0...min(1, index.topLevel) {
                let entry = Int32(probe.identity)
                guard Int(index.levels[Int(entry)]) >= layer else { continue }
                let d = FaceGallery.dimensions
                // Exact scores (the build's walk), then int8 codes (the search's walk on layer 0).
                let exact = probe.vector.withUnsafeBufferPointer { q in
                    index.vectors.storage.withUnsafeBufferPointer { g in
                        (
                            index.searchLayer(
                                ExactScorer(probe: q.baseAddress!, rows: g.baseAddress!), from: entry, ef: ef,
                                layer: layer, scratch: &scratch),
                            Self.naiveSearchLayer(index, from: entry, ef: ef, layer: layer) { n in
                                FaceKernels.dot(q.baseAddress!, g.baseAddress! + Int(n) * d, count: d)
                            }
                        )
                    }
                }
                #expect(exact.0.map(\.node) == exact.1.map(\.node))
                #expect(exact.0.map(\.key) == exact.1.map(\.key))
                var probeCodes: [Int8] = []
                let probeScale = QuantizedFaceGallery.quantize(probe.vector[...], into: &probeCodes)
                let coded = probeCodes.withUnsafeBufferPointer { q in
                    index.codes.withUnsafeBufferPointer { c in
                        index.codeScales.withUnsafeBufferPointer { s in
                            (
                                index.searchLayer(
                                    CodeScorer(
                                        probe: q.baseAddress!, probeScale: probeScale, codes: c.baseAddress!,
                                        scales: s.baseAddress!),
                                    from: entry, ef: ef, layer: layer, scratch: &scratch),
                                Self.naiveSearchLayer(index, from: entry, ef: ef, layer: layer) { n in
                                    Float((0..<d).reduce(Int32(0)) { $0 + Int32(q[$1]) * Int32(c[Int(n) * d + $1]) })
                                        * (s[Int(n)] * probeScale)
                                }
                            )
                        }
                    }
                }
                #expect(coded.0.map(\.node) == coded.1.map(\.node))
                #expect(coded.0.map(\.key) == coded.1.map(\.key))
            }
        }
    }
}
