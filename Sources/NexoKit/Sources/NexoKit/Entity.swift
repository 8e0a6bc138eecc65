/// The id of a stored entity, e.g. `P-1042`. Ids are stable, never reused, and chosen by the
/// store (kind prefix plus a sequence number) unless the writer supplies one.
public struct EntityID: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id text.
    public let rawValue: String
    /// Wraps an id text.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// Wraps an id literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The id text.
    public var description: String { rawValue }
    /// Orders ids by prefix, then numerically by the trailing number (`P-9` before `P-10`).
    public static func < (a: EntityID, b: EntityID) -> Bool {
        // Read in place as UTF-8 (sorting thousands of search hits compares ids millions of times).
        var a = a.rawValue, b = b.rawValue
        let fast = a.withUTF8 { x in b.withUTF8 { y in ordered(x, y) } }
        return fast ?? (a < b)
    }

    /// Prefix, then number, then text; `nil` when only the text order can tell (equal prefixes and numbers, or a
    /// prefix that is not ASCII).
    private static func ordered(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        let (pa, na) = split(a), (pb, nb) = split(b)
        if !a[..<pa].elementsEqual(b[..<pb]) {
            guard a[..<pa].allSatisfy({ $0 < 0x80 }), b[..<pb].allSatisfy({ $0 < 0x80 }) else {
                return String(decoding: a[..<pa], as: UTF8.self) < String(decoding: b[..<pb], as: UTF8.self)
            }
            return a[..<pa].lexicographicallyPrecedes(b[..<pb])
        }
        if let na, let nb, na != nb { return na < nb }
        return nil
    }

    /// Where the trailing run of ASCII digits starts (the end when there is none or it is 19 digits or longer),
    /// and its value.
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int?) {
        var start = bytes.count
        while start > 0, (0x30...0x39).contains(bytes[start - 1]) { start -= 1 }
        let digits = bytes.count - start
        guard digits > 0, digits < 19 else { return (bytes.count, nil) }
        var value = 0
        for byte in bytes[start...] { value = value * 10 + Int(byte - 0x30) }
        return (start, value)
    }
}

/// The id of a stored edge.
public struct EdgeID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The store's row number of the edge.
    public let rawValue: Int64
    /// Wraps a row number.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    /// `E-<n>`.
    public var description: String { "E-\(rawValue)" }
    public static func < (a: EdgeID, b: EdgeID) -> Bool { a.rawValue < b.rawValue }
    /// Parses `E-<n>` or `<n>`.
    public init?(parsing text: String) {
        let digits = text.hasPrefix("E-") ? String(text.dropFirst(2)) : text
        guard let n = Int64(digits), n > 0 else { return nil }
        rawValue = n
    }
}

/// A stored entity: a person, group, phone, vehicle, place, crossing, payment, encounter…
public struct Entity: Sendable, Hashable {
    /// Stable id.
    public var id: EntityID
    /// Declared kind (see ``EntityKindSpec``).
    public var kind: String
    /// Display label (a name, a number, a plate); indexed for `find`.
    public var label: String
    /// Typed properties, validated against the kind's declaration.
    public var properties: [String: Value]
    /// Provenance of the entity's creation.
    public var provenance: Provenance?

    /// Creates an entity value.
    public init(
        id: EntityID, kind: String, label: String, properties: [String: Value] = [:],
        provenance: Provenance? = nil
    ) {
        self.id = id
        self.kind = kind
        self.label = label
        self.properties = properties
        self.provenance = provenance
    }

    /// A reference to this entity for result rows.
    public var ref: EntityRef { EntityRef(id: id, kind: kind, label: label) }
}

/// What a writer supplies to create an entity.
public struct EntityDraft: Sendable, Hashable {
    /// Id to use, or `nil` to let the store assign `<prefix>-<n>`.
    public var id: EntityID?
    /// Declared kind.
    public var kind: String
    /// Display label.
    public var label: String
    /// Properties, validated against the kind.
    public var properties: [String: Value]

    /// Creates a draft.
    public init(id: EntityID? = nil, kind: String, label: String, properties: [String: Value] = [:]) {
        self.id = id
        self.kind = kind
        self.label = label
        self.properties = properties
    }
}

/// A stored, directed, typed relation between two entities, with a validity period.
public struct Edge: Sendable, Hashable {
    /// Stable id.
    public var id: EdgeID
    /// Declared edge kind (see ``EdgeKindSpec``).
    public var kind: String
    /// Source entity.
    public var from: EntityID
    /// Target entity.
    public var to: EntityID
    /// Typed properties.
    public var properties: [String: Value]
    /// First day the relation held, if known.
    public var validFrom: CivilDate?
    /// Last day the relation held, if it ended.
    public var validTo: CivilDate?
    /// Confidence in the relation, 0...1.
    public var confidence: Double
    /// Provenance of the edge's creation.
    public var provenance: Provenance?

    /// Creates an edge value.
    public init(
        id: EdgeID, kind: String, from: EntityID, to: EntityID, properties: [String: Value] = [:],
        validFrom: CivilDate? = nil, validTo: CivilDate? = nil, confidence: Double = 1,
        provenance: Provenance? = nil
    ) {
        self.id = id
        self.kind = kind
        self.from = from
        self.to = to
        self.properties = properties
        self.validFrom = validFrom
        self.validTo = validTo
        self.confidence = confidence
        self.provenance = provenance
    }
}

