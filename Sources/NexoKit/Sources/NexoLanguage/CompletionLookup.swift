import NexoKit

/// A word completion offers, and what a list of candidates shows beside it.
public struct CompletionCandidate: Sendable, Hashable {
    /// The text that replaces the word being typed.
    public var text: String
    /// Shown beside ``text`` when candidates are listed (an entity's label, a job's state); never inserted.
    public var description: String?

    /// Creates a candidate.
    public init(_ text: String, description: String? = nil) {
        self.text = text
        self.description = description
    }
}

/// What completion reads from the session and the store, which only the host holds.
///
/// Completion runs at every TAB, on any partial line: each call must return quickly (store reads
/// bounded with a limit) and must never write. Every requirement has a default that offers nothing.
public protocol CompletionLookup {
    /// Entities of `kind` (of any kind when `nil`) for the typed `prefix`, best first: ids starting
    /// with it, then entities whose name starts with it, then others whose name contains it. The
    /// candidate's text is the id, its description the label. At most `limit`, and how many more
    /// matched (`more`, counted up to a bound).
    func entities(prefix: String, kind: String?, limit: Int) -> (candidates: [CompletionCandidate], more: Int)

    /// Words of `source` that start with `prefix` (in any case), for an argument or option of
    /// command `command`: the session's jobs (``CompletionSource/jobs(kind:)``), the values stored in
    /// an edge property (``CompletionSource/edgeProperty(edge:property:)``). At most `limit`.
    func words(from source: CompletionSource, command: [String], prefix: String, limit: Int)
        -> [CompletionCandidate]

    /// The columns of the table the variable `name` holds; `nil` when it holds none.
    func columns(ofVariable name: String) -> [Column]?
}

extension CompletionLookup {
    /// No entities.
    public func entities(prefix: String, kind: String?, limit: Int) -> (candidates: [CompletionCandidate], more: Int) {
        ([], 0)
    }

    /// No words.
    public func words(from source: CompletionSource, command: [String], prefix: String, limit: Int)
        -> [CompletionCandidate]
    { [] }

    /// No tables.
    public func columns(ofVariable name: String) -> [Column]? { nil }
}

/// The lookup behind ``Completer/complete(line:cursor:entityCompleter:)``: entity ids from a closure, nothing else.
struct EntityIDLookup: CompletionLookup {
    let entityCompleter: (_ prefix: String, _ kind: String?) -> [String]

    func entities(prefix: String, kind: String?, limit: Int) -> (candidates: [CompletionCandidate], more: Int) {
        (entityCompleter(prefix, kind).map { CompletionCandidate($0) }, 0)
    }
}
