import NexoKit

/// A field beyond the standard biographic ones, compared by string similarity: an address line,
/// a place of birth, a postcode. Used for data sets that carry them (FEBRL's addresses); each has
/// its own Fellegi–Sunter model, keyed by ``name``.
public struct ExtraField: Sendable, Hashable {
    /// How the field's values compare.
    public enum Kind: String, Sendable, Hashable {
        /// Words: exact, close and similar spelling (Jaro–Winkler), one value containing the other.
        case text
        /// Codes and numbers: exact, or one edit (a typo or two adjacent characters swapped).
        case code
    }

    /// Field name (the model's key).
    public var name: String
    /// How it compares.
    public var kind: Kind
    /// The value as given.
    public var value: String
    /// Folded UTF-8 of the value (``NameFolding/words(_:upperCased:)``, upper case); empty when the value is missing.
    public let folded: [UInt8]

    /// Creates a field; an empty or blank value counts as missing.
    public init(name: String, kind: Kind, value: String) {
        self.name = name
        self.kind = kind
        self.value = value
        folded = Array(NameFolding.words(value, upperCased: true).utf8)
    }
}

/// A biographic record prepared for comparison: its names parsed, dates and documents
/// normalised, so that a gallery is prepared once and compared many times.
public struct ComparableRecord: Sendable, Hashable {
    /// The main name.
    public var name: PersonName
    /// Aliases and monikers, each compared as a name of its own.
    public var otherNames: [PersonName]
    /// Date of birth, whole or in part.
    public var dateOfBirth: PartialDate?
    /// `F`, `M` or `X`, folded.
    public var sex: String?
    /// ISO 3166 alpha-2 code, folded.
    public var nationality: String?
    /// Document numbers, normalised (``DocumentNumber/normalise(_:)``), empty ones dropped.
    public var documents: [[UInt8]]
    /// Extra fields.
    public var extras: [ExtraField]

    /// Prepares a record of the SDK: its given names and surnames as kept apart when it keeps them (else its name
    /// parsed), its first address as the extra fields ``addressFields`` names; `extras` adds fields it does not have.
    public init(_ record: BiographicRecord, extras: [ExtraField] = []) {
        let name: PersonName
        if record.givenNames != nil || record.surnames != nil {
            name = PersonName(given: record.givenNames ?? "", surnames: record.surnames ?? "")
        } else {
            name = PersonName.parse(record.name)
        }
        var fields = extras
        if let address = record.addresses.first {
            for (field, kind, value) in [
                ("street", ExtraField.Kind.text, address.street), ("locality", .text, address.locality),
                ("postcode", .code, address.postcode), ("region", .code, address.region),
            ] {
                if let value { fields.append(ExtraField(name: field, kind: kind, value: value)) }
            }
        }
        let main = name.isEmpty ? PersonName.parse(record.name) : name
        // A name written on one line may be read two ways: both are compared, the better reading counts.
        let structured = record.givenNames != nil || record.surnames != nil
        let readings = structured ? [] : main.otherReading.map { [$0] } ?? []
        self.init(
            name: main, otherNames: readings + record.otherNames.map(PersonName.parse),
            dateOfBirth: record.dateOfBirth, sex: record.sex,
            nationality: record.nationality, documents: record.documents, extras: fields)
    }

    /// The extra fields an address becomes, in order: street and locality compared as text, postcode and region
    /// as codes.
    public static let addressFields = ["street", "locality", "postcode", "region"]

    /// Prepares a record from parts already parsed.
    public init(
        name: PersonName, otherNames: [PersonName] = [], dateOfBirth: PartialDate? = nil, sex: String? = nil,
        nationality: String? = nil, documents: [String] = [], extras: [ExtraField] = []
    ) {
        self.name = name
        self.otherNames = otherNames.filter { !$0.isEmpty }
        self.dateOfBirth = dateOfBirth
        self.sex = sex.map { NameFolding.words($0, upperCased: true) }.flatMap { $0.isEmpty ? nil : $0 }
        self.nationality = nationality.map { NameFolding.words($0, upperCased: true) }.flatMap { $0.isEmpty ? nil : $0 }
        self.documents = documents.map(DocumentNumber.normalise).filter { !$0.isEmpty }
        self.extras = extras
    }

    /// The main name and the other names.
    public var allNames: [PersonName] { [name] + otherNames }
}

/// Document numbers as clerks copy them: separators, spaces and case do not matter.
public enum DocumentNumber {
    /// Letters and digits only, folded: `"04512-3 a"` → `"045123A"`.
    public static func normalise(_ text: String) -> [UInt8] {
        NameFolding.words(text, upperCased: true).utf8.filter { $0 != 0x20 }
    }

    /// Best agreement between two lists of normalised numbers: exact, close (one edit), similar
    /// (two edits on numbers of 8 or more characters) or disagree; missing when either list is empty.
    public static func compare(_ a: [[UInt8]], _ b: [[UInt8]]) -> FieldOutcome {
        guard !a.isEmpty, !b.isEmpty else { return FieldOutcome(field: "document", level: .missing, detail: "") }
        var best = MatchLevel.disagree
        var detail = ""
        for x in a {
            for y in b {
                let level: MatchLevel
                if x == y {
                    level = .exact
                } else {
                    let d = EditDistance.osa(x, y)
                    level = d == 1 ? .close : d == 2 && min(x.count, y.count) >= 8 ? .similar : .disagree
                }
                if level < best || detail.isEmpty {
                    best = min(best, level)
                    detail =
                        x == y
                        ? String(decoding: x, as: UTF8.self)
                        : String(decoding: x, as: UTF8.self) + " ~ " + String(decoding: y, as: UTF8.self)
                }
            }
        }
        return FieldOutcome(field: "document", level: best, detail: detail)
    }
}
