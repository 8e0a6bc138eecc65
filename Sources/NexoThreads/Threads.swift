import Glibc
import NexoKit

/// The one place Nexo starts threads and waits on conditions (POSIX threads): a background job's
/// thread, the lock + condition a job's status lives under, and the engine's parallel searches
/// (``ParallelWork``).
public enum BackgroundThread {
    /// Runs `body` on a new detached thread. Fails only when the system cannot make a thread.
    public static func start(_ body: @escaping @Sendable () -> Void) throws(NexoError) {
        pthread_detach(try spawn(body))
    }

    /// An opaque number for the calling thread, to tell threads apart.
    public static var current: UInt { UInt(bitPattern: Int(bitPattern: pthread_self())) }

    /// Runs `body` on a new joinable thread.
    static func spawn(_ body: @escaping @Sendable () -> Void) throws(NexoError) -> pthread_t {
        let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var thread = pthread_t()
        let code = pthread_create(
            &thread, nil,
            { raw in
                let body = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
                body.run()
                return nil
            }, box)
        guard code == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            throw NexoError(.failed, "cannot start a thread: \(String(cString: strerror(code)))")
        }
        return thread
    }

    /// Waits for a thread made by ``spawn(_:)`` to end.
    static func join(_ thread: pthread_t) { pthread_join(thread, nil) }
}

private final class ThreadBody: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// A mutex with one condition variable, guarding a value: `withLock` to read or change it,
/// `broadcast` after a change others wait for, `wait(until:)` to sleep until it holds.
public final class Guarded<Value>: @unchecked Sendable {
    // @unchecked: `value` is only touched with `mutex` held.
    private var value: Value
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    /// A lock guarding `value`.
    public init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Runs `body` with the value, holding the lock; wakes every waiter afterwards.
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer {
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
        return try body(&value)
    }

    /// Waits until `predicate` holds, or until `milliseconds` pass (then returns `false`).
    public func wait(milliseconds: Int, until predicate: (Value) -> Bool) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        let nanoseconds = Int(deadline.tv_nsec) + milliseconds * 1_000_000
        deadline.tv_sec += nanoseconds / 1_000_000_000
        deadline.tv_nsec = nanoseconds % 1_000_000_000
        while !predicate(value) {
            if pthread_cond_timedwait(condition, mutex, &deadline) == ETIMEDOUT { return predicate(value) }
        }
        return true
    }
}
