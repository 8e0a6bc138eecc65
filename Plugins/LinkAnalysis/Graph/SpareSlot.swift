import Synchronization

/// One value kept between runs — per-node scratch buffers that a search leaves at rest — so the next run on a graph
/// of the same size takes it instead of allocating (and faulting in) megabytes again. A run takes the value out; a
/// run that finds the slot empty (another holds it) makes its own.
public final class SpareSlot<Value: Sendable>: Sendable {
    private let slot = Mutex<Value?>(nil)

    /// An empty slot.
    public init() {}

    /// The value kept last, taken out of the slot; nil when there is none.
    public func take() -> Value? {
        slot.withLock { kept in
            defer { kept = nil }
            return kept
        }
    }

    /// Keeps `value` for the next ``take()``.
    public func keep(_ value: Value) { slot.withLock { $0 = value } }
}
