import Glibc
import NexoKit

/// Where the shell reads the time it stamps on runs (provenance). Tests and reproducible scripts
/// use a fixed clock (`NEXO_CLOCK=2026-01-01T00:00:00Z`).
public protocol WallClock: Sendable {
    /// Current UTC time as ISO 8601 with seconds, `2026-11-29T04:57:40Z`.
    func now() -> String
}

/// The system's real-time clock.
public struct SystemClock: WallClock {
    /// Creates the clock.
    public init() {}
    /// Reads `CLOCK_REALTIME`.
    public func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp.iso(secondsSinceEpoch: Int(spec.tv_sec))
    }
}

/// A clock that always says the same time.
public struct FixedClock: WallClock {
    /// The time it says.
    public let time: String
    /// Creates the clock.
    public init(_ time: String) { self.time = time }
    /// Returns ``time``.
    public func now() -> String { time }
}

enum Timestamp {
    static func iso(secondsSinceEpoch seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rest = seconds - days * 86400
        let date = CivilDate(daysSinceEpoch: days).description
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(date)T\(pad(rest / 3600)):\(pad(rest % 3600 / 60)):\(pad(rest % 60))Z"
    }
}

/// Elapsed-time measurement for `set timing on`.
enum MonotonicClock {
    /// Milliseconds on `CLOCK_MONOTONIC`.
    static func milliseconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1_000_000
    }
}
