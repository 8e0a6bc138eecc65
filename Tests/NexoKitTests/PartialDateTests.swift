import NexoKit
import NexoKitTesting
import Testing

/// Dates known in part: parsed with the error that says what is wrong, stored as a date when whole and as text
/// when not, read back by the match engine's record of a stored person.
@Suite struct PartialDateTests {
    @Test func parsesWholeAndPartialDates() throws {
        #expect(PartialDate(iso: "1994") == PartialDate(year: 1994))
        #expect(PartialDate(iso: "1994-03") == PartialDate(year: 1994, month: 3))
        #expect(PartialDate(iso: "1994-03-02")?.civilDate == CivilDate(year: 1994, month: 3, day: 2))
        for bad in ["94", "1994-3", "1994-13", "1994-02-30", "1994-03-02-01", "", "１９９４", "1994-03-"] {
            #expect(PartialDate(iso: bad) == nil, "\(bad)")
        }
        #expect(PartialDate(iso: "1994-03")?.period?.description == DateRange(period: "1994-03")?.description)
    }

    @Test func errorsSayWhatIsWrong() {
        let today = CivilDate(year: 2026, month: 12, day: 7)
        for (text, message) in [
            ("1994-02-30", "date of birth '1994-02-30' is not a date: 1994-02 has 28 days"),
            ("1849-05", "date of birth '1849-05': the year 1849 is before 1850"),
            ("2026-12-08", "date of birth '2026-12-08' is in the future (today is 2026-12-07)"),
            ("2027", "date of birth '2027' is in the future (today is 2026-12-07)"),
            ("1994/03/02", "date of birth '1994/03/02' is not YYYY-MM-DD, YYYY-MM or YYYY"),
        ] {
            #expect(
                performing: { try PartialDate.parse(text, what: "date of birth", today: today) },
                throws: { ($0 as? NexoError)?.message == message })
        }
        #expect(throws: Never.self) { try PartialDate.parse("2026-12", what: "date of birth", today: today) }
    }

    @Test func storedAsADateWhenWholeAsTextWhenNotAndReadBack() throws {
        let spec = try #require(
            CoreSchema.contribution.entityKinds.first { $0.name == CoreSchema.Kind.person }?.properties.first {
                $0.name == CoreSchema.Person.dateOfBirth
            })
        #expect(spec.type == .partialDate)
        #expect(try spec.check(.string("1994-03"), of: "person") == .string("1994-03"))
        #expect(try spec.check(.string("1994-03-02"), of: "person") == .date(CivilDate(year: 1994, month: 3, day: 2)!))
        #expect(throws: NexoError.self) { try spec.check(.string("1994-02-30"), of: "person") }
        #expect(throws: NexoError.self) { try spec.check(.int(1994), of: "person") }

        let store = try MemoryStore()
        let person = try store.addEntity(
            EntityDraft(
                kind: CoreSchema.Kind.person, label: "Ana Pérez",
                properties: [CoreSchema.Person.dateOfBirth: .string("1994")]), source: nil)
        let stored = try #require(try store.entity(person.id))
        #expect(BiographicRecord(person: stored, aliases: [])?.dateOfBirth == PartialDate(year: 1994))
    }
}
