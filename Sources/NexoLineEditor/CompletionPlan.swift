/// What one press of TAB does to the line, decided from a ``Completion`` without touching the
/// terminal. Offsets count `Character`s.
enum CompletionPlan: Equatable {
    /// Nothing to insert: ring the bell.
    case nothing
    /// Replace the text from `from` to the cursor with `text`.
    case replace(from: Int, text: String)
    /// Show these candidates below the line and redraw it.
    case list([String])

    /// Decides what TAB does.
    ///
    /// - One candidate: it replaces the word, followed by a space unless it ends in `/`.
    /// - Several: their longest common prefix replaces the word when it is longer than the word
    ///   (or differs in case) and starts with it in any case — an entity found by its name (`henry` →
    ///   `P-110`, `P-112`) does not turn the name into a piece of an id; and only when the candidates
    ///   are all there are (``Completion/more`` is 0). Otherwise the first TAB rings the bell and a
    ///   repeated TAB (same line, same cursor as after the previous TAB) lists them.
    static func make(line: String, cursor: Int, completion: Completion, repeatedTab: Bool) -> CompletionPlan {
        let characters = Array(line)
        let cursor = min(max(cursor, 0), characters.count)
        let from = min(max(completion.replaceFrom, 0), cursor)
        let word = String(characters[from..<cursor])
        let candidates = uniqued(completion.candidates)
        guard let first = candidates.first else { return .nothing }
        if candidates.count == 1 {
            return .replace(from: from, text: first.hasSuffix("/") ? first : first + " ")
        }
        let prefix = longestCommonPrefix(candidates)
        let extendsWord = prefix.lowercased().hasPrefix(word.lowercased())
        if completion.more == 0, extendsWord,
            prefix.count > word.count || (prefix.count == word.count && prefix != word)
        {
            return .replace(from: from, text: prefix)
        }
        return repeatedTab ? .list(candidates) : .nothing
    }

    /// The longest run of leading `Character`s all strings share.
    static func longestCommonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            var length = 0
            for (a, b) in zip(prefix, string) {
                guard a == b else { break }
                length += 1
            }
            prefix.removeSubrange(length...)
        }
        return String(prefix)
    }

    private static func uniqued(_ strings: [String]) -> [String] {
        var seen = Set<String>()
        return strings.filter { seen.insert($0).inserted }
    }
}
