import NexoKit

/// An entity tab completion offers, and the alias it was found by when its label did not match.
public struct EntityCompletion: Sendable, Hashable {
    /// The entity.
    public var entity: EntityRef
    /// The alias (a moniker) that matched the typed text, when the label did not; else `nil`.
    public var alias: String?

    /// Creates a completion.
    public init(entity: EntityRef, alias: String? = nil) {
        self.entity = entity
        self.alias = alias
    }
}

/// What ``StoreSession/entityCompletions(prefix:kind:limit:)`` found.
public struct EntityCompletions: Sendable, Hashable {
    /// The best matches, best first.
    public var entities: [EntityCompletion]
    /// How many more entities matched (counted up to ``StoreSession/completionCountLimit`` per way of matching).
    public var more: Int
}

/// Tab completion reads: entities by id and name, values stored in edge properties. Every read is
/// bounded (a few thousand index rows at most), so a TAB answers at once on a store of a million
/// entities; none writes.
extension StoreSession {
    /// How many matches completion counts at most per way of matching (id, name).
    public static let completionCountLimit = 1000

    /// Entities for the text typed at a TAB, best first: ids starting with `prefix` (in either case;
    /// numbers by value: `P-2` before `P-10`), then entities whose label starts with it, then those with
    /// an alias starting with it, a word of the label, a word of an alias — folded for case and accents,
    /// each in name order. At most `limit`, of `kind` (any when `nil`).
    public func entityCompletions(prefix: String, kind: String?, limit: Int) throws(NexoError) -> EntityCompletions {
        try checkOpen()
        guard limit > 0 else { return EntityCompletions(entities: [], more: 0) }
        let cap = Self.completionCountLimit
        let byID = try idCompletions(prefix, kind: kind, limit: limit, cap: cap)
        var seen = Set(byID.refs.map(\.id))
        var result = byID.refs.map { EntityCompletion(entity: $0) }
        var count = byID.count
        let query = NameFolding.foldQuery(prefix)
        if !query.isEmpty {
            let named = try nameCompletions(query, kind: kind, cap: cap)
            for completion in named.starting + named.containing where seen.insert(completion.entity.id).inserted {
                result.append(completion)
                count += 1
            }
        }
        let shown = Array(result.prefix(limit))
        return EntityCompletions(entities: shown, more: max(0, count - shown.count))
    }

