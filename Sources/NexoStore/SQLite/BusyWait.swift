import CSQLite
import Glibc

/// How long a statement waits for a lock another connection holds, and whom it tells.
///
/// The default waits 30 s in all and says nothing; the shell adds a notice on standard error
/// (`waiting for the store's write lock …`) after 1 s, so a user knows what the command waits for.
public struct BusyWait: Sendable {
    /// Longest total wait for one lock; then the statement fails with a `busy` error.
    public var limitMilliseconds: Int
    /// How long a wait goes on before ``notice`` is called (once per wait).
    public var noticeAfterMilliseconds: Int
    /// Called with one line saying what the statement waits for (on the waiting thread).
    public var notice: (@Sendable (String) -> Void)?

    /// A wait of at most `limitMilliseconds`, announced through `notice` after `noticeAfterMilliseconds`.
    public init(
        limitMilliseconds: Int = 30_000, noticeAfterMilliseconds: Int = 1_000,
        notice: (@Sendable (String) -> Void)? = nil
    ) {
        self.limitMilliseconds = limitMilliseconds
        self.noticeAfterMilliseconds = noticeAfterMilliseconds
        self.notice = notice
    }

    /// The line a notice shows.
    static func noticeText(limitMilliseconds: Int) -> String {
        "waiting for the store's write lock (held by another writer: another nexo process or a background feed); "
            + "giving up after \(BusyWait.seconds(limitMilliseconds)) s"
    }

    static func seconds(_ milliseconds: Int) -> String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000)" : "\(Double(milliseconds) / 1000)"
    }
}

/// The busy handler's state for one connection: when the current wait began, whether it was
/// announced, and whether the last one gave up. Used only by the connection's thread.
final class BusyWaitState {
    let wait: BusyWait
    private var started: UInt64 = 0
    private var announced = false
    /// The limit the last wait reached when it gave up; `nil` after a wait that got the lock.
    private(set) var gaveUpAfterMilliseconds: Int?

    init(_ wait: BusyWait) { self.wait = wait }

    /// Called by SQLite each time the lock is still taken (`attempt` counts from 0 for each new
    /// wait); `true` to try again after a pause.
    func retry(attempt: Int) -> Bool {
        let now = Self.milliseconds()
        if attempt == 0 {
            started = now
            announced = false
            gaveUpAfterMilliseconds = nil
        }
        let waited = Int(now - started)
        if waited >= wait.limitMilliseconds {
            gaveUpAfterMilliseconds = wait.limitMilliseconds
            return false
        }
        if !announced, waited >= wait.noticeAfterMilliseconds, let notice = wait.notice {
            announced = true
            notice(BusyWait.noticeText(limitMilliseconds: wait.limitMilliseconds))
        }
        // Short pauses first (a feed's batch commits within milliseconds), then up to 50 ms.
        let pauses = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50]
        sqlite3_sleep(Int32(min(pauses[min(attempt, pauses.count - 1)], max(1, wait.limitMilliseconds - waited))))
        return true
    }

    private static func milliseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1000 + UInt64(spec.tv_nsec) / 1_000_000
    }
}
