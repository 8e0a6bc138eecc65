import NexoKit
import NexoText

/// Name search (`find`) and tab completion over the `names` trigram index.
extension StoreSession {
    /// ``search(_:kind:limit:scan:)`` with the default scan.
    public func search(_ text: String, kind: String?, limit: Int) throws(NexoError) -> [SearchHit] {
        try search(text, kind: kind, limit: limit, scan: nil)
    }

    /// Entities whose label or alias contains `text` — or, for several words, every word in any
    /// order (`jose hernandez` finds "José Luis Hernández") — folded for case and Latin accents,
    /// best first: exact name, then prefix, then the whole text as a substring, then all words,
    /// each ordered by bm25; ties by id. Texts of one or two characters use a prefix scan
    /// (trigrams need three); words shorter than three characters filter the trigram matches.
    ///
    /// The text is passed to FTS5 as one quoted string (inner quotes doubled), so query syntax in
    /// it (`OR`, `*`, `NEAR(`, quotes) is searched for literally and cannot change the query.
    ///
    /// A text longer than a name may be (``TextRules/maxNameCharacters``) is refused: no name
    /// can contain it. The work per name is bounded whatever the text (see ``maxPhraseCharacters``).
    ///
    /// `scan`, when given, ranks only the first `scan` index matches in index order instead of every match by
    /// bm25 (by default: the best twenty per hit wanted, at least 10,000): the match engine, which compares every
    /// candidate anyway and finds people by date of birth and postcode too, reads no more than that.
    public func search(_ text: String, kind: String?, limit: Int, scan: Int?) throws(NexoError) -> [SearchHit] {
        try checkOpen()
        if let kind { _ = try tables.entityKind(kind) }
        let query = NameFolding.foldQuery(text)
        guard !query.isEmpty, limit > 0 else { return [] }
        let length = Self.trimmed(text).unicodeScalars.count
        if length > TextRules.maxNameCharacters {
            throw NexoError(
                .usage, "search text is \(length) characters long; the limit is \(TextRules.maxNameCharacters)",
                hint: "search for a part of the name: names are at most \(TextRules.maxNameCharacters) characters")
        }
        var best: [String: SearchHit] = [:]
        try nameMatches(query, kind: kind, cap: scan ?? max(limit * 20, 10_000), ranked: scan == nil) {
            ref, name, folded, bm25 in
            let tier: Double = folded == query ? 4 : folded.hasPrefix(query) ? 3 : folded.containsText(query) ? 2 : 1
            let strength = max(0, -bm25)
            let score = tier + strength / (1 + strength)
            if let existing = best[ref.id.rawValue], existing.score >= score { return }
            best[ref.id.rawValue] = SearchHit(entity: ref, matched: name, score: score)
        }
        return Self.best(limit, of: best.values)
    }

