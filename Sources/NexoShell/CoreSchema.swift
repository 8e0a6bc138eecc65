import NexoKit

/// The entity and edge kinds every Nexo store has, before any plugin adds its own.
public enum CoreSchema {
    /// Name under which the core's kinds and commands are registered and recorded.
    public static let owner = "core"
    /// Version recorded with writes made by built-in commands.
    public static let version = "0.1.0"

    /// The core's contribution to the shared schema.
    public static let contribution = SchemaContribution(
        entityKinds: [
            EntityKindSpec("person", idPrefix: "P", summary: "A natural person", properties: [
                PropertySpec("given_names", .string, summary: "Given names as written"),
                PropertySpec("surnames", .string, summary: "Surnames as written (paternal maternal)"),
                PropertySpec("date_of_birth", .date, summary: "Date of birth"),
                PropertySpec("sex", .oneOf(["F", "M", "X"]), summary: "Sex as recorded"),
                PropertySpec("nationality", .string, summary: "ISO 3166 alpha-2 country code"),
                PropertySpec("document", .string, summary: "Identity document number"),
                PropertySpec("protection", .oneOf(["asylum_seeker", "refugee"]),
                             summary: "International protection claimed or granted"),
                PropertySpec("fled_country", .string, summary: "ISO 3166 alpha-2 code of the country the person fled"),
            ]),
            EntityKindSpec("group", idPrefix: "G", summary: "A gang, clique, network or organisation", properties: [
                PropertySpec("type", .oneOf(["gang", "clique", "network", "organisation"]), summary: "What kind of group"),
                PropertySpec("founded", .date, summary: "When it was founded"),
            ]),
            EntityKindSpec("phone", idPrefix: "PH", summary: "A phone number or handset", properties: [
                PropertySpec("number", .string, summary: "E.164 number"),
                PropertySpec("imei", .string, summary: "Handset IMEI"),
            ]),
            EntityKindSpec("vehicle", idPrefix: "V", summary: "A vehicle", properties: [
                PropertySpec("plate", .string, summary: "Registration plate"),
                PropertySpec("make", .string, summary: "Make and model"),
                PropertySpec("colour", .string, summary: "Colour"),
            ]),
            EntityKindSpec("place", idPrefix: "PL", summary: "A place: country, department, municipality, colonia, address, border post", properties: [
                PropertySpec("type", .oneOf(["country", "department", "municipality", "colonia", "address", "border_post", "safe_house", "prison"]), summary: "What kind of place"),
                PropertySpec("country", .string, summary: "ISO 3166 alpha-2 country code"),
                PropertySpec("latitude", .double, summary: "WGS84 latitude"),
                PropertySpec("longitude", .double, summary: "WGS84 longitude"),
            ]),
            EntityKindSpec("crossing", idPrefix: "X", summary: "A border crossing event", properties: [
                PropertySpec("date", .date, summary: "Date of the crossing"),
                PropertySpec("direction", .oneOf(["entry", "exit"]), summary: "Entry or exit"),
            ]),
            EntityKindSpec("payment", idPrefix: "PAY", summary: "A payment", properties: [
                PropertySpec("amount", .double, summary: "Amount"),
                PropertySpec("currency", .string, summary: "ISO 4217 currency code"),
                PropertySpec("channel", .string, summary: "Cash, transfer, remittance agency, wallet"),
                PropertySpec("date", .date, summary: "Date paid"),
            ]),
            EntityKindSpec("encounter", idPrefix: "ENC", summary: "A person met at a border post or in custody", properties: [
                PropertySpec("date", .date, summary: "Date of the encounter"),
                PropertySpec("post", .string, summary: "Border post or unit"),
            ]),
        ],
        edgeKinds: [
            EdgeKindSpec("member_of", summary: "Person belongs to a group", from: ["person", "group"], to: ["group"],
                         properties: [PropertySpec("role", .string, summary: "Role in the group")]),
            EdgeKindSpec("uses_phone", summary: "Person uses a phone", from: ["person"], to: ["phone"]),
            EdgeKindSpec("called", summary: "One phone called another", from: ["phone"], to: ["phone"],
                         properties: [PropertySpec("calls", .int, summary: "Number of calls"),
                                      PropertySpec("seconds", .int, summary: "Total duration")]),
            EdgeKindSpec("owns", summary: "Person owns or drives a vehicle", from: ["person", "group"], to: ["vehicle", "phone", "place"]),
            EdgeKindSpec("located_in", summary: "Something is located in a place", to: ["place"]),
            EdgeKindSpec("knows", summary: "Two people know each other", from: ["person"], to: ["person"],
                         properties: [PropertySpec("relation", .string, summary: "family, friend, associate…")]),
            EdgeKindSpec("paid", summary: "A payer made a payment, or a payment reached a payee",
                         from: ["person", "group", "payment"], to: ["payment", "person", "group"]),
            EdgeKindSpec("crossed", summary: "A person made a crossing", from: ["person", "vehicle"], to: ["crossing"]),
            EdgeKindSpec("encountered", summary: "A person was met in an encounter", from: ["person"], to: ["encounter"]),
            EdgeKindSpec("related_to", summary: "Any other relation worth recording",
                         properties: [PropertySpec("relation", .string, summary: "What the relation is")]),
        ])
}
