/// A biometric modality the match engine compares.
public enum Modality: String, Sendable, Hashable, CaseIterable, Codable {
    /// Face embedding vectors (cosine similarity).
    case face
    /// Fingerprint minutiae templates.
    case finger
    /// Iris codes with masks (fractional Hamming distance).
    case iris
    /// Names, dates of birth, nationality, documents.
    case biographic
}

/// A face template: an embedding vector, compared by cosine similarity (the engine normalises
/// vectors to unit length when it enrols or searches them).
public struct FaceTemplate: Sendable, Hashable {
    /// Number of dimensions every face vector has.
    public static let dimensions = 512
    /// The embedding as captured.
    public var vector: [Float]

    /// Wraps `vector`; `nil` when it cannot be matched: the wrong size, a value that is not a
    /// finite normal number, all zeros, or a length that cannot be normalised
    /// (``defect(of:)`` says which).
    public init?(vector: [Float]) {
        guard Self.defect(of: vector) == nil else { return nil }
        self.vector = vector
    }

}

/// The kind of a minutia.
public enum MinutiaKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A ridge ending.
    case ending
    /// A ridge bifurcation.
    case bifurcation
    /// Other or unknown (ISO/ANSI type 0).
    case other
}

/// One minutia: a ridge ending or bifurcation at a position, with a direction.
public struct Minutia: Sendable, Hashable, Codable {
    /// Horizontal position in pixels from the left edge.
    public var x: Int
    /// Vertical position in pixels from the top edge.
    public var y: Int
    /// Ridge direction in degrees, 0..<360, counter-clockwise from the positive x axis.
    public var angle: Double
    /// Ending, bifurcation or other.
    public var kind: MinutiaKind
    /// Quality 0...100 (0 when unknown).
    public var quality: Int

    /// Creates a minutia.
    public init(x: Int, y: Int, angle: Double, kind: MinutiaKind, quality: Int) {
        self.x = x
        self.y = y
        self.angle = angle
        self.kind = kind
        self.quality = quality
    }
}

/// One finger's minutiae template.
public struct FingerTemplate: Sendable, Hashable, Codable {
    /// Finger position as in ISO/IEC 19794-2 and ANSI/NIST: 0 unknown, 1 right thumb … 5 right
    /// little, 6 left thumb … 10 left little.
    public var position: Int
    /// Image width in pixels.
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// Horizontal resolution in pixels per centimetre (197 ≈ 500 ppi).
    public var resolution: Int
    /// Finger quality 0...100.
    public var quality: Int
    /// The minutiae.
    public var minutiae: [Minutia]
    /// The extended data block of the view this template was read from (ridge counts, cores and
    /// deltas, vendor areas), as ISO/IEC 19794-2 and ANSI 378 records carry it: areas of a 2-byte
    /// type, a 2-byte length counting the 4-byte area header, then the data. Empty when none; kept
    /// so that a template exported again carries what it was imported with.
    public var extendedData: [UInt8]

    /// Creates a finger template.
    public init(
        position: Int, width: Int, height: Int, resolution: Int = 197, quality: Int = 0, minutiae: [Minutia],
        extendedData: [UInt8] = []
    ) {
        self.position = position
        self.width = width
        self.height = height
        self.resolution = resolution
        self.quality = quality
        self.minutiae = minutiae
        self.extendedData = extendedData
    }
}

/// An iris template: a 2048-bit code and a 2048-bit mask (1 = bit usable), as 32 words each.
public struct IrisTemplate: Sendable, Hashable {
    /// Bits per code.
    public static let bits = 2048
    /// Words per code.
    public static let words = bits / 64
    /// The code bits.
    public var code: [UInt64]
    /// The mask bits: 1 where the code bit is valid (not eyelid, lash or reflection).
    public var mask: [UInt64]

    /// Wraps a code and a mask; `nil` unless both have ``words`` words.
    public init?(code: [UInt64], mask: [UInt64]) {
        guard code.count == Self.words, mask.count == Self.words else { return nil }
        self.code = code
        self.mask = mask
    }
}

