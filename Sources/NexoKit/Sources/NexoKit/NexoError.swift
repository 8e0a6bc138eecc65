/// An error a user can act on: what went wrong, and how to fix it.
///
/// ``Code`` is an open set of string codes rather than a closed enum, so that new codes do not
/// break plugins that switch over the ones they know. The shell maps codes to exit statuses.
public struct NexoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// Code text, e.g. `not-found`.
        public let rawValue: String
        /// Wraps a code text.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code text.
        public var description: String { rawValue }

        /// The command line is malformed: unknown option, wrong type, missing argument.
        public static let usage = Code(rawValue: "usage")
        /// A named entity, case, file, command or kind does not exist.
        public static let notFound = Code(rawValue: "not-found")
        /// The user may not do this.
        public static let denied = Code(rawValue: "denied")
        /// Input data is malformed (a bad import line, a property of the wrong type).
        public static let invalidInput = Code(rawValue: "invalid-input")
        /// The write conflicts with what is stored (duplicate id, declaration clash).
        public static let conflict = Code(rawValue: "conflict")
        /// The command failed for another reason.
        public static let failed = Code(rawValue: "failed")
        /// The user cancelled (Ctrl-C).
        public static let cancelled = Code(rawValue: "cancelled")
        /// The store stayed locked by another writer longer than a command waits; try again.
        public static let busy = Code(rawValue: "busy")
        /// A replayed command gave a different result than recorded.
        public static let mismatch = Code(rawValue: "mismatch")
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, one line, no trailing period.
    public var message: String
    /// How to fix it, one line, or `nil`.
    public var hint: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// `message; hint`.
    public var description: String {
        guard let hint, !hint.isEmpty else { return message }
        return "\(message); \(hint)"
    }
}
