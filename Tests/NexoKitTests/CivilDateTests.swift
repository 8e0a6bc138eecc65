import NexoKit
import Testing

@Suite struct CivilDateTests {
    @Test func parsesISODates() {
        #expect(CivilDate(iso: "2026-03-14") == CivilDate(year: 2026, month: 3, day: 14))
        #expect(CivilDate(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(CivilDate(iso: "0001-01-01")?.description == "0001-01-01")
    }

    @Test(arguments: [
        "2026-3-14", "26-03-14", "2026-02-30", "2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10",
        "2026-01-00", "2026/01/01", "2026-01-01T00:00", "", "abcd-ef-gh", "0000-01-01",
    ])
    func refusesMalformedOrImpossibleDates(text: String) {
        #expect(CivilDate(iso: text) == nil)
    }

    @Test func refusesSignsAndNonASCIIDigits() {
        #expect(CivilDate(iso: "+026-01-01") == nil)
        #expect(CivilDate(iso: "2026-+1-01") == nil)
        #expect(CivilDate(iso: "２０２６-01-01") == nil)
        #expect(DateRange(period: "+026") == nil)
        #expect(DateRange(period: "2026-+1") == nil)
    }

    @Test func knowsLeapYears() {
        #expect(CivilDate.daysIn(month: 2, year: 2000) == 29)
        #expect(CivilDate.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilDate.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilDate.daysIn(month: 2, year: 2026) == 28)
        #expect(CivilDate.daysIn(month: 4, year: 2026) == 30)
        #expect(CivilDate.daysIn(month: 12, year: 2026) == 31)
    }

    @Test func daysSinceEpochRoundTripsEveryDayFrom1900To2100() throws {
        var expected = CivilDate(year: 1900, month: 1, day: 1)!.daysSinceEpoch
        #expect(expected == -25567)
        var previous: CivilDate?
        for year in 1900...2100 {
            for month in 1...12 {
                for day in 1...CivilDate.daysIn(month: month, year: year) {
                    let date = try #require(CivilDate(year: year, month: month, day: day))
                    let days = date.daysSinceEpoch
                    guard days == expected, CivilDate(daysSinceEpoch: days) == date,
                        CivilDate(iso: date.description) == date, previous.map({ $0 < date }) ?? true
                    else {
                        Issue.record("round trip broke at \(date): \(days) vs \(expected)")
                        return
                    }
                    previous = date
                    expected += 1
                }
            }
        }
        #expect(CivilDate(daysSinceEpoch: expected - 1).description == "2100-12-31")
    }

    @Test func arithmetic() {
        let date = CivilDate(year: 2024, month: 2, day: 28)!
        #expect(date.adding(days: 1).description == "2024-02-29")
        #expect(date.adding(days: 2).description == "2024-03-01")
        #expect(date.adding(days: -59).description == "2023-12-31")
        #expect(date.adding(days: 366).description == "2025-02-28")
        #expect(CivilDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CivilDate(daysSinceEpoch: -1).description == "1969-12-31")
    }

    @Test func ordersChronologically() {
        let dates = ["2026-01-02", "2025-12-31", "2026-01-01", "1999-06-30"].compactMap { CivilDate(iso: $0) }
        #expect(dates.sorted().map(\.description) == ["1999-06-30", "2025-12-31", "2026-01-01", "2026-01-02"])
    }
}

@Suite struct DateRangeTests {
    private func range(_ text: String) -> String? { DateRange(parsing: text)?.description }

    @Test func partialPeriodsExpandToWholeDays() {
        #expect(range("2026-01..2026-06") == "2026-01-01..2026-06-30")
        #expect(range("2024..2024") == "2024-01-01..2024-12-31")
        #expect(range("2024-02..2024-02") == "2024-02-01..2024-02-29")
        #expect(range("2023-02..2023-02") == "2023-02-01..2023-02-28")
        #expect(range("2026-03-14..2026-03-14") == "2026-03-14..2026-03-14")
    }

    @Test func openEnds() {
        #expect(range("2025-03-01..") == "2025-03-01..")
        #expect(range("..2024") == "..2024-12-31")
        let open = DateRange(parsing: "2025..")!
        #expect(open.upper == nil)
        #expect(open.contains(CivilDate(year: 9999, month: 12, day: 31)!))
        #expect(!open.contains(CivilDate(year: 2024, month: 12, day: 31)!))
    }

    @Test(arguments: [
        "..", "2026", "2026-01", "2026..2025", "2026-06..2026-01", "2026-13..", "..2026-02-30",
        "2026...2027", "2026..2027..2028", "26..27", "2026-1..2026-2", "a..b", "2026-01-01..2026-01-01x",
    ])
    func refusesMalformedRanges(text: String) {
        #expect(DateRange(parsing: text) == nil)
    }

    @Test func periods() {
        #expect(DateRange(period: "2026")?.description == "2026-01-01..2026-12-31")
        #expect(DateRange(period: "2026-02")?.description == "2026-02-01..2026-02-28")
        #expect(DateRange(period: "2026-02-03")?.description == "2026-02-03..2026-02-03")
        #expect(DateRange(period: "2026-2") == nil)
        #expect(DateRange(period: "2026-02-30") == nil)
    }

    @Test func containsAndOverlaps() {
        let spring = DateRange(parsing: "2026-03..2026-05")!
        #expect(spring.contains(CivilDate(iso: "2026-03-01")!))
        #expect(spring.contains(CivilDate(iso: "2026-05-31")!))
        #expect(!spring.contains(CivilDate(iso: "2026-06-01")!))
        #expect(spring.overlaps(from: CivilDate(iso: "2026-05-31"), to: nil))
        #expect(spring.overlaps(from: nil, to: CivilDate(iso: "2026-03-01")))
        #expect(spring.overlaps(from: nil, to: nil))
        #expect(!spring.overlaps(from: CivilDate(iso: "2026-06-01"), to: CivilDate(iso: "2026-07-01")))
        #expect(!spring.overlaps(from: nil, to: CivilDate(iso: "2026-02-28")))
        #expect(DateRange(lower: CivilDate(iso: "2026-02-01"), upper: CivilDate(iso: "2026-01-01")) == nil)
    }
}
