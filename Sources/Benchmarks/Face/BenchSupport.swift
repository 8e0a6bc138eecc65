import NexoKit
import NexoMatch
import NexoTemplateMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Flushes standard output before a long step or a child process (`fflush(nil)` flushes every
/// stream without touching the C `stdout` global, which is not concurrency-safe).
func flushOutput() { fflush(nil) }

/// CPU time of this thread, seconds: a per-core rate that a busy machine does not halve.
func threadSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Seconds on the monotonic clock.
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// The benchmark data is the same on every run (and cached between runs).
typealias BenchRandom = SeededGenerator

/// Writes `values` raw (little-endian, no header) to `path`.
func writeRaw<T>(_ values: [T], to path: String) throws {
    guard let f = fopen(path, "wb") else {
        throw NexoError(
            .failed, "cannot write \(path): \(String(cString: strerror(errno)))", hint: "check that --dir is writable")
    }
    defer { fclose(f) }
    let written = values.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    guard written == values.count * MemoryLayout<T>.stride else {
        throw NexoError(.failed, "short write to \(path)", hint: "check free disk space")
    }
}

/// Reads a raw file of `count` values, or `nil` when it is missing or has another size.
func readRaw<T>(_ type: T.Type, count: Int, from path: String) -> [T]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    fseek(f, 0, SEEK_END)
    guard ftell(f) == count * MemoryLayout<T>.stride else { return nil }
    fseek(f, 0, SEEK_SET)
    var ok = false
    let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        ok = fread(buffer.baseAddress, MemoryLayout<T>.stride, count, f) == count
        initialized = count
    }
    return ok ? values : nil
}

/// `key value` lines a peer wrote, or an error naming the file.
func readPeerResults(_ path: String) throws -> [String: Double] {
    guard let f = fopen(path, "r") else {
        throw NexoError(
            .failed, "the peer wrote no results to \(path)", hint: "run the peer command by hand to see its error")
    }
    defer { fclose(f) }
    var results: [String: Double] = [:]
    var line = [CChar](repeating: 0, count: 4096)
    while fgets(&line, Int32(line.count), f) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        if parts.count == 2, let v = Double(parts[1]) { results[String(parts[0])] = v }
    }
    return results
}

/// Runs `command` through the shell; throws when it fails.
func runPeer(_ command: String) throws {
    print("  $ \(command)")
    flushOutput()
    let status = system(command)
    guard status == 0 else {
        throw NexoError(
            .failed, "peer command failed with status \(status): \(command)",
            hint: "create the benchmark venv with Scripts/bench.d/venv.sh, or pass --no-peer")
    }
}

/// Bandwidth of a streaming read on this machine, bytes per second: the best of three sums of a
/// 1 GiB buffer (too large for any cache), eight 64-bit lanes at a time.
func streamingReadBandwidth() -> Double {
    let words = 1 << 27
    let buffer = [UInt64](unsafeUninitializedCapacity: words) { b, n in
        for i in 0..<words { b[i] = UInt64(i) }
        n = words
    }
    var best = 0.0
    var sink: UInt64 = 0
    for _ in 0..<3 {
        let t0 = now()
        sink &+= buffer.withUnsafeBytes { raw in
            var a = SIMD8<UInt64>(), b = SIMD8<UInt64>()
            var offset = 0
            while offset < raw.count {
                a &+= raw.loadUnaligned(fromByteOffset: offset, as: SIMD8<UInt64>.self)
                b &+= raw.loadUnaligned(fromByteOffset: offset + 64, as: SIMD8<UInt64>.self)
                offset += 128
            }
            return (a &+ b).wrappedSum()
        }
        best = max(best, Double(words * 8) / (now() - t0))
    }
    if sink == 42 { print("") } // keeps the sum alive
    return best
}

/// `12.3` with one decimal, `0.123` with three: figures for the report.
func fmt(_ x: Double, _ decimals: Int = 1) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let r = (x * scale).rounded() / scale
    var text = String(r)
    if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) - 1 < decimals {
        text += String(repeating: "0", count: decimals - text.distance(from: dot, to: text.endIndex) + 1)
    }
    return text
}

/// Mean recall@k of `found` lists against `truth` lists.
func meanRecall(_ found: [[Int]], _ truth: [[Int]]) -> Double {
    var sum = 0.0
    for (f, t) in zip(found, truth) { sum += Double(Set(f).intersection(t).count) / Double(t.count) }
    return sum / Double(truth.count)
}
