/// "Did you mean …?" suggestions from edit distance.
public enum Suggestions {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo
    /// (Damerau–Levenshtein distance at most a third of the word, at least 1; or a unique prefix).
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (distance: Int, candidate: String)?
        var prefixMatches: [String] = []
        for candidate in candidates {
            let c = candidate.lowercased()
            if !lowered.isEmpty && c.hasPrefix(lowered) { prefixMatches.append(candidate) }
            let d = distance(lowered, c)
            if best == nil || d < best!.distance || (d == best!.distance && candidate < best!.candidate) {
                best = (d, candidate)
            }
        }
        let limit = max(1, word.count / 3)
        if let best, best.distance <= limit { return best.candidate }
        if prefixMatches.count == 1 { return prefixMatches[0] }
        return nil
    }

    /// A hint sentence, `Did you mean 'x'?`, or `nil`.
    public static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "Did you mean '\($0)'?" }
    }

    /// Optimal-string-alignment (restricted Damerau–Levenshtein) distance over characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    v = min(v, previous2[j - 2] + 1)
                }
                current[j] = v
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[y.count]
    }
}
