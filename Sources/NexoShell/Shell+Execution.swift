import NexoFiles
import NexoKit
import NexoLanguage
import NexoLineEditor
import NexoMatch
import NexoOutput
import NexoStore

/// Executing statements: binding, the one dispatch path every command takes, rendering.
extension Shell {
    /// Runs source text (a script file, a `-c` string, one REPL line). Stops at the first failing
    /// statement unless `keepGoing`; returns the status of the first failure, or success.
    @discardableResult
    public func run(source: String, file: String?, keepGoing: Bool = false) -> ExitStatus {
        let script: Script
        do {
            script = try Parser.parse(source, file: file)
        } catch {
            report(error)
            return ExitStatus(error.error.code)
        }
        var status = ExitStatus.success
        for statement in script.statements {
            if state.exitRequest != nil { break }
            // `set timing on` turns timing on inside this statement: only time what started timed.
            let started: Double? = state.timing ? MonotonicClock.milliseconds() : nil
            defer {
                if state.timing, let started {
                    let elapsed = MonotonicClock.milliseconds() - started
                    sink.err("time: \((elapsed * 1000).rounded() / 1000) ms\n")
                }
            }
            do {
                try execute(statement)
            } catch {
                report(error)
                if status == .success { status = ExitStatus(error.error.code) }
                if !keepGoing || error.error.code == .cancelled { break }
            }
            showAlerts()
            sinkFlushIfInteractive()
        }
        return status
    }

    /// Prints the alerts background jobs raised since the last statement (scripts; the REPL shows
    /// them as they come).
    func showAlerts() {
        for alert in jobHost.takeAlerts() { sink.err(Renderer.escapeForTerminal(alert) + "\n") }
    }

    /// What a job started by `request`'s command runs with.
    func jobEnvironment(_ request: CommandRequest) -> JobEnvironment {
        JobEnvironment(
            storePath: options.databasePath, schema: schema, engine: matchEngine, owner: request.owner,
            user: options.user,
            currentCase: state.currentCase, clock: options.clock,
            files: HostFiles(request: request, gate: guards.egress))
    }

    /// Executes one statement: a pipeline, `let name = pipeline`.
    func execute(_ statement: Statement) throws(LocatedError) {
        state.statementFormat = nil
        let result = try evaluate(statement.pipeline, text: statement.text)
        if let name = statement.assignedVariable {
            let table = result.table ?? ResultTable(columns: [])
            state.variables[name] = .table(table)
            if let message = result.message { sink.err(message + "\n") }
            // What was bound, so an empty result is seen at once.
            sink.err("\(name): \(table.rowCount) row\(table.rowCount == 1 ? "" : "s")\n")
        } else {
            render(result)
        }
        if let recorder = scriptState.recorder, !statement.isRecordingControl {
            do {
                try recorder.append(
                    statement: statement.text, digest: Self.digest(of: result),
                    dataVersion: try store.dataVersion())
            } catch {
                throw LocatedError(error: error, location: statement.location, sourceLine: nil)
            }
        }
    }

    /// Runs each stage of a pipeline, feeding each stage's table to the next.
    func evaluate(_ pipeline: Pipeline, text: String) throws(LocatedError) -> CommandResult {
        var input: ResultTable?
        if let name = pipeline.sourceVariable {
            guard case .table(let table)? = state.variables[name] else {
                let names = state.variables.keys.sorted()
                throw LocatedError(
                    error: NexoError(
                        .usage, "no table variable '$\(name)'",
                        hint: Suggestions.didYouMean(name, in: names) ?? "set one with: let \(name) = <command>"),
                    location: pipeline.location,
                    sourceLine: pipeline.stages.first?.sourceLine(pipeline.location.line))
            }
            input = table
            if pipeline.stages.isEmpty { return CommandResult(table: table) }
        }
        var result = CommandResult.empty
        for (index, stage) in pipeline.stages.enumerated() {
            let bound = try bind(stage)
            let piped = index > 0 || pipeline.sourceVariable != nil
            if piped && bound.spec.input == nil {
                throw LocatedError(
                    NexoError(
                        .usage, "'\(bound.spec.name)' does not read from a pipe",
                        hint:
                            "commands that do: where, sort, limit, select, count, labels, format, "
                            + "and those whose help says 'reads … from a pipe'"
                    ),
                    in: stage)
            }
            do {
                result = try dispatch(bound, input: piped ? (input ?? ResultTable(columns: [])) : nil, text: text)
            } catch {
                throw LocatedError(error, in: stage)
            }
            input = result.table
        }
        return result
    }

