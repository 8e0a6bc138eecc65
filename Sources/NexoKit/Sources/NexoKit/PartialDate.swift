/// A date that may be known only in part (year, or year and month), as records often give it: the type of a
/// person's `date_of_birth` (``ValueType/partialDate``) and of a probe's.
public struct PartialDate: Sendable, Hashable, CustomStringConvertible {
    /// The year.
    public var year: Int
    /// The month 1...12, when known.
    public var month: Int?
    /// The day 1...31, when known.
    public var day: Int?

    /// Creates a partial date.
    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (ASCII digits, years 1…9999, a month that exists, a day the
    /// month has); `nil` for anything else. ``parse(_:what:today:)`` says what is wrong instead.
    public init?(iso text: some StringProtocol) {
        guard let date = try? Self.parse(String(text), what: "date", today: nil, earliestYear: 1) else { return nil }
        self = date
    }

    /// A stored value of a ``ValueType/partialDate`` property: a whole date, or the text of a part of one.
    public init?(_ value: Value) {
        switch value {
        case .date(let date): self.init(year: date.year, month: date.month, day: date.day)
        case .string(let text): self.init(iso: text)
        default: return nil
        }
    }

    /// `1994`, `1994-03` or `1994-03-02`.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        var text = String(year)
        if let month { text += "-" + two(month) }
        if month != nil, let day { text += "-" + two(day) }
        return text
    }

    /// The whole date, when the day is known.
    public var civilDate: CivilDate? {
        guard let month, let day else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// How the store keeps it: a whole date as a date, a part of one as its text (`1994-03`).
    public var value: Value { civilDate.map(Value.date) ?? .string(description) }

    /// The days it may be: one day, a whole month or a whole year.
    public var period: DateRange? { DateRange(period: description) }

    /// The earliest year of birth taken: older records are not of living people.
    public static let earliestBirthYear = 1850

    /// `text` as a date that may be partial, or an error saying what is wrong with it, naming it as `what`
    /// (`date of birth`): not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; a year before `earliestYear`; a month or day that
    /// does not exist; after `today` (when given).
    public static func parse(
        _ text: String, what: String, today: CivilDate?, earliestYear: Int = earliestBirthYear
    ) throws(NexoError) -> PartialDate {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let numbers = parts.map { part in part.allSatisfy { $0.isASCII && $0.isNumber } ? Int(part) : nil }
        guard (1...3).contains(parts.count), numbers.allSatisfy({ $0 != nil }), parts[0].count == 4,
            parts.dropFirst().allSatisfy({ $0.count == 2 }), let year = numbers[0]
        else {
            throw NexoError(
                .usage, "\(what) '\(text)' is not YYYY-MM-DD, YYYY-MM or YYYY",
                hint: "e.g. 1994-03-02, or 1994-03 or 1994 when only part of it is known")
        }
        guard year >= earliestYear else {
            throw NexoError(
                .usage, "\(what) '\(text)': the year \(year) is before \(earliestYear)",
                hint: "give the year as the record has it, or leave the \(what) out")
        }
        let month = numbers.count > 1 ? numbers[1] : nil, day = numbers.count > 2 ? numbers[2] : nil
        if let month, !(1...12).contains(month) {
            throw NexoError(
                .usage, "\(what) '\(text)': there is no month \(month)", hint: "months run from 01 to 12")
        }
        let monthText = parts.count > 1 ? String(parts[1]) : ""
        if let month, let day, CivilDate(year: year, month: month, day: day) == nil {
            throw NexoError(
                .usage,
                "\(what) '\(text)' is not a date: \(year)-\(monthText) has "
                    + "\(CivilDate.daysIn(month: month, year: year)) days",
                hint: "check the day; a day not known is left out (\(year)-\(monthText))")
        }
        let date = PartialDate(year: year, month: month, day: day)
        if let today, let first = date.period?.lower, first > today {
            throw NexoError(
                .usage, "\(what) '\(text)' is in the future (today is \(today))",
                hint: "check the year; a \(what) not known is left out")
        }
        return date
    }
}
