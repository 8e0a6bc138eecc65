import Glibc
import NexoFiles
import NexoKit
import NexoOutput

/// Facts about the running process, read once at start.
public enum ProcessEnvironment {
    /// The environment variables Nexo reads: where things are (`HOME`, `NEXO_DB`, `NEXO_HISTFILE`,
    /// `NEXO_PLUGIN_PATH`), who works (`NEXO_USER`, `USER`), a fixed clock for reproducible runs
    /// (`NEXO_CLOCK`) and the REPL's pager (`PAGER`). Listed once here, so the help and the code agree.
    public static let namesRead = [
        "HOME", "USER", "NEXO_DB", "NEXO_USER", "NEXO_CLOCK", "NEXO_HISTFILE", "NEXO_PLUGIN_PATH", "PAGER",
    ]

    /// The variables of ``namesRead`` that are set, read with `getenv` (not the whole environment:
    /// a start reads eight names, not every variable of the user's shell).
    public static var current: [String: String] {
        var result: [String: String] = [:]
        for name in namesRead {
            if let value = getenv(name) { result[name] = String(cString: value) }
        }
        return result
    }

    /// Directory of the running executable (from /proc/self/exe).
    public static var executableDirectory: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return "." }
        let path = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    /// All of standard input, as bytes (``Shell/run(bytes:source:keepGoing:)`` decodes them).
    public static func readStandardInput() -> [UInt8] { DescriptorIO.readToEnd(0) }
}

extension Shell {
    /// Adds `--param name=value` variables.
    public func setParameters(_ params: [String]) throws(NexoError) { try applyParameters(params) }

    /// `--case ID`: starts the session in an existing open case, as `case use ID` would.
    public func useCase(_ id: String) throws(NexoError) {
        let info = try store.perform(readRequest(text: "--case"), writes: false, dryRun: false) {
            session throws(NexoError) in
            try session.caseInfo(id)
        }.value
        guard let info else {
            throw NexoError(.notFound, "no case '\(id)'", hint: "see 'case list', or open it with 'case open \(id)'")
        }
        guard info.isOpen else {
            throw NexoError(.failed, "case \(id) is closed", hint: "reopen it with 'case open \(id)'")
        }
        state.currentCase = info
    }

    /// `nexo run FILE`: reads and runs a script file.
    /// One line on how a job ended.
    func reportEnd(of job: Job) {
        let status = job.status()
        var line = "\(status.id) \(status.state.rawValue): \(status.processed) processed"
        if status.skipped > 0 { line += ", \(status.skipped) skipped" }
        if status.alerts > 0 { line += ", \(status.alerts) alerts" }
        if status.state == .failed, let message = status.message {
            line += ": \(message)"
        } else if status.skipped > 0, let message = status.message {
            line += " (the latest: \(message))"
        }
        sink.err(Renderer.escapeForTerminal(line) + "\n")
    }

    public func runFile(_ path: String, params: [String], keepGoing: Bool) -> ExitStatus {
        do {
            try applyParameters(params)
            return run(source: try readScript(path), file: path, keepGoing: keepGoing)
        } catch {
            sink.err("error: \(error.description)\n")
            return ExitStatus(error.code)
        }
    }

    /// Flushes output and returns the process exit status for `status` (or the one `exit` asked for).
    /// Background jobs still running are waited for first (a script's feed handles all its input;
    /// a feed following a FIFO stops once its writer closed it and all it wrote was handled),
    /// showing their alerts as they come; a job that failed makes a successful run exit with failure. Every job
    /// that skipped lines or failed is reported at the end, with the latest reason.
    public func finish(_ status: ExitStatus) -> Int32 {
        let endedEarlier = jobHost.all.filter { !$0.isRunning }
        for job in jobHost.running {
            sink.err("waiting for \(job.id) (\(job.summary)) to finish its input\n")
            var shown = -1
            while !job.update({ $0.handledAllInput }) {
                _ = job.wait(milliseconds: 1000) { $0.handledAllInput || $0.alerts != shown }
                shown = job.update { $0.alerts }
                showAlerts()
            }
            if job.isRunning {
                job.requestStop()
                while !job.waitForEnd(milliseconds: 1000) {}
            }
            showAlerts()
            reportEnd(of: job)
        }
        // A feed that ended before the script did still says what it skipped, or why it failed.
        for job in endedEarlier where job.status().skipped > 0 || job.status().state == .failed { reportEnd(of: job) }
        sink.flush()
        closeStore()
        if let exitRequest = state.exitRequest { return exitRequest }
        // A feed that failed fails the script that started it, even when every statement succeeded.
        if status == .success, jobHost.all.contains(where: { $0.status().state == .failed }) {
            return ExitStatus.failure.rawValue
        }
        return status.rawValue
    }
}
