import Glibc

/// A computation spread over the machine's cores: the calling thread and up to one helper thread
/// per other core take the items in turn.
public enum ParallelWork {
    /// Processors online (at least 1).
    public static let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    /// `body(0) … body(count − 1)`, computed concurrently, in order. `body` must only read shared
    /// state: its calls run at the same time on different threads. Falls back to the calling
    /// thread alone when one item, one core, or no thread to be had.
    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        let helpers = min(count, cores) - 1
        guard helpers > 0 else { return (0..<count).map(body) }
        return withoutActuallyEscaping(body) { body in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                let work = SharedItems(count: count, body: body, slots: buffer.baseAddress!)
                var threads: [pthread_t] = []
                for _ in 0..<helpers {
                    guard let thread = try? BackgroundThread.spawn({ work.drain() }) else { break }
                    threads.append(thread)
                }
                work.drain()
                for thread in threads { BackgroundThread.join(thread) }
                initialized = count
            }
        }
    }
}

/// The items of one ``ParallelWork/map(_:_:)``: the next one to take, the closure, the result slots.
private final class SharedItems<T>: @unchecked Sendable {
    // @unchecked: `next` is taken under its lock; `body` only reads (the caller's promise); each
    // item's slot is written by the one thread that took the item; the caller joins every helper
    // before it reads the slots.
    private let next = Guarded(0)
    private let count: Int
    private let body: (Int) -> T
    private let slots: UnsafeMutablePointer<T>

    init(count: Int, body: @escaping (Int) -> T, slots: UnsafeMutablePointer<T>) {
        self.count = count
        self.body = body
        self.slots = slots
    }

    /// Takes items until none is left.
    func drain() {
        while case let item = next.withLock({ (n: inout Int) -> Int in
            defer { n += 1 }; return n
        }), item < count {
            (slots + item).initialize(to: body(item))
        }
    }
}
