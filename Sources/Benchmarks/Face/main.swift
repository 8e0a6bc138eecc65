import NexoKit
import NexoMatch
import NexoSynthesis
import NexoTemplateMath
import NexoTemplateSynthesis

// nexo-bench-face: face 1:N exact (fp32 and int8 + re-rank) vs FAISS IndexFlatIP, HNSW vs
// hnswlib at equal recall@10, and iris comparisons per second with ±8 shifts. Single thread.
// Usage: nexo-bench-face [--quick] [--dir DIR] [--peer "PYTHON Scripts/bench.d/face.py"] [--only exact|hnsw|iris]
//        [--iris-gallery N] (iris gallery size; 200,000 by default, 20,000 with --quick)
//        [--spectrum isotropic|decaying|both] (HNSW data sets; both by default: the issue's
//        isotropic synthetic faces, and faces with a decaying spectrum like real embeddings)
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Options {
    var quick = false
    var dir = ".build/bench-match"
    var peer: String?
    var only: String?
    var irisGallery: Int?
    var spectra: [FaceSpectrum] = [.isotropic, .decaying]

    init(_ arguments: [String]) throws {
        var rest = arguments.dropFirst()
        while let a = rest.popFirst() {
            switch a {
            case "--quick": quick = true
            case "--dir": dir = try Self.value(a, &rest)
            case "--peer": peer = try Self.value(a, &rest)
            case "--only": only = try Self.value(a, &rest)
            case "--iris-gallery": irisGallery = Int(try Self.value(a, &rest))
            case "--spectrum":
                switch try Self.value(a, &rest) {
                case "isotropic": spectra = [.isotropic]
                case "decaying": spectra = [.decaying]
                case "both": spectra = [.isotropic, .decaying]
                case let other:
                    throw NexoError(.usage, "unknown spectrum '\(other)'", hint: "use isotropic, decaying or both")
                }
            default:
                throw NexoError(
                    .usage, "unknown option '\(a)'",
                    hint:
                        "usage: nexo-bench-face [--quick] [--dir DIR] [--peer CMD] [--only exact|hnsw|iris] "
                        + "[--iris-gallery N] [--spectrum isotropic|decaying|both]"
                )
            }
        }
    }

    static func value(_ option: String, _ rest: inout ArraySlice<String>) throws -> String {
        guard let v = rest.popFirst() else { throw NexoError(.usage, "\(option) needs a value") }
        return v
    }

    func runs(_ part: String) -> Bool { only == nil || only == part }
}

/// A gallery of one capture per identity plus probes that are new captures of every
/// (n/q)-th identity; cached in `dir` as raw fp32 so the peer reads the same numbers.
func faceData(
    n: Int, q: Int, seed: UInt64, dir: String, tag: String,
    spectrum: FaceSpectrum = .isotropic
) throws -> (gallery: [Float], queries: [Float]) {
    let d = FaceTemplate.dimensions
    let gPath = "\(dir)/\(tag)-gallery.f32", qPath = "\(dir)/\(tag)-queries.f32"
    if let g = readRaw(Float.self, count: n * d, from: gPath), let qs = readRaw(Float.self, count: q * d, from: qPath) {
        return (g, qs)
    }
    print("  generating \(n) face vectors (cached in \(gPath))…")
    flushOutput()
    var rng = BenchRandom(seed: seed)
    // Noise with the identities' spectrum: the data the recorded HNSW figures were measured on.
    let synth = FaceSynthesizer(spectrum: spectrum, captureNoise: .likeIdentities)
    var gallery: [Float] = []
    gallery.reserveCapacity(n * d)
    var queries: [Float] = []
    let step = n / q
    for i in 0..<n {
        let id = synth.identity(using: &rng)
        gallery.append(contentsOf: synth.capture(of: id, using: &rng).vector)
        if i % step == 0 && queries.count < q * d {
            queries.append(contentsOf: synth.capture(of: id, using: &rng).vector)
        }
    }
    try writeRaw(gallery, to: gPath)
    try writeRaw(queries, to: qPath)
    return (gallery, queries)
}

func rows(_ flat: [Float]) -> [[Float]] {
    let d = FaceTemplate.dimensions
    return (0..<flat.count / d).map { Array(flat[$0 * d..<($0 + 1) * d]) }
}

