import NexoKit

/// `bio feed start|status|stop|wait`: the real-time feed, matching encounters in the background
/// while the REPL stays usable.
enum BioFeedJob {
    static let commands = [start, status, stop, wait]

    static let startSource = ArgumentKey("source", .filePath, "NDJSON file, FIFO, or - for standard input")
    static let startBatch = DefaultedOptionKey("batch", .int, "Most lines per transaction", default: 16)
    static let startFollow = FlagKey("follow", "Keep reading a FIFO after its writer closes it")
    static let statusFeed = OptionalArgumentKey("feed", .string(completing: .jobs(kind: "feed")), "A feed id (feed-1)")
    static let stopFeed = ArgumentKey("feed", .string(completing: .jobs(kind: "feed")), "A feed id (feed-1)")
    static let waitFeed = OptionalArgumentKey(
        "feed", .string(completing: .jobs(kind: "feed")), "A feed id (feed-1); every running feed when omitted")
    static let waitLines = OptionKey(
        "lines", .int, "Stop waiting once the feed has handled this many lines since it started")
    static let waitUntil = OptionKey(
        "until", .string, "Stop waiting after this long: seconds, minutes or hours, e.g. 90s, 5m, 1h")

    static let start = Command(
        CommandSpec(
            ["bio", "feed", "start"], summary: "Match encounters in the background as they arrive (file, FIFO or -)",
            discussion: """
                Reads NDJSON encounters (the format of 'bio feed run') from a file, a FIFO or standard input (-, in \
                'nexo -c' and 'nexo run' only) on a thread of its own and returns at once. Lines are taken in batches \
                of at most --batch sized to take about 20 ms; each batch is matched and stored in one transaction \
                recorded as a run of the feed ('undo' passes over feed runs). Latency is measured per line from the \
                moment it was read to the commit of its result. Alerts from standing watches show as they are raised, \
                on standard error (above the prompt in the REPL). A file ends the feed at its end, a FIFO when its \
                writer closes it (with --follow it waits for the next writer until 'bio feed stop'). A script waits \
                for its feeds to handle their input before it exits (a --follow feed stops once its writer closed the \
                FIFO); leaving the REPL stops them. A malformed line, a line that is not valid UTF-8 and a line longer \
                than 16 MiB are skipped and counted, the latest reason kept as the feed's message ('line 7: invalid \
                UTF-8 at byte 12 of the line (0xE9)').
                """,
            arguments: [startSource],
            options: [BioFeed.top, startBatch, startFollow],
            examples: [
                "bio feed start la-hachadura.fifo --follow", "bio feed start today.ndjson --batch 32",
            ]),
        run: runStart)

    static let status = Command(
        CommandSpec(
            ["bio", "feed", "status"], summary: "Feeds of this session: progress, throughput, latency percentiles",
            discussion:
                "One row per feed started in this session (or the one named): lines read, processed and skipped, "
                + "alerts, encounters per second over its life, latency from arrival to commit at the "
                + "50th/90th/99th percentile and the maximum (milliseconds, 3 significant digits on "
                + "HdrHistogram's bucket scheme), and its latest message.",
            arguments: [statusFeed],
            examples: ["bio feed status", "bio feed status feed-2 --format json"]),
        run: runStatus)

    static let stop = Command(
        CommandSpec(
            ["bio", "feed", "stop"], summary: "Stop a feed after the batch it is working on",
            arguments: [stopFeed],
            examples: ["bio feed stop feed-1"]),
        run: runStop)

    static let wait = Command(
        CommandSpec(
            ["bio", "feed", "wait"], summary: "Wait until a feed (or every running feed) has handled all its input",
            discussion: """
                A feed has handled all its input when its file ended or its FIFO's writer closed it and every line \
                read was handled; a feed started with --follow then goes on with the next writer. --lines and --until \
                end the wait earlier. Alerts show as they are raised. Ctrl-C ends the wait, not the feed.
                """,
            arguments: [waitFeed],
            options: [waitLines, waitUntil],
            examples: ["bio feed wait", "bio feed wait feed-2", "bio feed wait feed-1 --lines 500 --until 10m"]),
        run: runWait)

    @Sendable static func runStart(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let jobs = try host(context)
        let source = try arguments[startSource]
        let top = try BioFeed.checkedTop(arguments)
        let batch = Int(arguments[startBatch])
        guard (1...10_000).contains(batch) else { throw NexoError(.usage, "--batch must be 1 to 10000") }
        let request = JobRequest(
            kind: "feed", summary: "bio feed start \(source)", input: source,
            followInput: arguments[startFollow])
        let started = try jobs.start(request) { job throws(NexoError) in try work(job, top: top, batch: batch) }
        return CommandResult(
            table: table([started]),
            message: "\(started.id) started on \(source); 'bio feed status' shows its progress")
    }

    /// The feed's loop: batches of lines, each matched and stored in one transaction.
    static func work(_ job: any JobContext, top: Int, batch: Int) throws(NexoError) {
        while case let read = job.nextLines(limit: batch), !read.isEmpty {
            let lines = read.filter { $0.text.contains(where: { !$0.isWhitespace }) }
            if !lines.isEmpty { try handle(lines, job, top: top) }
        }
    }