    /// The distinct text values of `property` on edges of `kind` that start with `prefix` (in any case),
    /// sorted, at most `limit`: what completion offers for an option such as `gang members --role`. Reads at
    /// most `scan` edges of the kind, so on a large store a value only later edges hold may be missing.
    public func edgePropertyValues(kind: String, property: String, prefix: String, limit: Int, scan: Int = 20_000)
        throws(NexoError) -> [String]
    {
        try checkOpen()
        guard limit > 0 else { return [] }
        // Property names are words: anything else names no property (and would not be a JSON path).
        guard !property.isEmpty, property.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            return []
        }
        let path = "$.\"" + property + "\""
        let v = visible(.edges, "ed", from: 4)
        var values = Set<String>()
        try connection.withStatement(
            """
            SELECT DISTINCT json_extract(props, ?2) AS value FROM (
                SELECT ed.props FROM edges ed WHERE ed.kind = ?1 AND \(v.sql) LIMIT ?3)
            WHERE typeof(value) = 'text'
            """
        ) { s throws(NexoError) in
            s.bind(kind, at: 1)
            s.bind(path, at: 2)
            s.bind(Int64(scan), at: 3)
            v.bind(to: s)
            while try s.step() { values.insert(s.text(0)) }
        }
        let folded = NameFolding.fold(prefix)
        return Array(values.filter { NameFolding.fold($0).hasPrefix(folded) }.sorted().prefix(limit))
    }

    // MARK: Ids

    /// Entities whose id starts with `prefix` (as typed, or upper-cased), in id order (numbers by value), at
    /// most `limit`, and how many there are (counted up to `cap`).
    ///
    /// Ordering a large range by number in SQL sorts all of it (`P-` is every person); instead the ids are
    /// probed by value, `P-1`…`P-9`, then `P-10`…`P-99`…, until `limit` are found, and only ids of another
    /// form are read in text order (at most a few hundred).
    private func idCompletions(_ prefix: String, kind: String?, limit: Int, cap: Int) throws(NexoError) -> (
        refs: [EntityRef], count: Int
    ) {
        var refs: [EntityRef] = []
        var seen = Set<EntityID>()
        var count = 0
        var variants = prefix.uppercased() == prefix ? [prefix] : [prefix, prefix.uppercased()]
        // A kind's ids start with its prefix and a dash: what is typed of that is read as all of it, so a kind
        // with few entities is not looked for among every id (`gang members <TAB>`: G-, not from the first id on).
        if let kind, let idPrefix = schema.entityKinds[kind]?.idPrefix, (idPrefix + "-").hasPrefix(prefix.uppercased())
        {
            variants = [idPrefix + "-"]
        }
        for variant in variants {
            let inRange = try idRange(variant, kind: kind, limit: cap)
            count += inRange.count
            guard !inRange.isEmpty else { continue }
            var found: [EntityRef]
            if inRange.count < cap {
                found = inRange.sorted { Self.idPrecedes($0.id.rawValue, $1.id.rawValue) }
            } else {
                found = try idsByNumber(variant, kind: kind, limit: limit)
                if found.count < limit {
                    found += try idRange(variant, kind: kind, limit: 500).sorted {
                        Self.idPrecedes($0.id.rawValue, $1.id.rawValue)
                    }
                }
            }
            for ref in found where seen.insert(ref.id).inserted { refs.append(ref) }
        }
        return (Array(refs.sorted { Self.idPrecedes($0.id.rawValue, $1.id.rawValue) }.prefix(limit)), count)
    }

    /// Entities whose id starts with `prefix`, in text order, at most `limit`.
    private func idRange(_ prefix: String, kind: String?, limit: Int) throws(NexoError) -> [EntityRef] {
        let v = visible(.entities, "e", from: 5)
        return try connection.withStatement(
            """
            SELECT e.id, e.kind, e.label FROM entities e
            WHERE e.id >= ?1 AND e.id < ?2 AND (?3 IS NULL OR e.kind = ?3) AND \(v.sql) LIMIT ?4
            """
        ) { s throws(NexoError) in
            s.bind(prefix, at: 1)
            s.bind(prefix + "\u{10FFFF}", at: 2)
            s.bind(kind, at: 3)
            s.bind(Int64(limit), at: 4)
            v.bind(to: s)
            var refs: [EntityRef] = []
            while try s.step() { refs.append(EntityRef(id: EntityID(s.text(0)), kind: s.text(1), label: s.text(2))) }
            return refs
        }
    }

    /// For a prefix `STEM-DIGITS` (digits may be none; `STEM` alone stands for `STEM-`): the ids `STEM-n` that
    /// exist, n by value from the smallest that starts with the digits, at most `limit`, probing at most a few
    /// thousand ids.
    private func idsByNumber(_ prefix: String, kind: String?, limit: Int) throws(NexoError) -> [EntityRef] {
        let digits = String(prefix.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
        var stem = String(prefix.dropLast(digits.count))
        // `G` is most often the start of `G-`.
        if digits.isEmpty, !stem.isEmpty, stem.allSatisfy({ $0.isASCII && $0.isLetter }) { stem += "-" }
        // Ids are a kind's prefix, a dash and a number (`PL-12`); the probes are written as a JSON array of them.
        guard stem.hasSuffix("-"), stem.dropLast().allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            !digits.hasPrefix("0"), digits.count <= 15
        else { return [] }
        let start = Int(digits) ?? 0
        var refs: [EntityRef] = []
        var probed = 0
        // The numbers starting with the digits and `extra` digits more: [start·10^extra, (start+1)·10^extra).
        var extra = digits.isEmpty ? 1 : 0
        while refs.count < limit, probed < 5_000, extra + digits.count <= 18 {
            var scale = 1
            for _ in 0..<extra { scale *= 10 }
            let low = digits.isEmpty ? scale / 10 : start * scale
            let high = digits.isEmpty ? scale : (start + 1) * scale
            guard high - low <= 5_000 - probed else { break }
            probed += high - low
            let ids = (low..<high).map { "\"\(stem)\($0)\"" }.joined(separator: ",")
            let v = visible(.entities, "e", from: 3)
            let batch = try connection.withStatement(
                """
                SELECT e.id, e.kind, e.label FROM entities e
                WHERE e.id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR e.kind = ?2) AND \(v.sql)
                """
            ) { s throws(NexoError) in
                s.bind("[" + ids + "]", at: 1)
                s.bind(kind, at: 2)
                v.bind(to: s)
                var refs: [EntityRef] = []
                while try s.step() {
                    refs.append(EntityRef(id: EntityID(s.text(0)), kind: s.text(1), label: s.text(2)))
                }
                return refs
            }
            refs += batch.sorted { Self.idPrecedes($0.id.rawValue, $1.id.rawValue) }
            extra += 1
        }
        return Array(refs.prefix(limit))
    }

    /// Whether id `a` comes before `b` in id order: by the text before the trailing digits, then by
    /// their value, then by the text (the order of ``entityOrder``).
    static func idPrecedes(_ a: String, _ b: String) -> Bool {
        func split(_ id: String) -> (stem: Substring, number: Substring) {
            let digits = id.reversed().prefix { $0.isASCII && $0.isNumber }.count
            let stem = id.dropLast(digits)
            let number = id.suffix(digits).drop { $0 == "0" }
            return (stem, number)
        }
        let x = split(a), y = split(b)
        if x.stem != y.stem { return x.stem < y.stem }
        if x.number.count != y.number.count { return x.number.count < y.number.count }
        if x.number != y.number { return x.number < y.number }
        return a < b
    }

    // MARK: Names

    /// Entities whose label starts with `query` (already folded), in name order; and the others: an alias starting
    /// with it, then a word of the label, then a word of an alias, each in name order. At most `cap` names read
    /// each way.
    private func nameCompletions(_ query: String, kind: String?, cap: Int) throws(NexoError) -> (
        starting: [EntityCompletion], containing: [EntityCompletion]
    ) {
        var names: [(row: Int64, ref: EntityRef, name: String)] = []
        let words = NameFolding.words(query)
        if !words.isEmpty, !words.contains(" "), !query.contains(" ") {
            // One word: one range of the word index finds both.
            let v = visible(.entities, "e", from: 5)
            try connection.withStatement(
                """
                SELECT w.name_row, e.id, e.kind, e.label,
                    CASE WHEN w.name_row % 2 = 1 THEN (SELECT alias FROM aliases WHERE id = (w.name_row - 1) / 2) END
                FROM (SELECT DISTINCT name_row, entity_id FROM name_words WHERE word >= ?1 AND word < ?2 LIMIT ?3) w
                JOIN entities e ON e.id = w.entity_id
                WHERE (?4 IS NULL OR e.kind = ?4) AND \(v.sql)
                """
            ) { s throws(NexoError) in
                s.bind(words, at: 1)
                s.bind(words + "\u{10FFFF}", at: 2)
                s.bind(Int64(cap), at: 3)
                s.bind(kind, at: 4)
                v.bind(to: s)
                while try s.step() {
                    let ref = EntityRef(id: EntityID(s.text(1)), kind: s.text(2), label: s.text(3))
                    names.append((s.int64(0), ref, s.optionalText(4) ?? ref.label))
                }
            }
        } else if query.unicodeScalars.count >= 3 {
            // Several words: the trigram index, for names starting with the text, then for names containing it.
            for (condition, pattern) in [
                ("names.folded GLOB ?1", Self.globLiteral(query) + "*"),
                ("names MATCH ?1", Self.ftsString(Self.phrase(query))),
            ] {
                let v = visible(.entities, "e", from: 4)
                try connection.withStatement(
                    """
                    SELECT names.rowid, e.id, e.kind, e.label, names.name FROM names
                    JOIN entities e ON e.id = names.entity_id
                    WHERE \(condition) AND (?2 IS NULL OR e.kind = ?2) AND \(v.sql) LIMIT ?3
                    """
                ) { s throws(NexoError) in
                    s.bind(pattern, at: 1)
                    s.bind(kind, at: 2)
                    s.bind(Int64(cap), at: 3)
                    v.bind(to: s)
                    while try s.step() {
                        let ref = EntityRef(id: EntityID(s.text(1)), kind: s.text(2), label: s.text(3))
                        names.append((s.int64(0), ref, s.text(4)))
                    }
                }
            }
        }
        // The best way each entity matched: its label starting with the text, an alias starting with it, a word of
        // its label, a word of an alias.
        var best: [EntityID: (rank: Int, folded: String, completion: EntityCompletion)] = [:]
        for (row, ref, name) in names {
            let folded = NameFolding.fold(name)
            let isAlias = row % 2 == 1
            let rank: Int
            if folded.hasPrefix(query) {
                rank = isAlias ? 1 : 0
            } else if Self.hasWord(startingWith: query, in: folded) {
                rank = isAlias ? 3 : 2
            } else {
                continue
            }
            if let existing = best[ref.id], existing.rank <= rank { continue }
            best[ref.id] = (rank, folded, EntityCompletion(entity: ref, alias: isAlias ? name : nil))
        }
        let ordered = best.values.sorted {
            ($0.rank, $0.folded, $0.completion.entity.id) < ($1.rank, $1.folded, $1.completion.entity.id)
        }
        return (ordered.filter { $0.rank == 0 }.map(\.completion), ordered.filter { $0.rank > 0 }.map(\.completion))
    }

    /// Whether `query` occurs in `folded` at the start of a word (after a character that is not a
    /// letter, a digit or an apostrophe).
    static func hasWord(startingWith query: String, in folded: String) -> Bool {
        let text = Array(folded), word = Array(query)
        guard !word.isEmpty, word.count <= text.count else { return false }
        for start in 0...(text.count - word.count) where text[start..<start + word.count].elementsEqual(word) {
            if start == 0 { return true }
            let previous = text[start - 1]
            if !(previous.isLetter || previous.isNumber || previous == "'") { return true }
        }
        return false
    }
}
