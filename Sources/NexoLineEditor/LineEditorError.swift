/// A line editor failure a user can act on, such as a history file that cannot be used.
public struct LineEditorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One line: what failed, where, and how to fix it.
    public var message: String

    /// Creates an error with its user-facing message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
