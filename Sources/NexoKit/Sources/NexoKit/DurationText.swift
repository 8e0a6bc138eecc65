/// Durations as users type them in options (`link cotravel --within 2h`, `bio feed wait --until 90s`): a number of
/// seconds, or a number followed by `s`, `m`, `h` or `d`. Every command reads them here, so they read alike.
public enum DurationText {
    /// The longest duration accepted: 100 years, far beyond any window or wait, and exact as a `Double`.
    public static let maximumSeconds: Double = 100 * 365.25 * 86_400

    /// The seconds `text` stands for: `0`, `45`, `90s`, `1.5m`, `2h`, `3d`. Throws a usage error naming `option`
    /// for anything else (no unit after a fraction is still seconds; negative, infinite and past-100-years
    /// values are refused).
    public static func seconds(_ text: String, option: String) throws(NexoError) -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var number = Substring(text)
        var unit = 1.0
        if let last = text.last, let factor = units[last] {
            number = number.dropLast()
            unit = factor
        }
        guard !number.isEmpty, number.count <= 16,
            number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number), value.isFinite, value * unit <= maximumSeconds
        else {
            throw NexoError(
                .usage, "\(option) '\(text)' is not a duration",
                hint: "write seconds, or a number with s, m, h or d: 90s, 5m, 1.5h, 3d")
        }
        return value * unit
    }
}
