import NexoKit
import NexoLineEditor
import NexoMatch
import NexoStore

/// What a job's work closure talks to: its input, store transactions recorded as the job's runs,
/// its counters and its alerts.
struct HostJobContext: JobContext {
    let job: Job
    let host: JobHost
    /// The job's own connection to the store.
    let store: Store
    let environment: JobEnvironment

    var id: String { job.id }
    var isStopping: Bool { job.stopRequested }

    /// A batch should take about this long, so the first line of a batch does not wait long for
    /// the last: batches shrink to one line when lines are slow and grow to `limit` when fast.
    static let batchBudgetNanoseconds = 20_000_000.0

    func nextLines(limit: Int) -> [JobInputLine] {
        guard let input = job.input, limit > 0 else { return [] }
        let perLine = job.update { $0.nanosecondsPerLine }
        let sized = perLine.map { max(1, min(limit, Int(Self.batchBudgetNanoseconds / max($0, 1)))) } ?? 1
        // A line that cannot be text is skipped here, the way the job skips a malformed line.
        let lines = input.next(
            limit: sized, stopping: { job.stopRequested }, drained: { job.update { $0.drained = true } },
            refused: { number, error in
                job.update {
                    $0.linesRead += 1
                    $0.skipped += 1
                    $0.message = "line \(number): \(error.message)"
                }
            })
        job.update {
            $0.linesRead += lines.count
            if !lines.isEmpty { $0.drained = false }
        }
        return lines
    }

    func perform<T>(_ lines: [JobInputLine], _ body: (CommandContext) throws(NexoError) -> T) throws(NexoError) -> T {
        let run = RunRequest(
            user: environment.user, caseID: environment.currentCase?.id, command: job.summary,
            plugin: environment.owner.name, pluginVersion: environment.owner.version,
            time: environment.clock.now(), job: job.id)
        let output = JobOutput(job: job)
        let started = MonotonicClock.nanoseconds()
        let value: T
        while true {
            do throws(NexoError) {
                value = try store.perform(run, writes: true, dryRun: false) { session throws(NexoError) in
                    let context = CommandContext(
                        store: session, user: environment.user, currentCase: environment.currentCase,
                        input: nil, variables: [:], output: output, isDryRun: false,
                        isCancelled: { [job] in job.stopRequested },
                        matcher: environment.engine.matcher(storage: StoreGalleryStorage(session: session)),
                        files: environment.files, jobs: nil, today: CivilDate(iso: run.time.prefix(10)))
                    return try body(context)
                }.value
                break
            } catch  where error.code == .busy && !job.stopRequested {
                // A user command held the write lock past the busy wait: nothing was written; the
                // batch goes again (its lines' latency includes the wait).
                job.update { progress in
                    progress.message = "waited for the store: \(error.message)"
                    progress.skipped -= progress.skippedInBatch.count // the batch runs again and skips them again
                    progress.skippedInBatch.removeAll()
                }
            }
        }
        let committed = MonotonicClock.nanoseconds()
        job.update { progress in
            let perLine = Double(committed - started) / Double(max(1, lines.count))
            progress.nanosecondsPerLine = progress.nanosecondsPerLine.map { 0.8 * $0 + 0.2 * perLine } ?? perLine
            for line in lines where progress.skippedInBatch.remove(line.number) == nil {
                progress.processed += 1
                progress.latency.record(committed &- line.arrived)
            }
            progress.skippedInBatch.removeAll()
        }
        return value
    }

    func skip(_ line: JobInputLine, reason: String) {
        job.update {
            $0.skipped += 1
            $0.skippedInBatch.insert(line.number)
            $0.message = "line \(line.number): \(reason)"
        }
    }

    func alert(_ text: String) {
        // Queued before it is counted: a wait woken by the count finds the alert to show.
        host.raise("alert [\(job.id)] \(text)")
        job.update { $0.alerts += 1 }
    }
}

/// Notes a job's commands write: kept as the job's latest message (nobody watches a job's
/// standard error); progress is not shown.
struct JobOutput: CommandOutput {
    let job: Job
    func note(_ text: String) { job.update { $0.message = text } }
    func progress(_ done: Int, of total: Int?, label: String) {}
}

/// The ``BackgroundJobs`` a plugin command sees: the shell's job host, seen as that plugin.
struct PluginJobs: BackgroundJobs {
    let host: JobHost
    let environment: JobEnvironment
    /// Prints the alerts raised so far that nobody showed yet (scripts; the REPL shows them as
    /// they come), so a wait shows them as they are raised.
    let showAlerts: () -> Void

    func start(
        _ request: JobRequest,
        _ work: @escaping @Sendable (any JobContext) throws(NexoError) -> Void
    ) throws(NexoError) -> JobStatus {
        try host.start(request, environment: environment, work)
    }

    func statuses() -> [JobStatus] { host.jobs(of: environment.owner.name).map { $0.status() } }

    func stop(_ id: String) throws(NexoError) -> JobStatus {
        let job = try host.job(id, of: environment.owner.name)
        job.requestStop()
        while !job.waitForEnd(milliseconds: 200) {}
        return job.status()
    }

    func wait(_ id: String, bound: JobWaitBound) throws(NexoError) -> JobStatus {
        let job = try host.job(id, of: environment.owner.name)
        // Clamped to a year so no conversion traps, whatever the bound.
        let deadline = bound.seconds.map { MonotonicClock.nanoseconds() + UInt64(min(max(0, $0), 31_536_000) * 1e9) }
        var shown = -1
        while true {
            // Wake on every alert, at the end of the job's input or the bound, and every 100 ms
            // to notice Ctrl-C: the wait ends, the job goes on.
            let now = MonotonicClock.nanoseconds()
            let slice = deadline.map { $0 > now ? min(100, Int(($0 - now) / 1_000_000) + 1) : 0 } ?? 100
            var done = false
            _ = job.wait(milliseconds: slice) { progress in
                done =
                    progress.handledAllInput || bound.lines.map { progress.processed + progress.skipped >= $0 } ?? false
                return done || progress.alerts != shown
            }
            shown = job.update { $0.alerts }
            showAlerts()
            if done || deadline.map({ MonotonicClock.nanoseconds() >= $0 }) ?? false { return job.status() }
            if InterruptMonitor.shared.isInterrupted {
                throw NexoError(
                    .cancelled, "stopped waiting for \(id); it is still running",
                    hint: "the \(environment.owner.name) plugin's commands show and stop it (see 'help')")
            }
        }
    }
}
