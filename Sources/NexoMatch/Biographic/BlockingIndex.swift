/// One part of a blocking key.
public enum BlockingKey: Sendable, Hashable {
    /// Phonetic key of each surname (paternal, maternal, married) of each name and alias.
    case surnamePhonetic
    /// Phonetic key of the first given name of each name and alias.
    case givenPhonetic
    /// Phonetic key of every part (given names and surnames) of each name and alias, so that a
    /// given name written as a surname still meets its record.
    case anyNamePhonetic
    /// Year of birth.
    case birthYear
    /// Full date of birth (year, month, day as given).
    case birthDate
    /// The first `n` characters of each normalised document number.
    case documentPrefix(Int)
    /// The first `n` characters (all when 0) of an extra field's folded value.
    case extra(String, prefix: Int)
}

/// A blocking rule: records share a block when they agree on every part.
public struct BlockingRule: Sendable, Hashable {
    /// The parts, all of which must agree.
    public var parts: [BlockingKey]

    /// A rule from its parts.
    public init(_ parts: BlockingKey...) { self.parts = parts }

    /// The default rules for 1:N: surname sound and birth year; given-name and surname sound
    /// (for a wrong year); full date of birth (for a misspelt surname); document prefix.
    public static let defaults: [BlockingRule] = [
        BlockingRule(.surnamePhonetic, .birthYear), BlockingRule(.givenPhonetic, .surnamePhonetic),
        BlockingRule(.birthDate), BlockingRule(.documentPrefix(6)),
    ]

    /// The rules for finding duplicates within a store: the defaults, and the address — its postcode, the start
    /// of its street line (number and street), and its locality with the sound of the given name or of the surname.
    public static let deduplication: [BlockingRule] =
        defaults + [
            BlockingRule(.extra("postcode", prefix: 0)), BlockingRule(.extra("street", prefix: 8)),
            BlockingRule(.givenPhonetic, .extra("locality", prefix: 0)),
            BlockingRule(.surnamePhonetic, .extra("locality", prefix: 0)),
        ]
}

/// An index of a gallery by blocking keys, so that a probe is compared only with records that
/// share at least one key (Christen 2012, *Data Matching*, ch. 4). The union of several rules
/// keeps the pairs one rule misses; ``pairCompleteness(probes:truth:)`` measures how many true
/// pairs survive.
public struct BlockingIndex: Sendable {
    /// The rules.
    public let rules: [BlockingRule]
    /// Number of records indexed.
    public private(set) var count = 0
    private var blocks: [String: [Int32]] = [:]

    /// Indexes `records` under `rules`.
    public init(records: [ComparableRecord], rules: [BlockingRule] = BlockingRule.defaults) {
        self.rules = rules
        for record in records { insert(record) }
    }

    /// Adds a record; its index is the number of records before it.
    public mutating func insert(_ record: ComparableRecord) {
        let id = Int32(count)
        for key in keys(for: record) { blocks[key, default: []].append(id) }
        count += 1
    }

    /// Every key of a record under the rules (`0|ERNANDES|1994`), without repeats.
    public func keys(for record: ComparableRecord) -> [String] {
        var keys: Set<String> = []
        for (r, rule) in rules.enumerated() {
            var partial = [String(r)]
            for part in rule.parts {
                let values = Self.values(part, record)
                partial = partial.flatMap { prefix in values.map { prefix + "|" + $0 } }
                if partial.isEmpty { break }
            }
            keys.formUnion(partial)
        }
        return Array(keys)
    }

    /// Indexes of records sharing at least one key with `probe`, ascending.
    public func candidates(for probe: ComparableRecord) -> [Int] {
        var seen = Set<Int32>()
        for key in keys(for: probe) { if let ids = blocks[key] { seen.formUnion(ids) } }
        return seen.map(Int.init).sorted()
    }

    /// Every pair of indexed records that share a key, each once as `(i, j)` with `i < j`, from blocks of at most
    /// `maximumBlock` records (a key shared by more — a common surname sound born in one year, a large postcode —
    /// would make its pairs alone outnumber the rest); the keys left out come back with their sizes, largest first.
    public func pairs(maximumBlock: Int) -> (pairs: [(Int, Int)], skipped: [(key: String, size: Int)]) {
        var seen = Set<UInt64>()
        var pairs: [(Int, Int)] = []
        var skipped: [(key: String, size: Int)] = []
        for (key, members) in blocks where members.count > 1 {
            guard members.count <= maximumBlock else {
                skipped.append((key, members.count))
                continue
            }
            for x in members.indices {
                for y in members.indices where y > x {
                    let i = min(members[x], members[y]), j = max(members[x], members[y])
                    if i != j, seen.insert(UInt64(UInt32(i)) << 32 | UInt64(UInt32(j))).inserted {
                        pairs.append((Int(i), Int(j)))
                    }
                }
            }
        }
        pairs.sort { $0 < $1 }
        skipped.sort { $0.size != $1.size ? $0.size > $1.size : $0.key < $1.key }
        return (pairs, skipped)
    }

    /// Share of true pairs `(probe, record)` whose record is among the probe's candidates (1 when
    /// `truth` is empty).
    public func pairCompleteness(probes: [ComparableRecord], truth: [(probe: Int, record: Int)]) -> Double {
        guard !truth.isEmpty else { return 1 }
        var cache: [Int: Set<Int>] = [:]
        var found = 0
        for pair in truth {
            if cache[pair.probe] == nil { cache[pair.probe] = Set(candidates(for: probes[pair.probe])) }
            if cache[pair.probe]!.contains(pair.record) { found += 1 }
        }
        return Double(found) / Double(truth.count)
    }

    /// Sizes of the blocks, largest first (to spot keys that are too common).
    public var blockSizes: [Int] { blocks.values.map(\.count).sorted(by: >) }

    private static func values(_ key: BlockingKey, _ record: ComparableRecord) -> [String] {
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        switch key {
        case .surnamePhonetic:
            return unique(record.allNames.flatMap { $0.surnames.map { text($0.phonetic) } })
        case .givenPhonetic:
            return unique(
                record.allNames.compactMap { name in
                    name.givenNames.first.map {
                        text(SpanishPhonetic.key(folded: Array(($0.coreWords.first ?? "").utf8)))
                    }
                })
        case .anyNamePhonetic:
            return unique(
                record.allNames.flatMap { name in
                    name.parts.flatMap { part in
                        part.coreWords.map { text(SpanishPhonetic.key(folded: Array($0.utf8))) }
                    }
                })
        case .birthYear:
            return record.dateOfBirth.map { [String($0.year)] } ?? []
        case .birthDate:
            guard let d = record.dateOfBirth, d.month != nil, d.day != nil else { return [] }
            return [d.description]
        case .documentPrefix(let n):
            return unique(record.documents.filter { $0.count >= n }.map { text(Array($0.prefix(n))) })
        case .extra(let name, let n):
            guard let field = record.extras.first(where: { $0.name == name }), !field.folded.isEmpty else { return [] }
            return [text(n > 0 ? Array(field.folded.prefix(n)) : field.folded)]
        }
    }

    private static func unique(_ values: [String]) -> [String] {
        Array(Set(values.filter { !$0.isEmpty }))
    }
}
