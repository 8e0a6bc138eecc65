/// The entity and edge kinds every Nexo store has, before any plugin adds its own: declared once
/// here, read by the host, the plugins and the conformance kit.
///
/// Refer to kinds and properties through the constants (`CoreSchema.Kind.person`,
/// `CoreSchema.Person.dateOfBirth`), never as string literals, so a misspelt name does not compile.
public enum CoreSchema {
    /// Name under which the core's kinds and commands are registered and recorded.
    public static let owner = "core"
    /// Version recorded with writes made by built-in commands.
    public static let version = "0.1.0"

    /// The core's contribution to the shared schema.
    public static let contribution = SchemaContribution(
        entityKinds: [
            EntityKindSpec(
                Kind.person, idPrefix: "P", summary: "A natural person",
                properties: [
                    PropertySpec(Person.givenNames, .string, summary: "Given names as written"),
                    PropertySpec(Person.surnames, .string, summary: "Surnames as written (paternal maternal)"),
                    PropertySpec(
                        Person.dateOfBirth, .partialDate,
                        summary: "Date of birth, or the part known (1994-03, 1994)"),
                    PropertySpec(Person.sex, .oneOf(Sex.all), summary: "Sex as recorded"),
                    PropertySpec(Person.nationality, .string, summary: "ISO 3166 alpha-2 country code"),
                    PropertySpec(Person.document, .string, summary: "Identity document number"),
                    PropertySpec(Person.address, .string, summary: "Number and street where the person lives"),
                    PropertySpec(Person.locality, .string, summary: "Suburb, town or municipality of the address"),
                    PropertySpec(Person.postcode, .string, summary: "Postal code of the address"),
                    PropertySpec(Person.region, .string, summary: "State, department or province of the address"),
                    PropertySpec(
                        Person.protection, .oneOf(Protection.all),
                        summary: "International protection claimed or granted"),
                    PropertySpec(
                        Person.fledCountry, .string, summary: "ISO 3166 alpha-2 code of the country the person fled"),
                ]),
            EntityKindSpec(
                Kind.group, idPrefix: "G", summary: "A gang, clique, network or organisation",
                properties: [
                    PropertySpec(
                        Group.type, .oneOf(GroupType.all), summary: "What kind of group"
                    ),
                    PropertySpec(Group.founded, .date, summary: "When it was founded"),
                ]),
            EntityKindSpec(
                Kind.phone, idPrefix: "PH", summary: "A phone number or handset",
                properties: [
                    PropertySpec(Phone.number, .string, summary: "E.164 number"),
                    PropertySpec(Phone.imei, .string, summary: "Handset IMEI"),
                ]),
            EntityKindSpec(
                Kind.vehicle, idPrefix: "V", summary: "A vehicle",
                properties: [
                    PropertySpec(Vehicle.plate, .string, summary: "Registration plate"),
                    PropertySpec(Vehicle.make, .string, summary: "Make and model"),
                    PropertySpec(Vehicle.colour, .string, summary: "Colour"),
                ]),
            EntityKindSpec(
                Kind.place, idPrefix: "PL",
                summary: "A place: country, department, municipality, colonia, address, border post",
                properties: [
                    PropertySpec(
                        Place.type,
                        .oneOf(PlaceType.all), summary: "What kind of place"),
                    PropertySpec(Place.country, .string, summary: "ISO 3166 alpha-2 country code"),
                    PropertySpec(Place.latitude, .double, summary: "WGS84 latitude"),
                    PropertySpec(Place.longitude, .double, summary: "WGS84 longitude"),
                    PropertySpec(Place.street, .string, summary: "Number and street, for an address"),
                    PropertySpec(Place.locality, .string, summary: "Suburb, town or municipality, for an address"),
                    PropertySpec(Place.postcode, .string, summary: "Postal code, for an address"),
                    PropertySpec(Place.region, .string, summary: "State, department or province, for an address"),
                ]),
            EntityKindSpec(
                Kind.document, idPrefix: "DOC", summary: "An identity document: passport, national id card, permit",
                properties: [
                    PropertySpec(Document.type, .oneOf(DocumentType.all), summary: "What kind of document"),
                    PropertySpec(Document.number, .string, required: true, summary: "The number as printed"),
                    PropertySpec(Document.country, .string, summary: "ISO 3166 alpha-2 code of the issuing country"),
                    PropertySpec(Document.issued, .date, summary: "Date of issue"),
                    PropertySpec(Document.expires, .date, summary: "Date of expiry"),
                ]),
            EntityKindSpec(
                Kind.crossing, idPrefix: "X", summary: "A border crossing event",
                properties: [
                    PropertySpec(Crossing.date, .date, summary: "Date of the crossing"),
                    PropertySpec(Crossing.direction, .oneOf(Direction.all), summary: "Entry or exit"),
                ]),
            EntityKindSpec(
                Kind.payment, idPrefix: "PAY", summary: "A payment",
                properties: [
                    PropertySpec(Payment.amount, .double, summary: "Amount"),
                    PropertySpec(Payment.currency, .string, summary: "ISO 4217 currency code"),
                    PropertySpec(Payment.channel, .string, summary: "Cash, transfer, remittance agency, wallet"),
                    PropertySpec(Payment.date, .date, summary: "Date paid"),
                ]),
            EntityKindSpec(
                Kind.encounter, idPrefix: "ENC", summary: "A person met at a border post or in custody",
                properties: [
                    PropertySpec(Encounter.date, .date, summary: "Date of the encounter"),
                    PropertySpec(Encounter.post, .string, summary: "Border post or unit"),
                ]),
        ],
        edgeKinds: [
            EdgeKindSpec(
                Edge.memberOf, summary: "Person belongs to a group", from: [Kind.person, Kind.group], to: [Kind.group],
                properties: [PropertySpec(MemberOf.role, .string, summary: "Role in the group")]),
            EdgeKindSpec(Edge.usesPhone, summary: "Person uses a phone", from: [Kind.person], to: [Kind.phone]),
            EdgeKindSpec(
                Edge.called, summary: "One phone called another", from: [Kind.phone], to: [Kind.phone],
                properties: [
                    PropertySpec(Called.calls, .int, summary: "Number of calls"),
                    PropertySpec(Called.seconds, .int, summary: "Total duration"),
                ]),
            EdgeKindSpec(
                Edge.owns, summary: "Person owns or drives a vehicle", from: [Kind.person, Kind.group],
                to: [Kind.vehicle, Kind.phone, Kind.place]),
            EdgeKindSpec(Edge.locatedIn, summary: "Something is located in a place", to: [Kind.place]),
            EdgeKindSpec(
                Edge.knows, summary: "Two people know each other", from: [Kind.person], to: [Kind.person],
                properties: [PropertySpec(Knows.relation, .string, summary: "family, friend, associate…")]),
            EdgeKindSpec(
                Edge.paid, summary: "A payer made a payment, or a payment reached a payee",
                from: [Kind.person, Kind.group, Kind.payment], to: [Kind.payment, Kind.person, Kind.group]),
            EdgeKindSpec(
                Edge.crossed, summary: "A person made a crossing", from: [Kind.person, Kind.vehicle],
                to: [Kind.crossing]),
            EdgeKindSpec(
                Edge.encountered, summary: "A person was met in an encounter", from: [Kind.person], to: [Kind.encounter]
            ),
            EdgeKindSpec(
                Edge.holds, summary: "A person holds an identity document (the match engine compares its number)",
                from: [Kind.person], to: [Kind.document]),
            EdgeKindSpec(
                Edge.livesAt,
                summary: "A person lives or lived at an address (valid from/to: when; the match engine compares it)",
                from: [Kind.person], to: [Kind.place]),
            EdgeKindSpec(
                Edge.relatedTo, summary: "Any other relation worth recording",
                properties: [PropertySpec(RelatedTo.relation, .string, summary: "What the relation is")]),
        ])

