import NexoKit

/// What ``StoreSession/nameWordCandidates(_:kind:limit:)`` found, and what it could not look at whole.
public struct NameWordCandidates: Sendable, Equatable {
    /// The entities found, those of the rarest words first.
    public var entities: [EntityID]
    /// Words of the name no stored name has (a misspelling, or a name new to the store).
    public var unknownWords: [String]
    /// Combinations of common words that more than `limit` entities share: only `limit` of them are in
    /// ``entities``, in id order (the date of birth, documents and postcode find the rest).
    public var truncated: [String]
}

/// People found by the words of their names (`name_words`, schema v13): the match engine's name candidates.
extension StoreSession {
    /// The most words of a name looked up.
    static let maxLookupWords = 12

    /// Entities of `kind` sharing words with `name` (folded into words as ``NameFolding/words(_:upperCased:)``
    /// folds them, words of two letters or more). A word at most `limit` entities have brings every one of them
    /// (rarest words first); words more common than that bring the entities that have two of them, or three when
    /// two are still shared by more than `limit` — at most `limit` per combination, the cut reported in
    /// ``NameWordCandidates/truncated``. A word of five letters or more that no name has stands for the words with
    /// its first four letters (a misspelling towards the end of a word), whole when they are rare, with the other
    /// common words when they are not.
    ///
    /// Each word is one range of the `name_words` index: no search reads the position lists of a common trigram.
    public func nameWordCandidates(_ name: String, kind: String, limit: Int) throws(NexoError) -> NameWordCandidates {
        try checkOpen()
        var words: [String] = []
        for word in NameFolding.words(name).split(separator: " ") where word.unicodeScalars.count >= 2 {
            if !words.contains(String(word)) { words.append(String(word)) }
            if words.count == Self.maxLookupWords { break }
        }
        var found = NameWordCandidates(entities: [], unknownWords: [], truncated: [])
        guard limit > 0 else { return found }
        var seen = Set<EntityID>()
        func add(_ ids: [EntityID]) { for id in ids where seen.insert(id).inserted { found.entities.append(id) } }
        var rare: [(key: WordKey, count: Int)] = []
        var common: [(key: WordKey, count: Int)] = []
        for word in words {
            var key = WordKey.word(word)
            var count = try names(with: key)
            if count == 0 {
                found.unknownWords.append(word)
                guard word.unicodeScalars.count >= 5 else { continue }
                key = .prefix(String(String.UnicodeScalarView(word.unicodeScalars.prefix(4))))
                count = try names(with: key)
                guard count > 0 else { continue }
            }
            if count <= limit { rare.append((key, count)) } else { common.append((key, count)) }
        }
        for (key, _) in rare.sorted(by: { $0.count < $1.count }) {
            add(try entities(kind: kind, having: [key], limit: limit))
        }
        // Common words together, driven by the rarer of them.
        common.sort { $0.count < $1.count }
        for i in common.indices {
            for j in common.indices where j > i {
                let pair = [common[i].key, common[j].key]
                let both = try entities(kind: kind, having: pair, limit: limit + 1)
                guard both.count > limit else {
                    add(both)
                    continue
                }
                var narrowed = false
                for k in common.indices where k > j {
                    let three = try entities(kind: kind, having: pair + [common[k].key], limit: limit + 1)
                    add(Array(three.prefix(limit)))
                    if three.count > limit {
                        found.truncated.append(
                            (pair + [common[k].key]).map(\.description).joined(separator: " "))
                    }
                    narrowed = true
                }
                if !narrowed {
                    add(Array(both.prefix(limit)))
                    found.truncated.append(pair.map(\.description).joined(separator: " "))
                }
            }
        }
        return found
    }

    /// A word of a name, or the start of one.
    enum WordKey: CustomStringConvertible {
        case word(String)
        case prefix(String)

        /// The range of `name_words.word` the key covers: `[low, high)`.
        var range: (low: String, high: String) {
            switch self {
            // Words hold letters, digits and apostrophes, all above U+0001: nothing sorts between a word and it.
            case .word(let word): (word, word + "\u{1}")
            case .prefix(let start): (start, start + "\u{10FFFF}")
            }
        }

        var description: String {
            switch self {
            case .word(let word): word
            case .prefix(let start): start + "…"
            }
        }
    }

    /// How many names (of any kind, visible or not) have a word in `key`'s range.
    private func names(with key: WordKey) throws(NexoError) -> Int {
        let range = key.range
        return Int(
            try connection.scalarInt(
                "SELECT count(*) FROM name_words WHERE word >= ?1 AND word < ?2", [.text(range.low), .text(range.high)])
                ?? 0)
    }

    /// Visible entities of `kind` with a word in each of `keys`' ranges, at most `limit`, driven by the first key
    /// (the rarest) in id order.
    private func entities(kind: String, having keys: [WordKey], limit: Int) throws(NexoError) -> [EntityID] {
        guard let first = keys.first else { return [] }
        let others = keys.dropFirst().enumerated().map { n, _ in
            """
            AND EXISTS (SELECT 1 FROM name_words o WHERE o.entity_id = w.entity_id \
            AND o.word >= ?\(5 + 2 * n) AND o.word < ?\(6 + 2 * n))
            """
        }
        let v = visible(.entities, "e", from: Int32(5 + 2 * (keys.count - 1)))
        return try connection.withStatement(
            """
            SELECT DISTINCT w.entity_id FROM name_words w CROSS JOIN entities e ON e.id = w.entity_id
            WHERE w.word >= ?1 AND w.word < ?2 AND e.kind = ?3 \(others.joined(separator: " ")) AND \(v.sql)
            LIMIT ?4
            """
        ) { s throws(NexoError) in
            s.bind(first.range.low, at: 1)
            s.bind(first.range.high, at: 2)
            s.bind(kind, at: 3)
            s.bind(Int64(limit), at: 4)
            for (n, key) in keys.dropFirst().enumerated() {
                s.bind(key.range.low, at: Int32(5 + 2 * n))
                s.bind(key.range.high, at: Int32(6 + 2 * n))
            }
            v.bind(to: s)
            var result: [EntityID] = []
            while try s.step() { result.append(EntityID(s.text(0))) }
            return result
        }
    }
}