/// Where a person lives or lived, as registers record it: every part optional, compared part by part
/// (street by spelling, locality by spelling, postcode and region as codes).
public struct PostalAddress: Sendable, Hashable {
    /// Number and street, with any unit or building (`42 Kirkland Circuit, Unit 3`).
    public var street: String?
    /// Suburb, town, municipality or colonia.
    public var locality: String?
    /// Postal code as written.
    public var postcode: String?
    /// State, department or province.
    public var region: String?

    /// Creates an address; blank parts count as missing.
    public init(street: String? = nil, locality: String? = nil, postcode: String? = nil, region: String? = nil) {
        func kept(_ text: String?) -> String? { text.flatMap { $0.contains { !$0.isWhitespace } ? $0 : nil } }
        self.street = kept(street)
        self.locality = kept(locality)
        self.postcode = kept(postcode)
        self.region = kept(region)
    }

    /// Whether no part is known.
    public var isEmpty: Bool { street == nil && locality == nil && postcode == nil && region == nil }
}

/// Who a person says they are, or what a record says: the biographic part of a sample.
public struct BiographicRecord: Sendable, Hashable {
    /// The full name as written (`María José López Hernández de Ayala`).
    public var name: String
    /// The given names, when the record keeps them apart from the surnames (`María José`): the comparator then
    /// uses ``givenNames`` and ``surnames`` instead of parsing ``name``.
    public var givenNames: String?
    /// The surnames, when the record keeps them apart (`López Hernández de Ayala`).
    public var surnames: String?
    /// Other names: aliases, monikers, nicknames, names on other documents.
    public var otherNames: [String]
    /// Date of birth, whole or in part.
    public var dateOfBirth: PartialDate?
    /// `F`, `M` or `X`.
    public var sex: String?
    /// ISO 3166 alpha-2 nationality.
    public var nationality: String?
    /// Document numbers (passport, national id).
    public var documents: [String]
    /// Addresses, current first.
    public var addresses: [PostalAddress]

    /// Creates a record.
    public init(
        name: String, givenNames: String? = nil, surnames: String? = nil, otherNames: [String] = [],
        dateOfBirth: PartialDate? = nil, sex: String? = nil, nationality: String? = nil, documents: [String] = [],
        addresses: [PostalAddress] = []
    ) {
        self.name = name
        self.givenNames = givenNames
        self.surnames = surnames
        self.otherNames = otherNames
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.nationality = nationality
        self.documents = documents
        self.addresses = addresses.filter { !$0.isEmpty }
    }

    /// The record of a stored person (its label as the name, `given_names`, `surnames`, `date_of_birth`, `sex`,
    /// `nationality`, `document` and the address properties of ``CoreSchema/Person``) with its aliases, the
    /// `document` entities it holds (their numbers after its own `document`) and the address places it lives or
    /// lived at (`homes`, most recent first, after its own address); `nil` for an entity of another kind.
    public init?(person: Entity, aliases: [String], documents: [Entity] = [], homes: [Entity] = []) {
        guard person.kind == CoreSchema.Kind.person else { return nil }
        let p = person.properties
        func text(_ key: String) -> String? { p[key]?.stringValue }
        var numbers = text(CoreSchema.Person.document).map { [$0] } ?? []
        for document in documents where document.kind == CoreSchema.Kind.document {
            if let number = document.properties[CoreSchema.Document.number]?.stringValue, !numbers.contains(number) {
                numbers.append(number)
            }
        }
        let own = PostalAddress(
            street: text(CoreSchema.Person.address), locality: text(CoreSchema.Person.locality),
            postcode: text(CoreSchema.Person.postcode), region: text(CoreSchema.Person.region))
        let places = homes.filter { $0.kind == CoreSchema.Kind.place }.map { place in
            let q = place.properties
            let isAddress = q[CoreSchema.Place.type]?.stringValue == CoreSchema.PlaceType.address
            return PostalAddress(
                street: q[CoreSchema.Place.street]?.stringValue ?? (isAddress ? place.label : nil),
                locality: q[CoreSchema.Place.locality]?.stringValue,
                postcode: q[CoreSchema.Place.postcode]?.stringValue,
                region: q[CoreSchema.Place.region]?.stringValue)
        }
        self.init(
            name: person.label, givenNames: text(CoreSchema.Person.givenNames),
            surnames: text(CoreSchema.Person.surnames), otherNames: aliases,
            dateOfBirth: p[CoreSchema.Person.dateOfBirth].flatMap(PartialDate.init),
            sex: text(CoreSchema.Person.sex), nationality: text(CoreSchema.Person.nationality),
            documents: numbers, addresses: [own] + places)
    }