    /// Names of the core entity kinds.
    public enum Kind {
        /// `person`.
        public static let person = "person"
        /// `group`.
        public static let group = "group"
        /// `phone`.
        public static let phone = "phone"
        /// `vehicle`.
        public static let vehicle = "vehicle"
        /// `place`.
        public static let place = "place"
        /// `crossing`.
        public static let crossing = "crossing"
        /// `payment`.
        public static let payment = "payment"
        /// `encounter`.
        public static let encounter = "encounter"
        /// `document`.
        public static let document = "document"
    }

    /// Names of the core edge kinds.
    public enum Edge {
        /// `member_of`.
        public static let memberOf = "member_of"
        /// `uses_phone`.
        public static let usesPhone = "uses_phone"
        /// `called`.
        public static let called = "called"
        /// `owns`.
        public static let owns = "owns"
        /// `located_in`.
        public static let locatedIn = "located_in"
        /// `knows`.
        public static let knows = "knows"
        /// `paid`.
        public static let paid = "paid"
        /// `crossed`.
        public static let crossed = "crossed"
        /// `encountered`.
        public static let encountered = "encountered"
        /// `related_to`.
        public static let relatedTo = "related_to"
        /// `holds`: person → document.
        public static let holds = "holds"
        /// `lives_at`: person → place (an address), with the dates as the edge's validity.
        public static let livesAt = "lives_at"
    }

    /// Property names of `person`.
    public enum Person {
        /// `given_names`.
        public static let givenNames = "given_names"
        /// `surnames`.
        public static let surnames = "surnames"
        /// `date_of_birth`.
        public static let dateOfBirth = "date_of_birth"
        /// `sex`.
        public static let sex = "sex"
        /// `nationality`.
        public static let nationality = "nationality"
        /// `document`.
        public static let document = "document"
        /// `address`: number and street.
        public static let address = "address"
        /// `locality`: suburb, town or municipality of the address.
        public static let locality = "locality"
        /// `postcode`: postal code of the address.
        public static let postcode = "postcode"
        /// `region`: state, department or province of the address.
        public static let region = "region"
        /// `protection`.
        public static let protection = "protection"
        /// `fled_country`.
        public static let fledCountry = "fled_country"
    }

