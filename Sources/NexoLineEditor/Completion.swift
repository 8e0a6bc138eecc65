/// The answer of a ``LineEditor/completer`` for the word under the cursor.
///
/// Offsets count `Character`s of the line handed to the completer.
public struct Completion: Equatable, Sendable {
    /// Where the word being completed starts; the text from here to the cursor is replaced.
    public var replaceFrom: Int
    /// Full words that could stand in for the text from ``replaceFrom`` to the cursor, in the
    /// order they should be listed. Empty when nothing fits.
    public var candidates: [String]
    /// What the list shows beside a candidate (an entity's label), by candidate: the list then
    /// has one candidate a line, `P-110  Henry Alvarado`. Only the candidate is inserted.
    public var descriptions: [String: String]
    /// How many more words fit than ``candidates`` holds: the list ends with `…and N more`, and
    /// TAB does not extend the word to the candidates' common prefix (it may not be all of theirs).
    public var more: Int

    /// Creates a completion answer.
    public init(replaceFrom: Int, candidates: [String], descriptions: [String: String] = [:], more: Int = 0) {
        self.replaceFrom = replaceFrom
        self.candidates = candidates
        self.descriptions = descriptions
        self.more = more
    }

    /// Nothing to complete.
    public static let none = Completion(replaceFrom: 0, candidates: [])
}