func benchExact(_ o: Options, bandwidth: Double) throws {
    let n = o.quick ? 100_000 : 1_000_000, q = o.quick ? 20 : 50
    let tag = "face-exact-\(n)"
    print("face exact 1:N, \(n) × 512, \(q) queries one at a time, k = 10, single thread")
    let (flat, queryFlat) = try faceData(n: n, q: q, seed: 4001, dir: o.dir, tag: tag)
    let exact = FaceGallery(normalizedStorage: flat)
    let queries = rows(queryFlat)
    var t0 = now()
    let truth = queries.map { exact.search(normalized: $0, k: 10).map(\.index) }
    let fp32 = (now() - t0) / Double(q)
    t0 = now()
    let quantized = QuantizedFaceGallery(exact)
    let quantizeTime = now() - t0
    t0 = now()
    let found = queries.map { quantized.search(normalized: $0, k: 10).map(\.index) }
    let int8 = (now() - t0) / Double(q)
    let recall = meanRecall(found, truth)
    try writeRaw(truth.flatMap { $0.map { Int32($0) } }, to: "\(o.dir)/\(tag)-truth.i32")

    let fp32Bytes = Double(n * 512 * 4)
    let int8Bytes = Double(n * (512 + 4) + quantized.rerankCount * 512 * 4)
    print(
        "  nexo fp32 exact scan      \(fmt(fp32 * 1000)) ms/query  (floor \(fmt(fp32Bytes / bandwidth * 1000)) ms: "
            + "\(fmt(fp32Bytes / 1e6, 0)) MB at \(fmt(bandwidth / 1e9)) GB/s)"
    )
    print(
        "  nexo int8 + fp32 re-rank  \(fmt(int8 * 1000)) ms/query  (floor \(fmt(int8Bytes / bandwidth * 1000)) ms: "
            + "\(fmt(int8Bytes / 1e6, 0)) MB), recall@10 vs fp32 exact \(fmt(recall, 4)), quantised in "
            + "\(fmt(quantizeTime)) s"
    )
    guard let peer = o.peer else { return }
    try runPeer("\(peer) exact --dir \(o.dir) --tag \(tag) --n \(n) --q \(q)")
    let r = try readPeerResults("\(o.dir)/\(tag)-peer.txt")
    guard let faiss = r["ms_per_query"], let faissRecall = r["recall10"] else {
        throw NexoError(.failed, "peer results lack ms_per_query or recall10", hint: "see \(o.dir)/\(tag)-peer.txt")
    }
    print("  faiss IndexFlatIP         \(fmt(faiss)) ms/query, recall@10 vs nexo fp32 exact \(fmt(faissRecall, 4))")
    print(
        "  ratio nexo/faiss: fp32 \(fmt(fp32 * 1000 / faiss, 2))×, int8 + re-rank \(fmt(int8 * 1000 / faiss, 2))× "
            + "(goal ≤ 1.0× at recall@10 ≥ 0.99)"
    )
}