    /// The edge kinds whose targets a stored person's record reads: `holds` (documents) and `lives_at` (homes).
    public static let linkedKinds = [CoreSchema.Edge.holds, CoreSchema.Edge.livesAt]

    /// Splits the targets of a person's ``linkedKinds`` edges into documents and homes, homes most recent first
    /// (a current stay, with no end, before ended ones; later ends, then later starts, first).
    public static func linked(_ edges: [Edge], targets: [EntityID: Entity]) -> (documents: [Entity], homes: [Entity]) {
        let documents = edges.filter { $0.kind == CoreSchema.Edge.holds }.compactMap { targets[$0.to] }
        let stays = edges.filter { $0.kind == CoreSchema.Edge.livesAt }.sorted { a, b in
            switch (a.validTo, b.validTo) {
            case (nil, .some): return true
            case (.some, nil): return false
            case (.some(let x), .some(let y)) where x != y: return x > y
            default:
                return (a.validFrom ?? CivilDate(year: 1, month: 1, day: 1)!)
                    > (b.validFrom ?? CivilDate(year: 1, month: 1, day: 1)!)
            }
        }
        return (documents, stays.compactMap { targets[$0.to] })
    }

    /// The record of the stored person `id` as ``init(person:aliases:documents:homes:)`` reads it, or `nil` when
    /// `id` is no person.
    public static func stored(_ id: EntityID, in store: any GraphStoreAccess) throws(NexoError) -> BiographicRecord? {
        guard let person = try store.entity(id) else { return nil }
        let edges = try store.edges(EdgeQuery(entity: id, direction: .outgoing, kinds: linkedKinds))
        var targets: [EntityID: Entity] = [:]
        for entity in try store.entities(EntityQuery(ids: edges.map(\.to))) { targets[entity.id] = entity }
        let linked = Self.linked(edges, targets: targets)
        return BiographicRecord(
            person: person, aliases: try store.aliases(of: id), documents: linked.documents, homes: linked.homes)
    }
}

/// Everything captured of one person at one time: any subset of the modalities.
public struct BiometricSample: Sendable, Hashable {
    /// The face, if captured.
    public var face: FaceTemplate?
    /// Fingers captured (any number, at most one per position).
    public var fingers: [FingerTemplate]
    /// Irises captured (left and right, in any order).
    public var irises: [IrisTemplate]
    /// Biographic data given or read from a document.
    public var biographic: BiographicRecord?
    /// What was accepted with a flaw while the sample was read from exchange files, one line each
    /// naming the byte offset (`4 zero byte(s) of padding after the record, from offset 340`): for the user to see,
    /// never part of what is matched or stored.
    public var warnings: [String]

    /// Creates a sample.
    public init(
        face: FaceTemplate? = nil, fingers: [FingerTemplate] = [], irises: [IrisTemplate] = [],
        biographic: BiographicRecord? = nil, warnings: [String] = []
    ) {
        self.face = face
        self.fingers = fingers
        self.irises = irises
        self.biographic = biographic
        self.warnings = warnings
    }

    /// The modalities present.
    public var modalities: [Modality] {
        var result: [Modality] = []
        if face != nil { result.append(.face) }
        if !fingers.isEmpty { result.append(.finger) }
        if !irises.isEmpty { result.append(.iris) }
        if biographic != nil { result.append(.biographic) }
        return result
    }
}
