import NexoKit
import Synchronization

/// Biographic records prepared for comparison (``ComparableRecord``: names parsed, folded, keyed),
/// kept so that a probe compared with hundreds of candidates, and a gallery record compared with
/// many probes, is parsed once. Bounded: emptied when it holds ``capacity`` records. Safe to share
/// between threads (a mutex), as the engine's `@Sendable` comparator closure requires.
final class PreparedRecords: Sendable {
    /// Most records kept.
    let capacity: Int
    private let records = Mutex<[BiographicRecord: ComparableRecord]>([:])

    init(capacity: Int = 32_768) { self.capacity = capacity }

    /// `record` prepared, from the cache when it was prepared before.
    func prepared(_ record: BiographicRecord) -> ComparableRecord {
        if let known = records.withLock({ $0[record] }) { return known }
        let made = ComparableRecord(record)
        records.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[record] = made
        }
        return made
    }
}
