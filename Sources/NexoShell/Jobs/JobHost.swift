import NexoKit
import NexoMatch
import NexoStore
import NexoThreads

/// The shell's background jobs: starts them on their own threads, keeps their progress and
/// latency histograms, and queues their alerts for the user.
final class JobHost: Sendable {
    private let state = Guarded(HostState())
    /// Whether standard input is free for a job (`-`): not when the REPL or a script reads it.
    let standardInputIsFree: Bool

    private struct HostState {
        var jobs: [Job] = []
        var numbers: [String: Int] = [:]
        var pendingAlerts: [String] = []
        /// Shows an alert at once (the REPL posts it above the prompt); `nil` in scripts.
        var display: (@Sendable (String) -> Void)?
    }

    init(standardInputIsFree: Bool) {
        self.standardInputIsFree = standardInputIsFree
    }

    /// Shows later alerts through `display` as they are raised (the REPL), or queues them for
    /// ``takeAlerts()`` when `nil`.
    func setDisplay(_ display: (@Sendable (String) -> Void)?) {
        state.withLock { $0.display = display }
    }

    /// Alerts raised since the last call that nobody displayed yet.
    func takeAlerts() -> [String] {
        state.withLock { state in
            defer { state.pendingAlerts.removeAll() }
            return state.pendingAlerts
        }
    }

    func raise(_ alert: String) {
        let display = state.withLock { state -> (@Sendable (String) -> Void)? in
            if state.display == nil { state.pendingAlerts.append(alert) }
            return state.display
        }
        display?(alert)
    }

    /// Starts a job for `environment.owner`.
    func start(
        _ request: JobRequest, environment: JobEnvironment,
        _ work: @escaping @Sendable (any JobContext) throws(NexoError) -> Void
    ) throws(NexoError) -> JobStatus {
        guard !request.kind.isEmpty, request.kind.allSatisfy({ $0.isLetter || $0 == "-" }) else {
            throw NexoError(.usage, "job kind '\(request.kind)' must be a word")
        }
        var input: JobInput?
        if let path = request.input {
            if path == "-" && !standardInputIsFree {
                throw NexoError(
                    .usage, "standard input is already in use (by the REPL or the script)",
                    hint: "give a file or a FIFO, or pipe the feed into 'nexo -c …'")
            }
            input = try JobInput(path: path, follow: request.followInput)
        }
        guard environment.storePath != ":memory:" else {
            throw NexoError(
                .usage, "background jobs need a store file; an in-memory store cannot be shared with them",
                hint: "start nexo with --db FILE")
        }
        let store = try Store.open(path: environment.storePath, schema: environment.schema)
        let id = state.withLock { state -> String in
            state.numbers[request.kind, default: 0] += 1
            return "\(request.kind)-\(state.numbers[request.kind]!)"
        }
        let job = Job(id: id, owner: environment.owner.name, summary: request.summary, input: input)
        let context = HostJobContext(job: job, host: self, store: store, environment: environment)
        do {
            try BackgroundThread.start {
                var failure: String?
                do throws(NexoError) { try work(context) } catch { failure = error.description }
                store.close()
                job.end(failure: failure)
            }
        } catch {
            store.close()
            throw error
        }
        state.withLock { $0.jobs.append(job) }
        return job.status()
    }

    /// Jobs of `owner`, oldest first.
    func jobs(of owner: String) -> [Job] {
        state.withLock { $0.jobs.filter { $0.owner == owner } }
    }

    /// Every job of the session, oldest first.
    var all: [Job] { state.withLock { $0.jobs } }

    /// Every job still running.
    var running: [Job] { state.withLock { $0.jobs.filter { $0.isRunning } } }

    /// The job `id` of `owner`, or a not-found error naming the jobs there are.
    func job(_ id: String, of owner: String) throws(NexoError) -> Job {
        let mine = jobs(of: owner)
        guard let job = mine.first(where: { $0.id == id }) else {
            let ids = mine.map(\.id)
            throw NexoError(
                .notFound, "no job '\(id)'",
                hint: Suggestions.didYouMean(id, in: ids)
                    ?? (ids.isEmpty ? "no job was started in this session" : "jobs: \(ids.joined(separator: ", "))"))
        }
        return job
    }
}