/// What a writer supplies to create an edge.
public struct EdgeDraft: Sendable, Hashable {
    /// Declared edge kind.
    public var kind: String
    /// Source entity (must exist, of a kind the edge kind allows).
    public var from: EntityID
    /// Target entity (must exist, of a kind the edge kind allows).
    public var to: EntityID
    /// Typed properties.
    public var properties: [String: Value]
    /// First day the relation held.
    public var validFrom: CivilDate?
    /// Last day the relation held.
    public var validTo: CivilDate?
    /// Confidence, 0...1.
    public var confidence: Double

    /// Creates a draft.
    public init(
        kind: String, from: EntityID, to: EntityID, properties: [String: Value] = [:],
        validFrom: CivilDate? = nil, validTo: CivilDate? = nil, confidence: Double = 1
    ) {
        self.kind = kind
        self.from = from
        self.to = to
        self.properties = properties
        self.validFrom = validFrom
        self.validTo = validTo
        self.confidence = confidence
    }
}

/// Where a fact came from: the run that wrote it and the source that reported it.
public struct Provenance: Sendable, Hashable {
    /// The run (one executed writing command) that created the fact.
    public var run: RunInfo
    /// The graded source that reported it, if one was named.
    public var source: SourceInfo?

    /// Creates a provenance value.
    public init(run: RunInfo, source: SourceInfo?) {
        self.run = run
        self.source = source
    }
}

/// One executed writing command: who, when, in which case, what they typed, which plugin.
public struct RunInfo: Sendable, Hashable {
    /// Run number; also the store's data version after the run.
    public var id: Int64
    /// User who ran the command.
    public var user: String
    /// UTC time, ISO 8601 (`2026-11-29T04:57:40Z`).
    public var time: String
    /// Case the command ran in, if any.
    public var caseID: String?
    /// The command text as typed.
    public var command: String
    /// Plugin that implemented the command (`core` for built-ins).
    public var plugin: String
    /// Version of that plugin.
    public var pluginVersion: String
    /// The background job that made the run (`feed-1`), `nil` for a command the user ran.
    public var job: String?

    /// Creates a run value.
    public init(
        id: Int64, user: String, time: String, caseID: String?, command: String,
        plugin: String, pluginVersion: String, job: String? = nil
    ) {
        self.job = job
        self.id = id
        self.user = user
        self.time = time
        self.caseID = caseID
        self.command = command
        self.plugin = plugin
        self.pluginVersion = pluginVersion
    }
}

/// Reliability of a source, the admiralty scale's letter: A (completely reliable) to F (cannot be judged).
public enum SourceReliability: String, Sendable, Hashable, CaseIterable {
    case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F"

    /// The grade in words: `completely reliable` … `reliability cannot be judged`.
    public var meaning: String {
        switch self {
        case .a: "completely reliable"
        case .b: "usually reliable"
        case .c: "fairly reliable"
        case .d: "not usually reliable"
        case .e: "unreliable"
        case .f: "reliability cannot be judged"
        }
    }
}

/// Credibility of a report, the admiralty scale's digit: 1 (confirmed) to 6 (cannot be judged).
public enum InformationCredibility: Int, Sendable, Hashable, CaseIterable {
    case confirmed = 1, probablyTrue, possiblyTrue, doubtful, improbable, cannotBeJudged

    /// The grade in words: `confirmed by other sources` … `truth cannot be judged`.
    public var meaning: String {
        switch self {
        case .confirmed: "confirmed by other sources"
        case .probablyTrue: "probably true"
        case .possiblyTrue: "possibly true"
        case .doubtful: "doubtful"
        case .improbable: "improbable"
        case .cannotBeJudged: "truth cannot be judged"
        }
    }
}

/// A graded source of information.
public struct SourceInfo: Sendable, Hashable {
    /// Source id, e.g. `S-3`.
    public var id: EntityID
    /// Who or what reported (a unit, a register, an informant code name).
    public var description: String
    /// Reliability letter A–F.
    public var reliability: SourceReliability
    /// Credibility digit 1–6.
    public var credibility: InformationCredibility
    /// Where an imported source came from (its id and recording run in the store that exported it); `nil` for a
    /// source recorded here.
    public var origin: String?

    /// Creates a source value.
    public init(
        id: EntityID, description: String, reliability: SourceReliability,
        credibility: InformationCredibility, origin: String? = nil
    ) {
        self.id = id
        self.description = description
        self.reliability = reliability
        self.credibility = credibility
        self.origin = origin
    }

    /// The grading as investigators write it: `B2`.
    public var grading: String { "\(reliability.rawValue)\(credibility.rawValue)" }
}

/// A case: the unit of work and, later, of need-to-know.
public struct CaseInfo: Sendable, Hashable {
    /// Case id, e.g. `SV-2026-0141`.
    public var id: String
    /// Title.
    public var title: String
    /// Stated purpose of the investigation.
    public var purpose: String
    /// Whether the case is open.
    public var isOpen: Bool

    /// Creates a case value.
    public init(id: String, title: String, purpose: String, isOpen: Bool) {
        self.id = id
        self.title = title
        self.purpose = purpose
        self.isOpen = isOpen
    }
}
