/// Background work a command leaves running after it returns — a feed that matches encounters as
/// they arrive while the user goes on working in the REPL.
///
/// The host owns the thread, reads the job's input (a file, a FIFO or standard input) line by line,
/// serialises the job's store transactions with the user's commands, measures each item's latency
/// and shows the job's alerts. The plugin supplies the work:
///
/// ```swift
/// let request = JobRequest(kind: "feed", summary: "bio feed start x.ndjson", input: "x.ndjson")
/// let status = try jobs.start(request) { job in
///     while case let lines = job.nextLines(limit: 64), !lines.isEmpty {
///         try job.perform(lines) { context throws(NexoError) in /* match, store */ }
///     }
/// }
/// ```
public protocol BackgroundJobs {
    /// Starts `work` on a thread of its own and returns at once with the job's first status.
    /// `work` returns when the input ends or ``JobContext/isStopping`` turns true; a thrown error
    /// ends the job as `failed` with that error's message.
    func start(
        _ request: JobRequest,
        _ work: @escaping @Sendable (any JobContext) throws(NexoError) -> Void
    ) throws(NexoError) -> JobStatus
    /// The jobs started by the calling plugin in this session, oldest first.
    func statuses() -> [JobStatus]
    /// Asks job `id` to stop after the item it is working on; returns its status once it stopped.
    func stop(_ id: String) throws(NexoError) -> JobStatus
    /// Waits until job `id` has handled all its input, or until `bound` is reached, whichever
    /// comes first; returns its status then. A job has handled all its input when it ended (its
    /// input ended, it was stopped, or it failed) or, for a job that follows a FIFO across
    /// writers, when the writer closed the FIFO and every line read was handled (the job goes on
    /// with the next writer). Alerts raised meanwhile are shown as they come. The user's Ctrl-C
    /// ends the wait (not the job) with `cancelled`.
    func wait(_ id: String, bound: JobWaitBound) throws(NexoError) -> JobStatus
}

extension BackgroundJobs {
    /// Waits until job `id` has handled all its input (``wait(_:bound:)`` without a bound).
    public func wait(_ id: String) throws(NexoError) -> JobStatus { try wait(id, bound: .none) }
}

/// Where a wait for a job gives up before the job has handled all its input, so a script can
/// bound its wait on a job that runs until stopped.
public struct JobWaitBound: Sendable, Hashable {
    /// Stop waiting once the job has handled (processed or skipped) this many lines since it
    /// started.
    public var lines: Int?
    /// Stop waiting after this many seconds.
    public var seconds: Double?

    /// Creates a bound; `nil` parts do not bound the wait.
    public init(lines: Int? = nil, seconds: Double? = nil) {
        self.lines = lines
        self.seconds = seconds
    }

    /// No bound: wait until the job has handled all its input.
    public static let none = JobWaitBound()
}

/// What a command asks for when it starts a job.
public struct JobRequest: Sendable, Hashable {
    /// A short word naming what the job does; the host numbers jobs per kind: `feed-1`, `feed-2`.
    public var kind: String
    /// One line saying what the job does, shown by status commands (usually the command text).
    public var summary: String
    /// The path the host reads the job's input from, line by line: a file, a FIFO, or `-` for
    /// standard input. `nil` for a job without input.
    public var input: String?
    /// When the input is a FIFO: open it again when its writer closes it, for the next writer, so
    /// the job runs until stopped. Otherwise the job ends when the writer closes the FIFO.
    public var followInput: Bool

    /// Creates a request.
    public init(kind: String, summary: String, input: String?, followInput: Bool = false) {
        self.kind = kind
        self.summary = summary
        self.input = input
        self.followInput = followInput
    }
}

/// One line of a job's input and when the host read it.
public struct JobInputLine: Sendable, Hashable {
    /// Line number in the input, from 1.
    public var number: Int
    /// The line, without its line break.
    public var text: String
    /// When the host read the line (monotonic clock, nanoseconds): the start of its latency.
    public var arrived: UInt64

    /// Creates a line.
    public init(number: Int, text: String, arrived: UInt64) {
        self.number = number
        self.text = text
        self.arrived = arrived
    }
}

/// The host's side of a running job, handed to its work closure.
public protocol JobContext: Sendable {
    /// The job's id (`feed-1`).
    var id: String { get }
    /// Up to `limit` lines of input, waiting until at least one is there. Empty when the input has
    /// ended or the job was asked to stop: the work should then return.
    func nextLines(limit: Int) -> [JobInputLine]
    /// Whether the user asked the job to stop.
    var isStopping: Bool { get }
    /// Runs `body` in one writing store transaction, recorded as a run of this job (which `undo`
    /// passes over), with a command context (store, matcher, files) valid during `body` only.
    /// The lines are those the body handles: when the transaction commits, the host counts them
    /// and records each one's latency from arrival to commit. User commands wait for the
    /// transaction and the transaction waits for them, so keep bodies short (a batch of lines).
    func perform<T>(_ lines: [JobInputLine], _ body: (CommandContext) throws(NexoError) -> T) throws(NexoError) -> T
    /// Reports a line the job could not use (malformed): counted, and the reason kept in the
    /// job's recent messages. The job goes on with the next line.
    func skip(_ line: JobInputLine, reason: String)
    /// Raises an alert: shown to the user at once (above the prompt in the REPL, on standard
    /// error in scripts) and counted in the job's status.
    func alert(_ text: String)
}

/// Where a job stands.
public enum JobState: String, Sendable, Hashable, CaseIterable {
    /// Working or waiting for input.
    case running
    /// Its input ended and everything read was handled.
    case finished
    /// The user stopped it.
    case stopped
    /// An error ended it (see ``JobStatus/message``).
    case failed
}

/// A snapshot of a job: what it is, how far it got, how fast and how quickly it answers.
public struct JobStatus: Sendable, Hashable {
    /// `feed-1`.
    public var id: String
    /// What it does (the command that started it).
    public var summary: String
    /// Where it stands.
    public var state: JobState
    /// Seconds since it started (until it ended, for a job that ended).
    public var elapsedSeconds: Double
    /// Lines read from its input.
    public var linesRead: Int
    /// Lines handled and committed.
    public var processed: Int
    /// Lines skipped as unusable.
    public var skipped: Int
    /// Alerts raised.
    public var alerts: Int
    /// Latency from a line's arrival to the commit of its result, in milliseconds, at the 50th,
    /// 90th, 99th percentile and the maximum; `nil` before the first line is processed.
    public var latency: LatencySummary?
    /// The error that ended a failed job, or the latest skipped-line reason.
    public var message: String?

    /// Creates a status.
    public init(
        id: String, summary: String, state: JobState, elapsedSeconds: Double, linesRead: Int, processed: Int,
        skipped: Int, alerts: Int, latency: LatencySummary?, message: String?
    ) {
        self.id = id
        self.summary = summary
        self.state = state
        self.elapsedSeconds = elapsedSeconds
        self.linesRead = linesRead
        self.processed = processed
        self.skipped = skipped
        self.alerts = alerts
        self.latency = latency
        self.message = message
    }

    /// Lines processed per second over the job's life so far.
    public var throughput: Double { elapsedSeconds > 0 ? Double(processed) / elapsedSeconds : 0 }
}

/// Latency percentiles, in milliseconds.
public struct LatencySummary: Sendable, Hashable {
    /// Median.
    public var p50: Double
    /// 90th percentile.
    public var p90: Double
    /// 99th percentile.
    public var p99: Double
    /// Largest seen.
    public var max: Double

    /// Creates a summary.
    public init(p50: Double, p90: Double, p99: Double, max: Double) {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
    }
}