    /// The first `limit` hits in rank order (score, then id), without sorting them all: a common name matches
    /// thousands of people and the caller wants the best few hundred.
    static func best(_ limit: Int, of hits: some Collection<SearchHit>) -> [SearchHit] {
        func before(_ a: SearchHit, _ b: SearchHit) -> Bool {
            a.score != b.score ? a.score > b.score : a.entity.id < b.entity.id
        }
        guard hits.count > limit * 4 else { return Array(hits.sorted(by: before).prefix(limit)) }
        var kept: [SearchHit] = []
        kept.reserveCapacity(limit + 1)
        for hit in hits {
            if kept.count == limit, let last = kept.last, !before(hit, last) { continue }
            var lo = 0, hi = kept.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if before(kept[mid], hit) { lo = mid + 1 } else { hi = mid }
            }
            kept.insert(hit, at: lo)
            if kept.count > limit { kept.removeLast() }
        }
        return kept
    }

    // MARK: Helpers

    /// The longest text one FTS5 phrase carries. The index evaluates a phrase of n trigrams
    /// against every position of the name's trigrams, so its work and memory grow as query length ×
    /// name length; a longer word is looked up by its first `maxPhraseCharacters` characters and
    /// then checked whole against the folded name (a linear substring search).
    static let maxPhraseCharacters = 32

    /// Calls `body` for each name row matching `query` (already folded): trigram MATCH for three or
    /// more characters, else a prefix scan. Rows come best bm25 first, at most `cap` — or, not `ranked`, the first
    /// `cap` in index order, without scoring every match (a common word matches much of a large store).
    func nameMatches(
        _ query: String, kind: String?, cap: Int, ranked: Bool = true,
        _ body: (EntityRef, _ name: String, _ folded: String, _ bm25: Double) -> Void
    ) throws(NexoError) {
        let v = visible(.entities, "e", from: 4)
        let sql: String
        let pattern: String
        let order = ranked ? "ORDER BY bm25(names)" : ""
        let words = query.split(whereSeparator: \.isWhitespace).map(String.init)
        let long = words.filter { $0.unicodeScalars.count >= 3 }
        if !long.isEmpty {
            let checked = words.filter {
                $0.unicodeScalars.count < 3 || $0.unicodeScalars.count > Self.maxPhraseCharacters
            }
            // Every long word through the trigram index (FTS5 ANDs adjacent strings); short words,
            // and words longer than a phrase, must appear in the folded name too.
            sql = """
                SELECT e.id, e.kind, e.label, names.name, names.folded, bm25(names) FROM names
                JOIN entities e ON e.id = names.entity_id
                WHERE names MATCH ?1 AND (?2 IS NULL OR e.kind = ?2) AND \(v.sql) \(order) LIMIT ?3
                """
            pattern = long.map { Self.ftsString(Self.phrase($0)) }.joined(separator: " ")
            try connection.withStatement(sql) { s throws(NexoError) in
                s.bind(pattern, at: 1)
                s.bind(kind, at: 2)
                s.bind(Int64(cap), at: 3)
                v.bind(to: s)
                while try s.step() {
                    let folded = s.text(4)
                    guard checked.allSatisfy({ folded.containsText($0) }) else { continue }
                    body(
                        EntityRef(id: EntityID(s.text(0)), kind: s.text(1), label: s.text(2)), s.text(3), folded,
                        s.double(5))
                }
            }
            return
        } else if query.unicodeScalars.count >= 3 {
            sql = """
                SELECT e.id, e.kind, e.label, names.name, names.folded, bm25(names) FROM names
                JOIN entities e ON e.id = names.entity_id
                WHERE names MATCH ?1 AND (?2 IS NULL OR e.kind = ?2) AND \(v.sql) \(order) LIMIT ?3
                """
            pattern = Self.ftsString(Self.phrase(query))
        } else {
            sql = """
                SELECT e.id, e.kind, e.label, names.name, names.folded, 0.0 FROM names
                JOIN entities e ON e.id = names.entity_id
                WHERE names.folded GLOB ?1 AND (?2 IS NULL OR e.kind = ?2) AND \(v.sql) LIMIT ?3
                """
            pattern = Self.globLiteral(query) + "*"
        }
        try connection.withStatement(sql) { s throws(NexoError) in
            s.bind(pattern, at: 1)
            s.bind(kind, at: 2)
            s.bind(Int64(cap), at: 3)
            v.bind(to: s)
            let whole = query.unicodeScalars.count > Self.maxPhraseCharacters
            while try s.step() {
                let folded = s.text(4)
                if whole && !folded.containsText(query) { continue }
                body(
                    EntityRef(id: EntityID(s.text(0)), kind: s.text(1), label: s.text(2)), s.text(3), folded,
                    s.double(5))
            }
        }
    }

    /// `text` without leading and trailing white space.
    static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// The part of a folded word the trigram index looks up: its first ``maxPhraseCharacters``.
    static func phrase(_ word: String) -> String {
        word.unicodeScalars.count > maxPhraseCharacters
            ? String(String.UnicodeScalarView(word.unicodeScalars.prefix(maxPhraseCharacters))) : word
    }

    /// `text` as one FTS5 string literal: wrapped in double quotes, inner double quotes doubled.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/fts5.html#fts5_strings>
    static func ftsString(_ text: String) -> String {
        DoubleQuoted.literal(text)
    }

    /// `text` with GLOB wildcards (`*`, `?`, `[`) made literal.
    static func globLiteral(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "*", "?", "[": out += "[\(c)]"
            default: out.append(c)
            }
        }
        return out
    }
}
