import NexoKit
import NexoKitTesting
import Testing

/// A stored person's biographic record as the match engine reads it: the person's own document and address first,
/// then the document entities they hold, and the places they live or lived at, the current stay first.
@Suite struct StoredRecordTests {
    @Test func readsHeldDocumentsAndHomesMostRecentFirst() throws {
        let store = try MemoryStore()
        func add(_ kind: String, _ label: String, _ properties: [String: Value]) throws -> EntityID {
            try store.addEntity(EntityDraft(kind: kind, label: label, properties: properties), source: nil).id
        }
        let person = try add(
            CoreSchema.Kind.person, "Ana Pérez",
            [CoreSchema.Person.document: .string("01234567-8"), CoreSchema.Person.postcode: .string("1101")])
        let passport = try add(
            CoreSchema.Kind.document, "Passport",
            [CoreSchema.Document.number: .string("A7654321"), CoreSchema.Document.type: .string("passport")])
        let old = try add(
            CoreSchema.Kind.place, "Calle Arce 37",
            [CoreSchema.Place.type: .string("address"), CoreSchema.Place.postcode: .string("3301")])
        let now = try add(
            CoreSchema.Kind.place, "Avenida Roosevelt 9",
            [CoreSchema.Place.type: .string("address"), CoreSchema.Place.locality: .string("San Miguel")])
        let stranger = try add(CoreSchema.Kind.person, "Luis Díaz", [:])
        func link(_ kind: String, _ to: EntityID, from: CivilDate? = nil, until: CivilDate? = nil) throws {
            _ = try store.addEdge(
                EdgeDraft(kind: kind, from: person, to: to, validFrom: from, validTo: until), source: nil)
        }
        try link(
            CoreSchema.Edge.livesAt, old, from: CivilDate(year: 2015, month: 1, day: 1),
            until: CivilDate(year: 2020, month: 6, day: 30))
        try link(CoreSchema.Edge.holds, passport)
        try link(CoreSchema.Edge.livesAt, now, from: CivilDate(year: 2020, month: 7, day: 1))
        try link(CoreSchema.Edge.knows, stranger)

        let record = try #require(try BiographicRecord.stored(person, in: store))
        #expect(record.documents == ["01234567-8", "A7654321"])
        #expect(record.addresses.map(\.postcode) == ["1101", nil, "3301"])
        #expect(record.addresses.map(\.street) == [nil, "Avenida Roosevelt 9", "Calle Arce 37"])
        #expect(record.addresses[1].locality == "San Miguel")
        #expect(try BiographicRecord.stored(passport, in: store) == nil, "a document is no person")
    }
}
