/// A calendar date without time zone (`2026-03-14`), as investigators write dates of birth,
/// membership periods and crossings. Ordered chronologically.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// Year, 1...9999.
    public let year: Int
    /// Month, 1...12.
    public let month: Int
    /// Day of month, 1...31 (checked against the month and leap years).
    public let day: Int

    /// Creates a date, or returns `nil` when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (ASCII digits only). Returns `nil` for any other text or an impossible date.
    public init?(iso text: some StringProtocol) {
        guard text.utf8.count == 10 else { return nil }
        let b = Array(text.utf8)
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = Int(b[i]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Whether every character is an ASCII digit (and there is at least one).
    static func isDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (48...57).contains($0) }
    }

    /// Number of days in `month` of `year` (Gregorian calendar).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), for arithmetic and compact storage.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An inclusive range of dates, open at either end: `2026-01..2026-06`, `2025-03-01..`, `..2024`.
public struct DateRange: Sendable, Hashable, CustomStringConvertible {
    /// First day in the range, or `nil` for "since forever".
    public let lower: CivilDate?
    /// Last day in the range, or `nil` for "until now and on".
    public let upper: CivilDate?

    /// Creates a range; returns `nil` when `lower` is after `upper`.
    public init?(lower: CivilDate?, upper: CivilDate?) {
        if let lower, let upper, lower > upper { return nil }
        self.lower = lower
        self.upper = upper
    }

    /// Whether `date` falls inside the range.
    public func contains(_ date: CivilDate) -> Bool {
        if let lower, date < lower { return false }
        if let upper, date > upper { return false }
        return true
    }

    /// Whether the validity interval `[from, to]` (either end open) overlaps this range.
    public func overlaps(from: CivilDate?, to: CivilDate?) -> Bool {
        if let upper, let from, from > upper { return false }
        if let lower, let to, to < lower { return false }
        return true
    }

    /// Parses `A..B` where each side is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and may be empty.
    /// A partial date on the left means its first day, on the right its last day.
    public init?(parsing text: some StringProtocol) {
        let chars = Array(text)
        guard let dot = chars.indices.dropLast().first(where: { chars[$0] == "." && chars[$0 + 1] == "." })
        else { return nil }
        let left = String(chars[..<dot])
        let right = String(chars[(dot + 2)...])
        if right.contains(".") { return nil }
        if left.isEmpty && right.isEmpty { return nil }
        let lower: CivilDate?
        let upper: CivilDate?
        if left.isEmpty {
            lower = nil
        } else {
            guard let period = DateRange(period: left) else { return nil }
            lower = period.lower
        }
        if right.isEmpty {
            upper = nil
        } else {
            guard let period = DateRange(period: right) else { return nil }
            upper = period.upper
        }
        self.init(lower: lower, upper: upper)
    }

    /// The whole period named by `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public init?(period text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
            parts.dropFirst().allSatisfy({ $0.count == 2 }), parts.allSatisfy({ CivilDate.isDigits($0) }),
            let year = Int(parts[0])
        else { return nil }
        switch parts.count {
        case 1:
            guard let a = CivilDate(year: year, month: 1, day: 1),
                let b = CivilDate(year: year, month: 12, day: 31)
            else { return nil }
            self.init(lower: a, upper: b)
        case 2:
            guard let month = Int(parts[1]), (1...12).contains(month),
                let a = CivilDate(year: year, month: month, day: 1),
                let b = CivilDate(
                    year: year, month: month,
                    day: CivilDate.daysIn(month: month, year: year))
            else { return nil }
            self.init(lower: a, upper: b)
        default:
            guard let d = CivilDate(iso: text) else { return nil }
            self.init(lower: d, upper: d)
        }
    }

    /// `lower..upper` with open ends left empty.
    public var description: String {
        "\(lower?.description ?? "")..\(upper?.description ?? "")"
    }
}
