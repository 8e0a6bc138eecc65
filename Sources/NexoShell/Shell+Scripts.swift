import Glibc
import NexoKit
import NexoLanguage

/// Script files, recordings and replay.
extension Shell {
    /// Reads a whole text file.
    static func readText(_ path: String) throws(NexoError) -> String {
        guard let file = fopen(path, "rb") else {
            throw NexoError(.notFound, "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes += buffer[..<n]
            if n < buffer.count { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Adds `name=value` script parameters as variables.
    func applyParameters(_ params: [String]) throws(NexoError) {
        for param in params {
            guard let eq = param.firstIndex(of: "="), eq != param.startIndex else {
                throw NexoError(.usage, "invalid parameter '\(param)'", hint: "write --param name=value")
            }
            let name = String(param[..<eq])
            try VariableName.validate(name)
            variables[name] = .value(.string(String(param[param.index(after: eq)...])))
        }
    }

    /// `run FILE`: runs a script inside this session.
    func runNested(file: String, params: [String], keepGoing: Bool) throws(NexoError) -> CommandResult {
        guard runDepth < 16 else {
            throw NexoError(.failed, "scripts nested more than 16 deep", hint: "check for a script that runs itself")
        }
        let source = try Self.readText(file)
        try applyParameters(params)
        runDepth += 1
        defer { runDepth -= 1 }
        let status = run(source: source, file: file, keepGoing: keepGoing)
        if status != .success {
            throw NexoError(status == .usage ? .usage : .failed, "script '\(file)' failed (exit status \(status.rawValue))")
        }
        return .empty
    }

    /// `record start FILE`.
    func startRecording(to path: String) throws(NexoError) -> CommandResult {
        if let recorder { throw NexoError(.failed, "already recording to '\(recorder.path)'", hint: "record stop first") }
        recorder = try Recorder(path: path, dataVersion: try store.dataVersion())
        return CommandResult(message: "recording to \(path)")
    }

    /// `record stop`.
    func stopRecording() throws(NexoError) -> CommandResult {
        guard let recorder else { throw NexoError(.failed, "not recording", hint: "record start FILE begins a recording") }
        self.recorder = nil
        try recorder.close()
        return CommandResult(message: "recording saved to \(recorder.path)")
    }

    /// `nexo replay FILE [--verify]`: re-runs a recording; with `verify`, reports each command whose
    /// result digest differs from the recorded one and returns ``ExitStatus/mismatch`` if any did.
    public func replay(file: String, verify: Bool) -> ExitStatus {
        let recorded: [RecordedStatement]
        do {
            recorded = try RecordingReader.read(try Self.readText(file), file: file)
        } catch {
            sink.err("error: \(error.description)\n")
            return ExitStatus(error.code)
        }
        var mismatches = 0
        for entry in recorded {
            if exitRequest != nil { break }
            do {
                let script = try Parser.parse(entry.text, file: file, firstLine: entry.line)
                for statement in script.statements {
                    statementFormat = nil
                    let result = try evaluate(statement.pipeline, text: statement.text)
                    if let name = statement.assignedVariable {
                        variables[name] = .table(result.table ?? ResultTable(columns: []))
                    } else if !verify {
                        render(result)
                    }
                    let digest = Self.digest(of: result)
                    if verify && digest != entry.digest {
                        mismatches += 1
                        sink.err("\(file):\(entry.line): mismatch: '\(statement.text)' gave \(digest.prefix(19))…, recorded \(entry.digest.prefix(19))…\n")
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
            sink.err(mismatches == 0 ? "replay: all \(recorded.count) commands gave their recorded results\n"
                                     : "replay: \(mismatches) of \(recorded.count) commands differ from the recording\n")
            return mismatches == 0 ? .success : .mismatch
        }
        return .success
    }
}