    private static func handle(_ lines: [JobInputLine], _ job: any JobContext, top: Int) throws(NexoError) {
        let alerts = try job.perform(lines) { context throws(NexoError) -> [String] in
            // Watches are read per batch, so a watch added in the REPL applies from the next batch.
            let recorder = try EncounterRecorder(context, top: top)
            var encounters: [(encounter: Encounter, number: Int)] = []
            for line in lines {
                do throws(NexoError) {
                    let encounter = try recorder.parse(line.text)
                    for warning in encounter.probe.warnings {
                        context.output.note("warning: line \(line.number): \(warning)")
                    }
                    encounters.append((encounter, line.number))
                } catch {
                    job.skip(line, reason: error.message)
                }
            }
            return try recorder.record(encounters).flatMap(\.alerts)
        }
        for alert in alerts { job.alert(alert) }
    }

    @Sendable static func runStatus(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let jobs = try host(context)
        var statuses = jobs.statuses()
        if let id = arguments[statusFeed] {
            let ids = statuses.map(\.id)
            statuses = statuses.filter { $0.id == id }
            if statuses.isEmpty {
                throw NexoError(
                    .notFound, "no feed '\(id)'",
                    hint: Suggestions.didYouMean(id, in: ids)
                        ?? (ids.isEmpty
                            ? "no feed was started in this session" : "feeds: \(ids.joined(separator: ", "))"))
            }
        }
        return CommandResult(
            table: table(statuses),
            message: statuses.isEmpty ? "no feed was started in this session" : latestReasons(statuses))
    }

    @Sendable static func runStop(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let stopped = try host(context).stop(try arguments[stopFeed])
        return CommandResult(
            table: table([stopped]),
            message: (["\(stopped.id) \(stopped.state.rawValue) after \(stopped.processed) encounters"]
                + [latestReasons([stopped])].compactMap { $0 }).joined(separator: "\n"))
    }

    @Sendable static func runWait(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let jobs = try host(context)
        let bound = try waitBound(arguments)
        let ids = arguments[waitFeed].map { [$0] } ?? jobs.statuses().filter { $0.state == .running }.map(\.id)
        var ended: [JobStatus] = []
        for id in ids { ended.append(try jobs.wait(id, bound: bound)) }
        return CommandResult(table: table(ended), message: ids.isEmpty ? "no feed is running" : latestReasons(ended))
    }

    /// `--lines N` and `--until DURATION` of `bio feed wait`.
    static func waitBound(_ arguments: ParsedArguments) throws(NexoError) -> JobWaitBound {
        var bound = JobWaitBound()
        if let lines = arguments[waitLines] {
            guard lines >= 1 else { throw NexoError(.usage, "--lines must be at least 1", hint: "e.g. --lines 100") }
            bound.lines = Int(lines)
        }
        if let text = arguments[waitUntil] { bound.seconds = try DurationText.seconds(text, option: "--until") }
        return bound
    }

    private static func host(_ context: CommandContext) throws(NexoError) -> any BackgroundJobs {
        guard let jobs = context.jobs else {
            throw NexoError(
                .failed, "this host runs no background jobs",
                hint: "use 'bio feed run FILE' to match a file in the foreground")
        }
        return jobs
    }

    static let columns = [
        Column("feed", .string), Column("state", .oneOf(JobState.allCases.map(\.rawValue))), Column("read", .int),
        Column("processed", .int), Column("skipped", .int), Column("alerts", .int), Column("per_second", .double),
        Column("p50_ms", .double), Column("p90_ms", .double), Column("p99_ms", .double), Column("max_ms", .double),
        Column("seconds", .double), Column("source", .string), Column("message", .string),
    ]

    /// Each feed's latest message in full, one line each (`feed-1 skipped 2 lines; the latest: line 7: …`), for
    /// under the table: the `message` column is cut to fit a terminal's width.
    static func latestReasons(_ statuses: [JobStatus]) -> String? {
        let lines = statuses.compactMap { status -> String? in
            guard let message = status.message else { return nil }
            if status.state == .failed { return "\(status.id) failed: \(message)" }
            guard status.skipped > 0 else { return "\(status.id): \(message)" }
            return
                "\(status.id) skipped \(status.skipped) line\(status.skipped == 1 ? "" : "s"); the latest: \(message)"
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    static func table(_ statuses: [JobStatus]) -> ResultTable {
        var table = ResultTable(columns: columns)
        func round(_ x: Double) -> Value { .double((x * 100).rounded() / 100) }
        for s in statuses {
            table.append([
                .string(s.id), .string(s.state.rawValue), .int(Int64(s.linesRead)), .int(Int64(s.processed)),
                .int(Int64(s.skipped)), .int(Int64(s.alerts)), round(s.throughput),
                s.latency.map { round($0.p50) } ?? .null, s.latency.map { round($0.p90) } ?? .null,
                s.latency.map { round($0.p99) } ?? .null, s.latency.map { round($0.max) } ?? .null,
                round(s.elapsedSeconds), .string(s.summary), s.message.map(Value.string) ?? .null,
            ])
        }
        return table
    }
}
