import NexoKit

/// Process exit statuses, documented in the README. Distinct per kind of failure so scripts can tell them apart.
public enum ExitStatus: Int32, Sendable {
    /// Everything succeeded.
    case success = 0
    /// A command failed (conflict, invalid data, other failure).
    case failure = 1
    /// Bad command line or script syntax: unknown command or option, wrong value type.
    case usage = 2
    /// Something named does not exist: entity, case, file, kind.
    case notFound = 3
    /// The user may not do this.
    case denied = 4
    /// `replay --verify` found commands whose results changed.
    case mismatch = 5
    /// Interrupted by Ctrl-C.
    case cancelled = 130

    /// The status for an error code.
    public init(_ code: NexoError.Code) {
        switch code {
        case .usage: self = .usage
        case .notFound: self = .notFound
        case .denied: self = .denied
        case .mismatch: self = .mismatch
        case .cancelled: self = .cancelled
        default: self = .failure
        }
    }

    /// The error code that ends a statement with this status (a nested `run` passes its script's status on).
    var errorCode: NexoError.Code {
        switch self {
        case .usage: .usage
        case .notFound: .notFound
        case .denied: .denied
        case .mismatch: .mismatch
        case .cancelled: .cancelled
        case .success, .failure: .failed
        }
    }
}
