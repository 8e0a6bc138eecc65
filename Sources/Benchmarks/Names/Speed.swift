import Glibc
import NexoMatch
import NexoTemplateMath

/// The same names on both sides every run.
typealias SplitMix64 = SeededGenerator

let givenPool = [
    "JOSE", "JUAN", "CARLOS", "LUIS", "JORGE", "MARIO", "FRANCISCO", "JESUS", "MIGUEL", "OSCAR", "MARIA",
    "ANA", "ROSA", "CARMEN", "SANDRA", "KARLA", "GABRIELA", "CLAUDIA", "PATRICIA", "GUADALUPE", "JOSE LUIS",
    "JUAN CARLOS", "MARIA JOSE", "MARIA DE LOS ANGELES", "WILMER", "YESENIA", "KATHERINE", "BRAYAN",
]
let surnamePool = [
    "HERNANDEZ", "LOPEZ", "MARTINEZ", "GARCIA", "RODRIGUEZ", "PEREZ", "RAMIREZ", "FLORES", "GONZALEZ",
    "CRUZ", "REYES", "MORALES", "RIVERA", "GOMEZ", "DIAZ", "MEJIA", "CASTILLO", "ALVARADO", "VASQUEZ",
    "PORTILLO", "MENJIVAR", "ESCOBAR", "ORELLANA", "ARGUETA", "QUINTANILLA", "VILLATORO", "DE LA CRUZ",
]

/// `GIVEN PATERNAL MATERNAL`, sometimes with one typo (a letter replaced, dropped or doubled).
func syntheticName(_ random: inout SplitMix64) -> String {
    var name = Array(
        ("\(givenPool.randomElement(using: &random)!) \(surnamePool.randomElement(using: &random)!) "
            + "\(surnamePool.randomElement(using: &random)!)").utf8)
    if Int.random(in: 0..<3, using: &random) == 0 {
        let i = Int.random(in: 0..<name.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: name[i] = UInt8(ascii: "A") + UInt8.random(in: 0..<26, using: &random)
        case 1: name.remove(at: i)
        default: name.insert(name[i], at: i)
        }
    }
    return String(decoding: name, as: UTF8.self)
}

func runSpeed(_ args: [String]) {
    guard let python = option("--python", in: args), let peer = option("--peer", in: args) else {
        fail("speed needs --python PY --peer names.py")
    }
    let queryCount = Int(option("--queries", in: args) ?? "") ?? 2000
    let choiceCount = Int(option("--choices", in: args) ?? "") ?? 2000
    var random = SplitMix64(seed: 2024)
    let queries = (0..<queryCount).map { _ in syntheticName(&random) }
    let choices = (0..<choiceCount).map { _ in syntheticName(&random) }
    let path = "/tmp/nexo-bench-names-\(getpid()).txt"
    writeFile(path, (queries + choices).joined(separator: "\n") + "\n")
    defer { unlink(path) }

    // Ours: one prepared pattern per query, a score matrix like cdist's (Float32).
    var matrix = [Float](repeating: 0, count: queryCount * choiceCount)
    var best = Double.infinity
    for _ in 0..<5 {
        let start = threadSeconds()
        // Packing the choices is timed too: cdist converts its inputs on every call.
        let packed = PackedStrings(choices.map { Array($0.utf8) })
        matrix.withUnsafeMutableBufferPointer { out in
            for (q, query) in queries.enumerated() {
                let pattern = JaroWinkler.Pattern(Array(query.utf8))
                pattern.similarities(to: packed, into: UnsafeMutableBufferPointer(rebasing: out[(q * choiceCount)...]))
            }
        }
        best = min(best, threadSeconds() - start)
    }
    let pairs = Double(queryCount * choiceCount)
    let ours = pairs / best
    let ourSum = matrix.reduce(0.0) { $0 + Double($1) }

    // Theirs, same file, same run.
    guard let pipe = popen("'\(python)' '\(peer)' '\(path)' \(queryCount)", "r") else { fail("cannot run \(python)") }
    var output = ""
    var line = [CChar](repeating: 0, count: 4096)
    while fgets(&line, Int32(line.count), pipe) != nil {
        output += String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    guard pclose(pipe) == 0 else { fail("peer failed: \(output)") }
    let fields = output.split(whereSeparator: { $0 == " " || $0 == "\n" })
    guard fields.count >= 2, let theirs = Double(fields[0]), let theirSum = Double(fields[1]) else {
        fail("peer printed \(output)")
    }
    func millions(_ x: Double) -> String { String(Int((x / 1e4).rounded())).inserting(".", fromEnd: 2) }
    print(
        "names: Jaro-Winkler, \(queryCount) x \(choiceCount) names (mean "
            + "\(choices.map(\.utf8.count).reduce(0, +) / choiceCount) bytes), one core, thread CPU time"
    )
    print("  nexo      \(millions(ours)) M pairs/s   (score sum \(Int(ourSum.rounded())))")
    print("  rapidfuzz \(millions(theirs)) M pairs/s   (process.cdist workers=1, score sum \(Int(theirSum.rounded())))")
    print("  ratio     \(String(Int((ours / theirs * 100).rounded())).inserting(".", fromEnd: 2))x")
    if abs(ourSum - theirSum) > 1e-6 * pairs {
        print("  WARNING: score sums differ: the two sides did not compute the same thing")
    }
}

extension String {
    /// `"123"` → `"1.23"` for `fromEnd: 2`.
    func inserting(_ mark: Character, fromEnd n: Int) -> String {
        var digits = Array(self)
        while digits.count <= n { digits.insert("0", at: 0) }
        digits.insert(mark, at: digits.count - n)
        return String(digits)
    }
}
