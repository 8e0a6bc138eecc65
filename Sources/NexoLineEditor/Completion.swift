/// The answer of a ``LineEditor/completer`` for the word under the cursor.
///
/// Offsets count `Character`s of the line handed to the completer.
public struct Completion: Equatable, Sendable {
    /// Where the word being completed starts; the text from here to the cursor is replaced.
    public var replaceFrom: Int
    /// Full words that could stand in for the text from ``replaceFrom`` to the cursor, in the
    /// order they should be listed. Empty when nothing fits.
    public var candidates: [String]

    /// Creates a completion answer.
    public init(replaceFrom: Int, candidates: [String]) {
        self.replaceFrom = replaceFrom
        self.candidates = candidates
    }

    /// Nothing to complete.
    public static let none = Completion(replaceFrom: 0, candidates: [])
}