/// What a job needs from the command that started it: who, where, and the shell's store and engine.
struct JobEnvironment: Sendable {
    /// The store file; the job opens a connection of its own, so user commands (even one waiting
    /// for the job) and the job's transactions do not wait on one lock. SQLite's write lock and
    /// busy wait order their writes.
    let storePath: String
    let schema: Schema
    let engine: SharedEngine
    let owner: CommandOwner
    let user: String
    let currentCase: CaseInfo?
    let clock: any WallClock
    let files: HostFiles
}

/// One background job: its identity, input and progress.
final class Job: Sendable {
    let id: String
    let owner: String
    let summary: String
    let input: JobInput?
    private let started = MonotonicClock.nanoseconds()
    private let progress = Guarded(Progress())

    struct Progress {
        var state = JobState.running
        var stopRequested = false
        var linesRead = 0
        var processed = 0
        var skipped = 0
        /// Lines of the batch being handled that were skipped (not processed, no latency).
        var skippedInBatch = Set<Int>()
        var alerts = 0
        /// Nanoseconds from a line's arrival to its commit.
        var latency = LatencyHistogram()
        var message: String?
        var ended: UInt64?
        /// A followed FIFO's writer closed it and every line it wrote was handled; the job waits
        /// for the next writer.
        var drained = false

        /// Whether the job has handled all its input: it ended, or it follows a FIFO and has
        /// handled all that the last writer wrote.
        var handledAllInput: Bool { state != .running || drained }
        /// Time a line has taken to handle, smoothed over recent batches; sizes the next batch.
        var nanosecondsPerLine: Double?
    }

    init(id: String, owner: String, summary: String, input: JobInput?) {
        self.id = id
        self.owner = owner
        self.summary = summary
        self.input = input
    }

    var isRunning: Bool { progress.withLock { $0.state == .running } }
    var stopRequested: Bool { progress.withLock { $0.stopRequested } }

    @discardableResult
    func update<R>(_ body: (inout Progress) -> R) -> R { progress.withLock(body) }

    /// Asks the job to stop and wakes it if it waits for input.
    func requestStop() {
        progress.withLock { $0.stopRequested = true }
        input?.wake()
    }

    /// Waits until the job ends or `milliseconds` pass; `true` when it ended.
    func waitForEnd(milliseconds: Int) -> Bool {
        progress.wait(milliseconds: milliseconds) { $0.state != .running }
    }

    /// Waits until `predicate` holds of the job's progress or `milliseconds` pass; `true` when it holds.
    func wait(milliseconds: Int, until predicate: (Progress) -> Bool) -> Bool {
        progress.wait(milliseconds: milliseconds, until: predicate)
    }

    func end(failure: String?) {
        progress.withLock { progress in
            progress.ended = MonotonicClock.nanoseconds()
            if let failure {
                progress.state = .failed
                progress.message = failure
            } else {
                progress.state = progress.stopRequested ? .stopped : .finished
            }
        }
    }

    func status() -> JobStatus {
        progress.withLock { p in
            let end = p.ended ?? MonotonicClock.nanoseconds()
            let latency: LatencySummary? =
                p.latency.count == 0
                ? nil
                : LatencySummary(
                    p50: Double(p.latency.valueAtPercentile(50)) / 1e6,
                    p90: Double(p.latency.valueAtPercentile(90)) / 1e6,
                    p99: Double(p.latency.valueAtPercentile(99)) / 1e6, max: Double(p.latency.max) / 1e6)
            return JobStatus(
                id: id, summary: summary, state: p.state, elapsedSeconds: Double(end - started) / 1e9,
                linesRead: p.linesRead, processed: p.processed, skipped: p.skipped, alerts: p.alerts,
                latency: latency, message: p.message)
        }
    }
}
