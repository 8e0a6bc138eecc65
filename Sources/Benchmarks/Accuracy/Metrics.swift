/// Error rates from genuine and impostor scores (higher = more alike; a pair is accepted when its
/// score is above the threshold).
struct VerificationRates {
    let genuine: [Double]
    /// Impostor scores, highest first.
    let impostor: [Double]

    init(genuine: [Double], impostor: [Double]) {
        self.genuine = genuine
        self.impostor = impostor.sorted(by: >)
    }

    /// The threshold for a false-match rate of at most `fmr`: a score must exceed it. `nil` when
    /// there are no impostor scores.
    func threshold(fmr: Double) -> Double? {
        guard !impostor.isEmpty else { return nil }
        let allowed = Int((fmr * Double(impostor.count)).rounded(.down))
        return allowed >= impostor.count ? -.infinity : impostor[allowed]
    }

    /// False non-match rate at the threshold for `fmr`.
    func fnmr(atFMR fmr: Double) -> Double? {
        guard !genuine.isEmpty, let t = threshold(fmr: fmr) else { return nil }
        return Double(genuine.filter { $0 <= t }.count) / Double(genuine.count)
    }

    /// Equal error rate: where the false-match and false non-match rates of an accept-at-or-above
    /// threshold cross (their mean at the closest point).
    var equalErrorRate: Double? {
        guard !genuine.isEmpty, !impostor.isEmpty else { return nil }
        let g = genuine.sorted()
        let candidates = Set(g + impostor).sorted()
        var best = (gap: Double.infinity, rate: 1.0)
        var gi = 0 // genuine scores below t
        var ii = impostor.count // impostor scores at or above t (impostor is descending)
        var lowImpostor = impostor.count - 1
        for t in candidates {
            while gi < g.count && g[gi] < t { gi += 1 }
            while lowImpostor >= 0 && impostor[lowImpostor] < t { lowImpostor -= 1; ii -= 1 }
            let fnmr = Double(gi) / Double(g.count), fmr = Double(ii) / Double(impostor.count)
            if abs(fnmr - fmr) < best.gap { best = (abs(fnmr - fmr), (fnmr + fmr) / 2) }
        }
        return best.rate
    }
}

/// Open-set identification: FNIR at a fixed FPIR, with the threshold set on the non-mated
/// searches' top scores.
struct IdentificationRates {
    /// Top score of each non-mated search (−∞ when it returned nobody).
    let nonmatedTop: [Double]
    /// Score of the mate in each mated search (−∞ when the mate was not returned).
    let mateScore: [Double]
    /// Whether the mate was ranked first, per mated search.
    let mateFirst: [Bool]

    var rankOne: Double? { mateFirst.isEmpty ? nil : Double(mateFirst.filter { $0 }.count) / Double(mateFirst.count) }

    /// The threshold that at most `fpir` of non-mated searches exceed.
    func threshold(fpir: Double) -> Double? {
        guard !nonmatedTop.isEmpty else { return nil }
        let sorted = nonmatedTop.sorted(by: >)
        let allowed = Int((fpir * Double(sorted.count)).rounded(.down))
        return allowed >= sorted.count ? -.infinity : sorted[allowed]
    }

    /// Share of mated searches whose mate is not returned above the threshold for `fpir`.
    func fnir(atFPIR fpir: Double) -> (fnir: Double, threshold: Double)? {
        guard !mateScore.isEmpty, let t = threshold(fpir: fpir) else { return nil }
        return (Double(mateScore.filter { $0 <= t }.count) / Double(mateScore.count), t)
    }
}

/// Formatting without Foundation.
enum Text {
    /// `x` with `digits` decimals.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x > 0 ? "+inf" : x < 0 ? "-inf" : "nan" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let negative = x < 0
        let scaled = (abs(x) * scale).rounded()
        let whole = Int(scaled / scale)
        var fraction = String(Int(scaled - Double(whole) * scale))
        while fraction.count < digits { fraction = "0" + fraction }
        let text = digits > 0 ? "\(whole).\(fraction)" : "\(whole)"
        return negative && scaled != 0 ? "-" + text : text
    }

    /// A rate as a percentage, `—` when unknown.
    static func percent(_ x: Double?, _ digits: Int = 2) -> String {
        guard let x else { return "—" }
        return fixed(x * 100, digits) + " %"
    }

    /// `12,345`.
    static func grouped(_ n: Int) -> String {
        var s = String(abs(n))
        var i = s.count - 3
        while i > 0 {
            s.insert(",", at: s.index(s.startIndex, offsetBy: i))
            i -= 3
        }
        return n < 0 ? "-" + s : s
    }

    /// `text` padded with spaces to `width` (left-aligned), or right-aligned when `right`.
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}
