import NexoKit

/// A recorded source with what cites it (`source list`).
public struct SourceUse: Sendable, Hashable {
    /// The source and its grading.
    public var source: SourceInfo
    /// The run that recorded it.
    public var run: Int64
    /// How many entities cite it.
    public var entities: Int
    /// How many edges cite it.
    public var edges: Int
}
