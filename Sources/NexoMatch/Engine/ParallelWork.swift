import Dispatch

/// Work spread over the machine's cores (Dispatch's thread pool): the one place the engine runs
/// code concurrently.
enum ParallelWork {
    /// `body(0) … body(count − 1)`, computed concurrently, in order. `body` must only read shared
    /// state: the calls run at the same time on different threads.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        return withoutActuallyEscaping(body) { body in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                let work = Slots(body: body, slots: buffer.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: count) { i in work.fill(i) }
                initialized = count
            }
        }
    }

    /// The closure and the result slots the threads share.
    private struct Slots<T>: @unchecked Sendable {
        // @unchecked: `body` only reads (the caller's promise), each call writes its own slot, and
        // concurrentPerform returns only after every call has.
        let body: (Int) -> T
        let slots: UnsafeMutablePointer<T>

        func fill(_ i: Int) { (slots + i).initialize(to: body(i)) }
    }
}
