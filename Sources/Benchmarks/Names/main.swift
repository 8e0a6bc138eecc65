// nexo-bench-names: name comparison speed against rapidfuzz.
//
//   nexo-bench-names speed --python PY --peer Scripts/bench.d/names.py [--queries N] [--choices M]
//       Jaro–Winkler pairs/s of NexoMatch and of rapidfuzz `process.cdist` (workers=1) on the same
//       generated name lists, in this run; both sides also print the sum of all scores, which must agree.
//
// FEBRL4 linkage is measured through `nexo` itself (Scripts/bench.d/linkage.py), not here (issue 15).
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

func writeFile(_ path: String, _ text: String) {
    guard let file = fopen(path, "wb") else { fail("cannot write \(path)") }
    fputs(text, file)
    fclose(file)
}

let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "speed": runSpeed(Array(args.dropFirst()))
default:
    fail(
        "usage: nexo-bench-names speed --python PY --peer names.py [--queries N] [--choices M]"
    )
}
