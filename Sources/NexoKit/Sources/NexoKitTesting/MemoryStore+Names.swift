import NexoKit

/// Finding entities by name: `find`'s search and the binder's entity references.
extension MemoryStore {
    /// Entities whose label or an alias contains `text`, or for several words every word in any
    /// order, folded with ``NameFolding`` as the host's store folds them; best first (exact name,
    /// then prefix, then the whole text, then all words), ties by id. `matched` is the best name.
    public func search(_ text: String, kind: String?, limit: Int) throws(NexoError) -> [SearchHit] {
        if let kind { _ = try entityKind(kind) }
        let query = Self.folded(text)
        guard !query.isEmpty, limit > 0 else { return [] }
        let words = query.split(separator: " ").map(String.init)
        var hits: [SearchHit] = []
        for entity in matching(EntityQuery(kind: kind)) {
            var best: SearchHit?
            for name in [entity.label] + (contents.aliases[entity.id] ?? []) {
                let folded = Self.folded(name)
                let tier: Double =
                    folded == query
                    ? 4
                    : folded.hasPrefix(query)
                        ? 3 : folded.contains(query) ? 2 : words.allSatisfy(folded.contains) ? 1 : 0
                if tier > 0, tier > best?.score ?? 0 {
                    best = SearchHit(entity: entity.ref, matched: name, score: tier)
                }
            }
            if let best { hits.append(best) }
        }
        let ranked = hits.sorted { $0.score != $1.score ? $0.score > $1.score : $0.entity.id < $1.entity.id }
        return Array(ranked.prefix(limit))
    }

    /// Resolves what a user typed to one entity, by the host store's rules and with its messages:
    /// an exact id (the prefix in any case), else a unique label equal to it ignoring case and
    /// accents, else a unique alias. ``PluginTestKit`` binds entity arguments through it.
    ///
    /// Errors: not found (`no person 'x'`, with `Did you mean 'P-12' (Juan Pérez)?` when a name is
    /// close), usage `ambiguous: 'Juan Perez' matches P-3, P-9; use an id`, usage
    /// `P-3 is a person, expected a group`.
    public func resolve(_ text: String, kind: String?) throws(NexoError) -> EntityRef {
        if let kind { _ = try entityKind(kind) }
        let trimmed = Self.trimmed(text)
        for candidate in [trimmed, trimmed.uppercased()] {
            if let entity = contents.entities[EntityID(candidate)] { return try Self.check(entity.ref, kind) }
        }
        let folded = Self.folded(trimmed)
        let all = matching(EntityQuery())
        let labels = all.filter { Self.folded($0.label) == folded }.map(\.ref)
        let aliases = all.filter { entity in
            (contents.aliases[entity.id] ?? []).contains { Self.folded($0) == folded }
        }.map(\.ref)
        var matches = folded.isEmpty ? [] : labels.isEmpty ? aliases : labels
        if let kind, !matches.isEmpty {
            let ofKind = matches.filter { $0.kind == kind }
            if ofKind.isEmpty {
                if matches.count == 1 { return try Self.check(matches[0], kind) }
                throw NexoError(.usage, "'\(trimmed)' matches \(Self.list(matches)), none of them a \(kind)")
            }
            matches = ofKind
        }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw NexoError(.usage, "ambiguous: '\(trimmed)' matches \(Self.list(matches)); use an id")
        }
        let candidates = all.filter { kind == nil || $0.kind == kind }
        let suggestion = Suggestions.closest(
            to: folded.isEmpty ? trimmed : folded, in: candidates.map { Self.folded($0.label) })
        let near = suggestion.flatMap { name in candidates.first { Self.folded($0.label) == name } }
        throw NexoError(
            .notFound, "no \(kind ?? "entity") '\(trimmed)'",
            hint: near.map { "Did you mean '\($0.id)' (\($0.label))?" })
    }

    private static func check(_ ref: EntityRef, _ kind: String?) throws(NexoError) -> EntityRef {
        if let kind, ref.kind != kind {
            throw NexoError(.usage, "\(ref.id) is \(article(ref.kind)) \(ref.kind), expected \(article(kind)) \(kind)")
        }
        return ref
    }

    private static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    /// `P-3, P-9` (at most five, then `and N more`).
    private static func list(_ refs: [EntityRef]) -> String {
        let shown = refs.prefix(5).map(\.id.rawValue).joined(separator: ", ")
        return refs.count > 5 ? "\(shown) and \(refs.count - 5) more" : shown
    }

    /// Folded as the store folds queries and names (``NameFolding/foldQuery(_:)``).
    static func folded(_ text: String) -> String { NameFolding.foldQuery(text) }

    static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