/// HNSW against hnswlib on one data set: isotropic faces (the issue's synthetic faces, impostor
/// cosine 0 ± 0.045, the worst case for graph indexes) or faces with a decaying spectrum
/// (impostors 0 ± 0.094, like real embeddings); see ``FaceSpectrum``.
func benchHNSW(_ o: Options, spectrum: FaceSpectrum) throws {
    let n = o.quick ? 20_000 : 200_000, q = o.quick ? 200 : 1000
    let m = 16, efConstruction = 200
    let efs = [10, 20, 40, 80, 160, 320, 640, 960, 1280, 1920, 2560, 3840, 5120]
    let isotropic = spectrum.exponent == 0
    let tag = isotropic ? "face-hnsw-\(n)" : "face-hnsw-decaying-\(n)"
    let data =
        isotropic
        ? "isotropic faces"
        : "faces with a decaying spectrum (power law \(spectrum.exponent), effective dimension "
            + "\(fmt(spectrum.effectiveDimension, 0)))"
    print(
        "face approximate 1:N, HNSW M = \(m), efConstruction = \(efConstruction), \(n) × 512 \(data), \(q) queries, k "
            + "= 10, single thread"
    )
    let (flat, queryFlat) = try faceData(
        n: n, q: q, seed: isotropic ? 4002 : 4012, dir: o.dir, tag: tag, spectrum: spectrum)
    let exact = FaceGallery(normalizedStorage: flat)
    let queries = rows(queryFlat)
    let truth = queries.map { exact.search(normalized: $0, k: 10).map(\.index) }
    try writeRaw(truth.flatMap { $0.map { Int32($0) } }, to: "\(o.dir)/\(tag)-truth.i32")
    var index = HNSWIndex(parameters: HNSWParameters(m: m, efConstruction: efConstruction))
    let vectors = rows(flat)
    var t0 = threadSeconds()
    for v in vectors { index.append(normalized: v) }
    let build = threadSeconds() - t0
    print("  nexo build \(fmt(build)) CPU-s (times here are thread CPU time on both sides)")
    var scratch = HNSWScratch()
    var ours: [(ef: Int, recall: Double, qps: Double)] = []
    for ef in efs {
        t0 = threadSeconds()
        let found = queries.map { index.search(normalized: $0, k: 10, ef: ef, scratch: &scratch).map(\.index) }
        let qps = Double(q) / (threadSeconds() - t0)
        let recall = meanRecall(found, truth)
        ours.append((ef, recall, qps))
        print("  nexo ef \(ef): recall@10 \(fmt(recall, 4)), \(fmt(qps, 0)) QPS")
        if recall >= 0.995 { break }
    }
    guard let peer = o.peer else { return }
    try runPeer(
        "\(peer) hnsw --dir \(o.dir) --tag \(tag) --n \(n) --q \(q) --m \(m) --ef-construction \(efConstruction) "
            + "--efs \(efs.map(String.init).joined(separator: ","))"
    )
    let r = try readPeerResults("\(o.dir)/\(tag)-peer.txt")
    guard let peerBuild = r["build_s"] else {
        throw NexoError(.failed, "peer results lack build_s", hint: "see \(o.dir)/\(tag)-peer.txt")
    }
    print("  hnswlib build \(fmt(peerBuild)) s")
    for ef in efs {
        guard let recall = r["recall10_ef\(ef)"], let qps = r["qps_ef\(ef)"] else { continue }
        print("  hnswlib ef \(ef): recall@10 \(fmt(recall, 4)), \(fmt(qps, 0)) QPS")
    }
    let target = 0.98
    let mine = ours.first { $0.recall >= target }
    let theirs = efs.lazy.compactMap { ef -> (Int, Double, Double)? in
        guard let rc = r["recall10_ef\(ef)"], let qps = r["qps_ef\(ef)"], rc >= target else { return nil }
        return (ef, rc, qps)
    }.first
    if let mine, let theirs {
        print(
            "  at recall@10 ≥ \(target): nexo ef \(mine.ef) \(fmt(mine.qps, 0)) QPS, hnswlib ef \(theirs.0) "
                + "\(fmt(theirs.2, 0)) QPS; QPS ratio nexo/hnswlib \(fmt(mine.qps / theirs.2, 2))× (goal ≥ 1.0×), "
                + "build ratio \(fmt(build / peerBuild, 2))× (goal ≤ 1.5×)"
        )
    } else {
        print("  recall@10 ≥ \(target) not reached by \(mine == nil ? "nexo" : "hnswlib") within ef ≤ \(efs.last!)")
    }
}

func benchIris(_ o: Options) {
    let n = o.irisGallery ?? (o.quick ? 20_000 : 200_000), q = o.quick ? 10 : 50
    print("iris 1:N, \(n) templates, \(q) probes, ±8 shifts, single thread")
    var rng = BenchRandom(seed: 4003)
    let synth = IrisSynthesizer()
    var gallery = IrisGallery()
    gallery.reserveCapacity(n)
    var probes: [(Int, IrisTemplate)] = []
    for i in 0..<n {
        let id = synth.identity(using: &rng)
        gallery.append(synth.capture(of: id, using: &rng))
        if i % (n / q) == 0 && probes.count < q { probes.append((i, synth.capture(of: id, using: &rng))) }
    }
    let t0 = now(), c0 = threadSeconds()
    var hits = 0
    for (mate, probe) in probes where gallery.search(probe, k: 1).first?.index == mate { hits += 1 }
    let rate = Double(n * probes.count) / (now() - t0), cpuRate = Double(n * probes.count) / (threadSeconds() - c0)
    print(
        "  nexo \(fmt(cpuRate / 1e6, 2))M comparisons per CPU-second (goal ≥ 5M per core; wall clock "
            + "\(fmt(rate / 1e6, 2))M/s), rank-1 \(hits)/\(probes.count)"
    )
}

do {
    let options = try Options(CommandLine.arguments)
    mkdir(options.dir, 0o755)
    if options.runs("exact") {
        let bandwidth = streamingReadBandwidth()
        print("streaming read bandwidth, one thread: \(fmt(bandwidth / 1e9)) GB/s")
        try benchExact(options, bandwidth: bandwidth)
    }
    if options.runs("hnsw") {
        for spectrum in options.spectra { try benchHNSW(options, spectrum: spectrum) }
    }
    if options.runs("iris") { benchIris(options) }
} catch let error as NexoError {
    let text = "nexo-bench-face: \(error.message)\(error.hint.map { "\nhint: \($0)" } ?? "")\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(1)
}
