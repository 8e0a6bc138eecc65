extension StringProtocol {
    /// Whether `part` occurs in the text, Character by Character (an empty `part` always does): the
    /// standard library alone, so a module on the start path need not link StringProcessing for it.
    public func containsText(_ part: some StringProtocol) -> Bool {
        if part.isEmpty { return true }
        var start = startIndex
        while start < endIndex {
            if self[start...].starts(with: part) { return true }
            start = index(after: start)
        }
        return false
    }
}
