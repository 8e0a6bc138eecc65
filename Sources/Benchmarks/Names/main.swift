// nexo-bench-names: name comparison speed against rapidfuzz, and FEBRL4 linkage.
//
//   nexo-bench-names speed --python PY --peer Scripts/bench.d/names.py [--queries N] [--choices M]
//       Jaro–Winkler pairs/s of NexoMatch and of rapidfuzz `process.cdist` (workers=1) on the same
//       generated name lists, in this run; both sides also print the sum of all scores, which must agree.
//   nexo-bench-names febrl A.csv B.csv [--one-to-one] [--truth T.csv]
//       Links FEBRL4's two files (exported by Scripts/bench.d/febrl4.py, without soc_sec_id) and
//       prints one `idA,idB` line per link. With --truth, prints blocking pair completeness to stderr
//       (the truth is used for nothing else).
import Glibc
import NexoKit
import NexoMatch

/// Writes to standard error (file descriptor 2; the C `stderr` global is not concurrency-safe).
func writeError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = write(2, &bytes, bytes.count)
}

func fail(_ message: String) -> Never {
    writeError("nexo-bench-names: \(message)\n")
    exit(2)
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// CPU time of this thread, seconds (the peer times its side the same way).
func threadSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func option(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func readFile(_ path: String) -> String {
    guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

func writeFile(_ path: String, _ text: String) {
    guard let file = fopen(path, "wb") else { fail("cannot write \(path)") }
    fputs(text, file)
    fclose(file)
}

let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "speed": runSpeed(Array(args.dropFirst()))
case "febrl": runFebrl(Array(args.dropFirst()))
default:
    fail(
        "usage: nexo-bench-names speed --python PY --peer names.py [--queries N] [--choices M] | febrl A.csv B.csv "
            + "[--one-to-one] [--truth T.csv]"
    )
}