    /// Binds one command call to its spec: command lookup, options, typed values, entity references.
    func bind(_ call: CommandCall) throws(LocatedError) -> BoundCommand {
        let words = call.words.map { $0.hasVariables ? nil : $0.literal }
        let binder =
            registry.command(calledWith: words).map {
                Binder(specs: [$0.spec], globalOptions: Self.globalOptions, homeDirectory: FileNames.homeDirectory())
            } ?? self.binder
        return try binder.bind(call, variables: state.variables) { text, kind throws(NexoError) in
            try self.store.perform(self.readRequest(text: text), writes: false, dryRun: false) {
                session throws(NexoError) in
                try session.resolve(text, kind: kind)
            }.value
        }
    }

    /// `--format`, which every command accepts.
    static let formatOption = OptionKey(
        "format", .oneOf(OutputFormat.allCases.map(\.rawValue)), "Output format for this command")
    /// `--dry-run`, which every command accepts (and writing commands act on).
    static let dryRunOption = FlagKey("dry-run", "Report what a writing command would change, and change nothing")

    /// Options every command accepts; the dispatcher acts on them.
    static let globalOptions: [OptionSpec] = [formatOption.optionSpec, dryRunOption.optionSpec]

    func readRequest(text: String) -> RunRequest {
        RunRequest(
            user: options.user, caseID: state.currentCase?.id, command: text, plugin: CoreSchema.owner,
            pluginVersion: CoreSchema.version, time: options.clock.now())
    }

    /// The one path every command takes: authorize, egress gate, store transaction, run, report.
    /// Audit entries and need-to-know checks attach here and nowhere else.
    func dispatch(_ bound: BoundCommand, input: ResultTable?, text: String) throws(NexoError) -> CommandResult {
        guard let command = registry[bound.spec.path] else {
            throw NexoError(.notFound, "command '\(bound.spec.name)' is not registered")
        }
        let arguments = bound.arguments
        if let format = bound.globalArguments[Self.formatOption] {
            state.statementFormat = OutputFormat(rawValue: format)
        }
        let dryRun = bound.globalArguments[Self.dryRunOption]
        if dryRun && !command.spec.writes {
            throw NexoError(.usage, "'\(command.spec.name)' does not write, so --dry-run does not apply")
        }
        let request = CommandRequest(
            spec: command.spec, owner: command.owner, arguments: arguments, user: options.user,
            currentCase: state.currentCase, text: text)
        try guards.access.authorize(request)
        // Egress commands (`export`) name where the data goes with their `file` argument.
        if command.egress { try guards.egress.allow(request, destination: try arguments[Builtins.Export.file]) }

        if case .session(let run) = command.action {
            return try Self.rethrowing {
                try run(arguments, sessionContext(text: text, input: input, isDryRun: dryRun))
            }
        }
        let runRequest = RunRequest(
            user: options.user, caseID: state.currentCase?.id, command: text, plugin: command.owner.name,
            pluginVersion: command.owner.version, time: options.clock.now())
        let notes = NoteWriter(sink: sink, showProgress: options.outputIsTerminal)
        defer { notes.finish() }
        let outcome = try Self.rethrowing {
            try store.perform(runRequest, writes: command.spec.writes, dryRun: dryRun) { session in
                let context = CommandContext(
                    store: session, user: options.user, currentCase: state.currentCase, input: input,
                    variables: state.variables, output: notes,
                    isDryRun: dryRun, isCancelled: { InterruptMonitor.shared.isInterrupted },
                    matcher: matchEngine.matcher(storage: StoreGalleryStorage(session: session, output: notes)),
                    files: HostFiles(request: request, gate: guards.egress),
                    jobs: PluginJobs(
                        host: jobHost, environment: jobEnvironment(request),
                        showAlerts: { self.showAlerts() }),
                    today: CivilDate(iso: runRequest.time.prefix(10)))
                // The audit entry (user, time, case, purpose, arguments, outcome) belongs here, in
                // this same transaction, so it commits or rolls back together with the writes.
                switch command.action {
                case .plugin(let run): return try run(arguments, context)
                case .builtin(let run):
                    return try run(
                        arguments, BuiltinContext(context: context, store: session, text: text, session: self))
                case .session: fatalError("handled above")
                }
            }
        }
        var result = outcome.value
        if dryRun {
            result.message = "dry run: would make \(outcome.changes); nothing was changed"
        }
        return result
    }

    /// Converts any error thrown by command code into a ``NexoError``.
    static func rethrowing<T>(_ body: () throws -> T) throws(NexoError) -> T {
        do { return try body() } catch let error as NexoError { throw error } catch {
            throw NexoError(.failed, "\(error)")
        }
    }