    /// Property names of `group`.
    public enum Group {
        /// `type`.
        public static let type = "type"
        /// `founded`.
        public static let founded = "founded"
    }

    /// Property names of `phone`.
    public enum Phone {
        /// `number`.
        public static let number = "number"
        /// `imei`.
        public static let imei = "imei"
    }

    /// Property names of `vehicle`.
    public enum Vehicle {
        /// `plate`.
        public static let plate = "plate"
        /// `make`.
        public static let make = "make"
        /// `colour`.
        public static let colour = "colour"
    }

    /// Property names of `place`.
    public enum Place {
        /// `type`.
        public static let type = "type"
        /// `country`.
        public static let country = "country"
        /// `latitude`.
        public static let latitude = "latitude"
        /// `longitude`.
        public static let longitude = "longitude"
        /// `street`: number and street of an address.
        public static let street = "street"
        /// `locality`: suburb, town or municipality of an address.
        public static let locality = "locality"
        /// `postcode`: postal code of an address.
        public static let postcode = "postcode"
        /// `region`: state, department or province of an address.
        public static let region = "region"
    }

    /// Property names of `document`.
    public enum Document {
        /// `type` (``DocumentType``).
        public static let type = "type"
        /// `number`.
        public static let number = "number"
        /// `country`: ISO 3166 alpha-2 code of the issuer.
        public static let country = "country"
        /// `issued`.
        public static let issued = "issued"
        /// `expires`.
        public static let expires = "expires"
    }

    /// Values of `document.type`.
    public enum DocumentType {
        /// Every value.
        public static let all = [
            "passport", "national_id", "residence_permit", "visa", "driving_licence", "birth_certificate", "other",
        ]
    }

    /// Property names of `crossing`.
    public enum Crossing {
        /// `date`.
        public static let date = "date"
        /// `direction`.
        public static let direction = "direction"
    }

    /// Property names of `payment`.
    public enum Payment {
        /// `amount`.
        public static let amount = "amount"
        /// `currency`.
        public static let currency = "currency"
        /// `channel`.
        public static let channel = "channel"
        /// `date`.
        public static let date = "date"
    }

    /// Property names of `encounter`.
    public enum Encounter {
        /// `date`.
        public static let date = "date"
        /// `post`.
        public static let post = "post"
    }

    /// Property names of `memberOf`.
    public enum MemberOf {
        /// `role`.
        public static let role = "role"
    }

    /// Property names of `called`.
    public enum Called {
        /// `calls`.
        public static let calls = "calls"
        /// `seconds`.
        public static let seconds = "seconds"
    }

    /// Property names of `knows`.
    public enum Knows {
        /// `relation`.
        public static let relation = "relation"
    }

    /// Property names of `relatedTo`.
    public enum RelatedTo {
        /// `relation`.
        public static let relation = "relation"
    }

    /// Values of a group's `type`.
    public enum GroupType {
        /// `gang`: a gang (MS-13, a Barrio 18 faction).
        public static let gang = "gang"
        /// `clique`: a clique (clika) of a gang.
        public static let clique = "clique"
        /// `network`: a smuggling or trafficking network.
        public static let network = "network"
        /// `organisation`: any other organisation.
        public static let organisation = "organisation"
        /// Every value, in the order the schema lists them.
        public static let all = [gang, clique, network, organisation]
    }

    /// Values of a place's `type`.
    public enum PlaceType {
        /// `country`.
        public static let country = "country"
        /// `department` (a state in Mexico).
        public static let department = "department"
        /// `municipality`.
        public static let municipality = "municipality"
        /// `colonia`: a neighbourhood.
        public static let colonia = "colonia"
        /// `address`.
        public static let address = "address"
        /// `border_post`: where crossings and encounters are recorded.
        public static let borderPost = "border_post"
        /// `safe_house`.
        public static let safeHouse = "safe_house"
        /// `prison`.
        public static let prison = "prison"
        /// Every value, in the order the schema lists them.
        public static let all = [country, department, municipality, colonia, address, borderPost, safeHouse, prison]
    }

    /// Values of a person's `sex`.
    public enum Sex {
        /// Every value: `F`, `M`, `X`.
        public static let all = ["F", "M", "X"]
    }

    /// Values of a person's `protection`.
    public enum Protection {
        /// `asylum_seeker`: international protection claimed.
        public static let asylumSeeker = "asylum_seeker"
        /// `refugee`: international protection granted.
        public static let refugee = "refugee"
        /// Every value, in the order the schema lists them.
        public static let all = [asylumSeeker, refugee]
    }

    /// Values of a crossing's `direction`.
    public enum Direction {
        /// `entry`.
        public static let entry = "entry"
        /// `exit`.
        public static let exit = "exit"
        /// Every value, in the order the schema lists them.
        public static let all = [entry, exit]
    }
}
