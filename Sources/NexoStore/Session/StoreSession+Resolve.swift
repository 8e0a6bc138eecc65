import NexoKit

/// Turning what a user typed into one entity: by id, else by unique name.
extension StoreSession {
    /// Resolves `text` to an entity: an exact id (case-insensitive for the prefix), else a unique
    /// label that equals it ignoring case and accents, else a unique alias that does, else the one name that
    /// contains it as `find` finds it (`surenos` for "Sureños 13"; several such names are listed).
    ///
    /// Errors: not-found with `Did you mean 'P-12' (Juan Pérez)?`; usage
    /// `ambiguous: 'Juan Perez' matches P-3, P-9; use an id`; usage `P-3 is a person, expected a group`.
    public func resolve(_ text: String, kind: String?) throws(NexoError) -> EntityRef {
        try checkOpen()
        if let kind { _ = try tables.entityKind(kind) }
        let trimmed = Self.trimmed(text)
        if trimmed.unicodeScalars.count > TextRules.maxNameCharacters {
            throw NexoError(
                .notFound,
                "no \(kind ?? "entity") '\(String(trimmed.prefix(40)))…' "
                    + "(\(trimmed.unicodeScalars.count) characters)",
                hint: "ids and names are at most \(TextRules.maxNameCharacters) characters")
        }
        for candidate in trimmed.uppercased() == trimmed ? [trimmed] : [trimmed, trimmed.uppercased()] {
            if let ref = try entityRef(candidate) { return try Self.checkKind(ref, kind) }
        }
        let folded = NameFolding.foldQuery(trimmed)
        var labels: [EntityRef] = []
        var aliases: [EntityRef] = []
        if !folded.isEmpty {
            try exactNames(folded) { ref, isLabel in
                if isLabel { labels.append(ref) } else { aliases.append(ref) }
            }
        }
        var matches = Self.unique(labels.isEmpty ? aliases : labels)
        if let kind, !matches.isEmpty {
            let ofKind = matches.filter { $0.kind == kind }
            if ofKind.isEmpty {
                if matches.count == 1 { return try Self.checkKind(matches[0], kind) }
                throw NexoError(.usage, "'\(trimmed)' matches \(Self.list(matches)), none of them a \(kind)")
            }
            matches = ofKind
        }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw NexoError(.usage, "ambiguous: '\(trimmed)' matches \(Self.list(matches)); use an id")
        }
        // No whole name: a name that contains the text, as `find` finds it — one resolves, several are listed.
        if folded.unicodeScalars.count >= 3 {
            let containing = try search(trimmed, kind: kind, limit: 6).filter { $0.score >= 2 }.map(\.entity)
            if containing.count == 1 { return containing[0] }
            if containing.count > 1 {
                throw NexoError(
                    .usage,
                    "ambiguous: '\(trimmed)' is part of the names of "
                        + (containing.count == 6
                            ? containing.prefix(5).map { "\($0.id) (\($0.label))" }.joined(separator: ", ")
                                + " and more"
                            : Self.list(containing)),
                    hint: "use an id, or the whole name in quotes")
            }
        }
        throw NexoError(
            .notFound, "no \(kind ?? "entity") '\(trimmed)'",
            hint: try suggestion(for: trimmed, folded: folded, kind: kind))
    }

    /// The visible entity `id` as a reference (id, kind, label) without reading its properties:
    /// the cheap lookup for listing the other ends of edges.
    public func reference(_ id: EntityID) throws(NexoError) -> EntityRef? { try entityRef(id.rawValue) }

    /// The visible entity `id` as a reference.
    func entityRef(_ id: String) throws(NexoError) -> EntityRef? {
        let v = visible(.entities, "e", from: 2)
        return try connection.withStatement("SELECT e.id, e.kind, e.label FROM entities e WHERE e.id = ?1 AND \(v.sql)")
        { s throws(NexoError) in
            s.bind(id, at: 1)
            v.bind(to: s)
            return try s.step() ? EntityRef(id: EntityID(s.text(0)), kind: s.text(1), label: s.text(2)) : nil
        }
    }

    /// Names (labels and aliases) whose folded form equals `folded`.
    private func exactNames(_ folded: String, _ body: (EntityRef, _ isLabel: Bool) -> Void) throws(NexoError) {
        let v = visible(.entities, "e", from: 3)
        let indexed = folded.unicodeScalars.count >= 3
        let sql = """
            SELECT e.id, e.kind, e.label, names.rowid % 2 = 0 FROM names JOIN entities e ON e.id = names.entity_id
            WHERE \(indexed ? "names MATCH ?1" : "?1 IS NOT NULL") AND names.folded = ?2 AND \(v.sql)
            """
        try connection.withStatement(sql) { s throws(NexoError) in
            s.bind(Self.ftsString(Self.phrase(folded)), at: 1)
            s.bind(folded, at: 2)
            v.bind(to: s)
            while try s.step() {
                body(EntityRef(id: EntityID(s.text(0)), kind: s.text(1), label: s.text(2)), s.int64(3) != 0)
            }
        }
    }

    /// `Did you mean 'P-12' (Juan Pérez)?` from ids near `text` and names sharing its trigrams.
    private func suggestion(for text: String, folded: String, kind: String?) throws(NexoError) -> String? {
        var candidates: [(key: String, ref: EntityRef)] = []
        let scalars = Array(folded.unicodeScalars)
        if scalars.count >= 3 {
            var trigrams: [String] = []
            for i in 0...(scalars.count - 3) {
                let t = String(String.UnicodeScalarView(scalars[i..<(i + 3)]))
                if !trigrams.contains(t) { trigrams.append(t) }
                if trigrams.count == 32 { break }
            }
            let v = visible(.entities, "e", from: 3)
            try connection.withStatement(
                """
                SELECT e.id, e.kind, e.label, names.folded FROM names JOIN entities e ON e.id = names.entity_id
                WHERE names MATCH ?1 AND (?2 IS NULL OR e.kind = ?2) AND \(v.sql) ORDER BY bm25(names) LIMIT 30
                """
            ) { s throws(NexoError) in
                s.bind(trigrams.map(Self.ftsString).joined(separator: " OR "), at: 1)
                s.bind(kind, at: 2)
                v.bind(to: s)
                while try s.step() {
                    candidates.append(
                        (s.text(3), EntityRef(id: EntityID(s.text(0)), kind: s.text(1), label: s.text(2))))
                }
            }
        }
        if !text.isEmpty {
            for found in try entityCompletions(prefix: String(text.dropLast()), kind: kind, limit: 50).entities {
                candidates.append((found.entity.id.rawValue.lowercased(), found.entity))
            }
        }
        let keys = candidates.map(\.key)
        guard let best = Suggestions.closest(to: folded.isEmpty ? text : folded, in: keys),
            let ref = candidates.filter({ $0.key == best }).map(\.ref).min(by: { $0.id < $1.id })
        else { return nil }
        return "Did you mean '\(ref.id)' (\(ref.label))?"
    }

    private static func checkKind(_ ref: EntityRef, _ kind: String?) throws(NexoError) -> EntityRef {
        if let kind, ref.kind != kind {
            throw NexoError(.usage, "\(ref.id) is \(article(ref.kind)) \(ref.kind), expected \(article(kind)) \(kind)")
        }
        return ref
    }

    private static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    private static func unique(_ refs: [EntityRef]) -> [EntityRef] {
        var seen = Set<EntityID>()
        return refs.sorted { $0.id < $1.id }.filter { seen.insert($0.id).inserted }
    }

    /// `P-3, P-9` (at most five, then `and N more`).
    private static func list(_ refs: [EntityRef]) -> String {
        let shown = refs.prefix(5).map { "\($0.id) (\($0.label))" }.joined(separator: ", ")
        return refs.count > 5 ? "\(shown) and \(refs.count - 5) more" : shown
    }
}