    /// Prints a result: table (in the statement's or session's format) and text to standard output,
    /// the status message to standard error. The footer goes below a table rendered as a table,
    /// and to standard error in the other formats, never among the data. In the REPL on a terminal
    /// (``mayPage``) the standard output is gathered and shown through the pager when it does not fit
    /// the screen (``showPaged(_:)``); what goes to standard error follows it.
    func render(_ result: CommandResult) {
        var renderer = Renderer(
            format: state.effectiveFormat, isTerminal: options.outputIsTerminal, terminalWidth: terminalWidth)
        renderer.vertical = state.vertical
        let paging = mayPage
        var shown = "", notes = ""
        func out(_ text: String) { if paging { shown += text } else { sink.out(text) } }
        func err(_ text: String) { if paging { notes += text } else { sink.err(text) } }
        if let table = result.table {
            out(renderer.render(table))
        }
        if let footer = result.footer {
            let line = Renderer.escapeForTerminal(footer) + "\n"
            if renderer.format == .table && result.table != nil { out(line) } else { err(line) }
        }
        if let text = result.text {
            out(Renderer.escapeForTerminal(text) + (text.hasSuffix("\n") ? "" : "\n"))
        }
        if let message = result.message {
            err(Renderer.escapeForTerminal(message) + "\n")
        }
        guard paging else { return }
        showPaged(shown)
        if !notes.isEmpty { sink.err(notes) }
    }

    /// The terminal's width now (it follows a resize), or the width the options give; `nil` off a terminal.
    var terminalWidth: Int? {
        options.followsTerminalWidth ? Terminal.width(1) ?? options.terminalWidth : options.terminalWidth
    }

    /// Prints an error: `file:line:col: error: …`, the source line and a caret.
    func report(_ error: LocatedError) {
        sink.err(error.rendered + "\n")
    }

    /// The digest a recording stores for a result: SHA-256 of its canonical NDJSON rendering.
    static func digest(of result: CommandResult) -> String {
        var canonical =
            result.table.map { Renderer(format: .ndjson, isTerminal: false, terminalWidth: nil).render($0) } ?? ""
        canonical += "\u{1E}" + (result.text ?? "") + "\u{1E}" + (result.message ?? "")
        if let footer = result.footer { canonical += "\u{1E}" + footer }
        return "sha256:" + FileDigest.sha256(text: canonical)
    }

    func sinkFlushIfInteractive() {
        if options.outputIsTerminal { sink.flush() }
    }

    /// `undo [R-n]`: reverts the current user's newest writing run, or run `R-n` of anyone
    /// (the message then names its user when it is not the current one).
    func undo(run: String?, text: String, dryRun: Bool) throws(NexoError) -> CommandResult {
        let request = RunRequest(
            user: options.user, caseID: state.currentCase?.id, command: text, plugin: CoreSchema.owner,
            pluginVersion: CoreSchema.version, time: options.clock.now())
        let undone: RunInfo, changes: ChangeSummary
        if let run {
            let digits = run.hasPrefix("R-") || run.hasPrefix("r-") ? run.dropFirst(2) : Substring(run)
            guard let id = Int64(digits), id > 0 else {
                throw NexoError(.usage, "'\(run)' is not a run id", hint: "give a run id from 'runs', e.g. 'undo R-12'")
            }
            (undone, changes) = try store.undoRun(id, by: request, dryRun: dryRun)
        } else {
            guard let last = try store.undoLastRun(by: request, dryRun: dryRun) else {
                return CommandResult(message: "nothing to undo")
            }
            (undone, changes) = last
        }
        let by = undone.user == options.user ? "" : " by \(undone.user)"
        if dryRun {
            return CommandResult(
                message: "dry run: would undo R-\(undone.id)\(by) '\(undone.command)': \(changes); nothing was changed")
        }
        return CommandResult(message: "undid R-\(undone.id)\(by) '\(undone.command)': \(changes)")
    }
}

/// Notes and progress from commands, to standard error; progress only on a terminal, as one
/// line redrawn in place and cleared before anything else is written.
struct NoteWriter: CommandOutput {
    let sink: any TextSink
    let progressLine: ProgressLine?

    init(sink: any TextSink, showProgress: Bool) {
        self.sink = sink
        progressLine = showProgress ? ProgressLine(sink: sink) : nil
    }

    func note(_ text: String) {
        progressLine?.finish()
        sink.err(Renderer.escapeForTerminal(text) + "\n")
    }

    func progress(_ done: Int, of total: Int?, label: String) { progressLine?.update(done, of: total, label: label) }

    /// Clears the progress line at the end of the command.
    func finish() { progressLine?.finish() }
}
