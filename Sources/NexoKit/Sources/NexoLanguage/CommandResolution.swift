import NexoKit

extension Binder {
    /// Finds the spec whose path matches the most leading words of `call`.
    ///
    /// Errors: `unknown command 'gnag'` (hint `Did you mean 'gang'?`), `unknown command 'case opn'`
    /// (hint `Did you mean 'case open'?`), `incomplete command 'case'` (hint lists subcommands).
    public func resolve(_ call: CommandCall) throws(LocatedError) -> (spec: CommandSpec, wordCount: Int) {
        let words = call.words.map { $0.hasVariables ? nil : $0.literal }
        var best: CommandSpec?
        for spec in specs where spec.path.count <= words.count && (best?.path.count ?? 0) < spec.path.count {
            if zip(spec.path, words).allSatisfy({ $0 == $1 }) { best = spec }
        }
        if let best { return (best, best.path.count) }

        // No spec matched: find how far the words follow some command path, and say what comes next.
        var depth = 0
        while depth < words.count, let word = words[depth],
            specs.contains(where: {
                $0.path.count > depth && $0.path[depth] == word
                    && Array($0.path.prefix(depth)) == prefixWords(words, depth)
            })
        {
            depth += 1
        }
        let prefix = prefixWords(words, depth)
        let next = Set(
            specs.filter { $0.path.count > depth && Array($0.path.prefix(depth)) == prefix }.map { $0.path[depth] }
        )
        .sorted()
        let group = prefix.joined(separator: " ")
        guard depth < call.words.count else {
            throw LocatedError(
                NexoError(.usage, "incomplete command '\(group)'", hint: "add one of: \(next.joined(separator: ", "))"),
                in: call, at: call.range.end)
        }
        let word = words[depth] ?? call.words[depth].raw
        let typed = prefix.isEmpty ? word : "\(group) \(word)"
        var hint: String?
        if let match = Suggestions.closest(to: word, in: next) {
            hint = "Did you mean '\(prefix.isEmpty ? match : "\(group) \(match)")'?"
        } else {
            hint =
                prefix.isEmpty
                ? "type 'help' for a list of commands" : "'\(group)' takes: \(next.joined(separator: ", "))"
        }
        throw LocatedError(
            NexoError(.usage, "unknown command '\(typed)'", hint: hint), in: call, at: call.words[depth].range.start)
    }

    private func prefixWords(_ words: [String?], _ count: Int) -> [String] {
        words.prefix(count).map { $0 ?? "" }
    }
}
