import NexoKit

/// Agreement of two dates of birth as records give them: exact, day and month transposed
/// (`1994-03-02` / `1994-02-03`), year off by one, a one-digit typo, partial dates that agree as
/// far as both are known (`1994` / `1994-03-02`), or the same year and month only.
public enum DateAgreement {
    /// The dates a record born on `date` is looked for under: the date itself; when the day could be a month, the
    /// date with day and month swapped (the commonest way a date is written wrong, ``compare(_:_:)``'s
    /// `transposed`); and the same day a year earlier and a year later (``compare(_:_:)``'s `nearby`: a mate whose
    /// name is misspelt in every part is still found). None for a partial date.
    public static func searchDates(_ date: PartialDate) -> [PartialDate] {
        guard let month = date.month, let day = date.day else { return [] }
        var dates = [date]
        if day != month && day <= 12 { dates.append(PartialDate(year: date.year, month: day, day: month)) }
        for year in [date.year - 1, date.year + 1] where CivilDate(year: year, month: month, day: day) != nil {
            dates.append(PartialDate(year: year, month: month, day: day))
        }
        return dates
    }

    /// How `a` and `b` agree, and a line saying so.
    public static func compare(_ a: PartialDate?, _ b: PartialDate?) -> FieldOutcome {
        func outcome(_ level: MatchLevel, _ detail: String) -> FieldOutcome {
            FieldOutcome(field: "dateOfBirth", level: level, detail: detail)
        }
        guard let a, let b else { return outcome(.missing, "") }
        let pair = "\(a) ~ \(b)"
        guard let am = a.month, let ad = a.day, let bm = b.month, let bd = b.day else {
            // A partial date: agree on what both know.
            let monthsAgree = a.month == nil || b.month == nil || a.month == b.month
            let daysAgree = a.month == nil || b.month == nil || a.day == nil || b.day == nil || a.day == b.day
            if a.year == b.year && monthsAgree && daysAgree {
                return outcome(a == b ? .exact : .partial, a == b ? "\(a)" : pair)
            }
            return outcome(abs(a.year - b.year) == 1 && monthsAgree && daysAgree ? .nearby : .disagree, pair)
        }
        if a.year == b.year && am == bm && ad == bd { return outcome(.exact, "\(a)") }
        if a.year == b.year && am == bd && ad == bm { return outcome(.transposed, pair + " (day and month swapped)") }
        if am == bm && ad == bd && abs(a.year - b.year) == 1 { return outcome(.nearby, pair + " (year off by one)") }
        if oneDigitApart(digits(a), digits(b)) { return outcome(.close, pair + " (one digit)") }
        if a.year == b.year && am == bm { return outcome(.similar, pair + " (same year and month)") }
        return outcome(.disagree, pair)
    }

    /// Parses `1994-03-02`, `1994-03`, `1994`, `19940302` (year, month, day) and `02/03/1994`
    /// (day, month, year), as registers write them; `nil` for anything else. Out-of-range months
    /// and days are kept as written (a typo is still evidence).
    public static func parse(_ text: String) -> PartialDate? {
        let trimmed = text.split(separator: " ").joined()
        let groups = trimmed.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard !groups.isEmpty,
            groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else {
            return nil
        }
        let numbers = groups.compactMap { Int($0) }
        switch groups.count {
        case 1 where groups[0].count == 8:
            let n = numbers[0]
            return PartialDate(year: n / 10000, month: n / 100 % 100, day: n % 100)
        case 1 where groups[0].count == 4:
            return PartialDate(year: numbers[0])
        case 2 where groups[0].count == 4:
            return PartialDate(year: numbers[0], month: numbers[1])
        case 3 where groups[0].count == 4:
            return PartialDate(year: numbers[0], month: numbers[1], day: numbers[2])
        case 3 where groups[2].count == 4:
            return PartialDate(year: numbers[2], month: numbers[1], day: numbers[0])
        default:
            return nil
        }
    }

    /// The eight digits of `YYYYMMDD`, lowest first, in one integer per digit position (4 bits each).
    private static func digits(_ d: PartialDate) -> UInt64 {
        let value = UInt64(
            truncatingIfNeeded: (d.year % 10000) * 10000 + (d.month ?? 0) % 100 * 100 + (d.day ?? 0) % 100)
        var packed: UInt64 = 0, rest = value
        for i in 0..<8 {
            packed |= (rest % 10) << UInt64(4 * i)
            rest /= 10
        }
        return packed
    }

    /// Whether two 8-digit forms differ by one substituted digit or one swap of adjacent digits.
    private static func oneDigitApart(_ a: UInt64, _ b: UInt64) -> Bool {
        var differing: [Int] = []
        for i in 0..<8 where (a >> UInt64(4 * i)) & 0xF != (b >> UInt64(4 * i)) & 0xF { differing.append(i) }
        if differing.count == 1 { return true }
        guard differing.count == 2, differing[1] == differing[0] + 1 else { return false }
        let i = UInt64(4 * differing[0]), j = UInt64(4 * differing[1])
        return (a >> i) & 0xF == (b >> j) & 0xF && (a >> j) & 0xF == (b >> i) & 0xF
    }
}
