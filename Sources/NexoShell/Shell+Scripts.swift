import NexoFiles
import NexoKit
import NexoLanguage
import NexoStore

/// Script files, recordings and replay.
extension Shell {
    /// Reads a script or recording file as text (see ``decodeScript(_:source:lenient:)``).
    func readScript(_ path: String, lenient: Bool = false) throws(NexoError) -> String {
        try decodeScript(try LocalFiles.read(path), source: path, lenient: lenient)
    }

    /// Script bytes as text: a leading UTF-8 byte-order mark is skipped; invalid UTF-8 is refused
    /// with `source:line:byte`, or, with `lenient` or the session's `--lenient-encoding`, replaced
    /// with U+FFFD and warned about once with a count. `source` names the script in messages.
    func decodeScript(_ bytes: [UInt8], source: String, lenient: Bool = false) throws(NexoError) -> String {
        let (text, replaced) = try UTF8Input.decode(bytes, file: source, policy: lenient ? .lenient : options.encoding)
        if replaced > 0 { sink.err(UTF8Input.replacementWarning(replaced, in: source) + "\n") }
        return text
    }

    /// `nexo -c TEXT` and `nexo < FILE`: runs commands given as bytes, as they came (before any
    /// decoding), so invalid UTF-8 is refused like in a script file. `source` is `-c` or `<stdin>`.
    public func run(bytes: [UInt8], source: String, keepGoing: Bool) -> ExitStatus {
        let text: String
        do { text = try decodeScript(bytes, source: source) } catch {
            sink.err("error: \(error.description)\n")
            return ExitStatus(error.code)
        }
        return run(source: text, file: source, keepGoing: keepGoing)
    }

    /// Adds `name=value` script parameters as variables.
    func applyParameters(_ params: [String]) throws(NexoError) {
        for param in params {
            guard let eq = param.firstIndex(of: "="), eq != param.startIndex else {
                throw NexoError(.usage, "invalid parameter '\(param)'", hint: "write --param name=value")
            }
            let name = String(param[..<eq])
            try VariableName.validate(name)
            state.variables[name] = .value(.string(String(param[param.index(after: eq)...])))
        }
    }

    /// `run FILE`: runs a script inside this session.
    func runNested(file: String, params: [String], keepGoing: Bool, lenientEncoding: Bool) throws(NexoError)
        -> CommandResult
    {
        guard scriptState.runDepth < 16 else {
            throw NexoError(.failed, "scripts nested more than 16 deep", hint: "check for a script that runs itself")
        }
        let source = try readScript(file, lenient: lenientEncoding)
        try applyParameters(params)
        scriptState.runDepth += 1
        defer { scriptState.runDepth -= 1 }
        let status = run(source: source, file: file, keepGoing: keepGoing)
        if status != .success {
            throw NexoError(status.errorCode, "script '\(file)' failed (exit status \(status.rawValue))")
        }
        return .empty
    }

    /// `record start FILE`.
    func startRecording(to path: String) throws(NexoError) -> CommandResult {
        if let recorder = scriptState.recorder {
            throw NexoError(.failed, "already recording to '\(recorder.path)'", hint: "record stop first")
        }
        scriptState.recorder = try Recorder(path: path, dataVersion: try store.dataVersion())
        return CommandResult(message: "recording to \(path)")
    }

    /// `record stop`.
    func stopRecording() throws(NexoError) -> CommandResult {
        guard let recorder = scriptState.recorder else {
            throw NexoError(.failed, "not recording", hint: "record start FILE begins a recording")
        }
        scriptState.recorder = nil
        try recorder.close()
        return CommandResult(message: "recording saved to \(recorder.path)")
    }

    /// `nexo replay FILE [--verify]`: re-runs a recording; with `verify`, reports each command whose
    /// result digest differs from the recorded one and returns ``ExitStatus/mismatch`` if any did.
    public func replay(file: String, verify: Bool) -> ExitStatus {
        let recorded: [RecordedStatement]
        do {
            let source = try readScript(file)
            recorded = try RecordingReader.read(source, file: file)
            // Results compared on a store that changed since are expected to differ: say so first.
            if verify, let then = RecordingReader.startingDataVersion(source), let now = try? store.dataVersion(),
                then != now
            {
                sink.err(
                    "warning: the store has changed since the recording began (data version \(then) then, \(now) now); "
                        + "results may differ for that reason alone — replay on a copy of the store as it was\n")
            }
        } catch {
            sink.err("error: \(error.description)\n")
            return ExitStatus(error.code)
        }
        var mismatches = 0
        for entry in recorded {
            if state.exitRequest != nil { break }
            do {
                let script = try Parser.parse(entry.text, file: file, firstLine: entry.line)
                for statement in script.statements {
                    state.statementFormat = nil
                    let result = try evaluate(statement.pipeline, text: statement.text)
                    if let name = statement.assignedVariable {
                        state.variables[name] = .table(result.table ?? ResultTable(columns: []))
                    } else if !verify {
                        render(result)
                    }
                    let digest = Self.digest(of: result)
                    if verify && digest != entry.digest {
                        mismatches += 1
                        sink.err(
                            "\(file):\(entry.line): mismatch: '\(statement.text)' gave \(digest.prefix(19))…, "
                                + "recorded \(entry.digest.prefix(19))…\n"
                        )
                    }
                }
            } catch {
                report(error)
                if verify {
                    mismatches += 1
                } else {
                    return ExitStatus(error.error.code)
                }
            }
        }
        if verify {
            sink.err(
                mismatches == 0
                    ? "replay: all \(recorded.count) commands gave their recorded results\n"
                    : "replay: \(mismatches) of \(recorded.count) commands differ from the recording\n")
            return mismatches == 0 ? .success : .mismatch
        }
        return .success
    }
}
