import Foundation
import Testing

/// Two `nexo` processes on one store, and what scripts see of writes: a foreground feed lets
/// another writer in between its batches, `undo` is per user, a dry run speaks in the
/// conditional, and totals are a footer, not a row.
@Suite struct SharedStoreTests {
    private func nexo(
        _ arguments: [String], stdin: String? = nil, in directory: String,
        environment: [String: String] = [:]
    ) throws -> NexoProcess.Output {
        try NexoProcess.run(
            ["--plugin-dir", NexoProcess.binDirectory, "--db", "shared.db"] + arguments, stdin: stdin,
            directory: directory, environment: environment)
    }

    /// Reads `pipe` until what it has read contains `text` (or the pipe ends); returns all of it.
    private func read(_ pipe: Pipe, until text: String) -> String {
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains(text) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        return String(decoding: seen, as: UTF8.self)
    }

    /// Ends `process` if it is still running after 90 s, so code that never returns fails the
    /// test (its pipes end) instead of hanging it. A safety net, not a timed assertion.
    private func watchdog(_ process: Process) {
        DispatchQueue.global().asyncAfter(deadline: .now() + 90) { if process.isRunning { process.terminate() } }
    }

    private func encounter(_ n: Int) -> String {
        #"{"ref":"LH-\#(n)","date":"2026-11-20","post":"La Hachadura","name":"Persona Numero \#(n)"}"#
    }

    @Test func anotherWriterGetsInWhileAForegroundFeedWaitsForInput() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "add person \"Ana López\""], in: temp.path).status == 0)
        let fifo = temp.path + "/feed.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let feed = Process()
        feed.executableURL = URL(fileURLWithPath: NexoProcess.executable)
        feed.arguments = [
            "--plugin-dir", NexoProcess.binDirectory, "--db", "shared.db", "--format", "csv", "-c",
            "bio feed run feed.fifo | count",
        ]
        feed.currentDirectoryURL = URL(fileURLWithPath: temp.path)
        feed.environment = NexoProcess.environment(home: temp.path)
        let out = Pipe(), err = Pipe()
        feed.standardOutput = out
        feed.standardError = err
        try feed.run()
        watchdog(feed)
        defer { if feed.isRunning { feed.terminate() } }
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: fifo))
        // A batch is 32 encounters; the malformed line after it is reported once the batch is
        // committed, and the feed then waits for more input.
        for n in 1...32 { writer.write(Data((encounter(n) + "\n").utf8)) }
        writer.write(Data("not json\n".utf8))
        let notes = read(err, until: "feed.fifo:33:")
        #expect(notes.contains("feed.fifo:33: malformed JSON"), "\(notes)")
        let other = try nexo(["-c", "add person \"María Pérez\""], in: temp.path)
        #expect(other.status == 0, "\(other)")
        #expect(other.stderr == "added P-2\n", "\(other)")
        for n in 34...40 { writer.write(Data((encounter(n) + "\n").utf8)) }
        try writer.close()
        let counted = out.fileHandleForReading.readDataToEndOfFile()
        feed.waitUntilExit()
        #expect(String(decoding: counted, as: UTF8.self) == "count\n39\n")
        #expect(feed.terminationStatus == 0)
    }

    @Test func followFeedAlertsPrintAsTheyComeAndAScriptBoundsItsWait() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["-c", "generate --scale demo --seed 22"], in: temp.path).status == 0)
        let fifo = temp.path + "/feed.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let script = Process()
        script.executableURL = URL(fileURLWithPath: NexoProcess.executable)
        script.arguments = [
            "--plugin-dir", NexoProcess.binDirectory, "--db", "shared.db", "--format", "csv", "-c",
            """
            bio watch add --gang G-1 --note "MS-13 in transit" | count
            bio feed start feed.fifo --follow | select feed
            bio feed wait feed-1 | select state read processed alerts
            """,
        ]
        script.currentDirectoryURL = URL(fileURLWithPath: temp.path)
        script.environment = NexoProcess.environment(home: temp.path)
        let out = Pipe(), err = Pipe()
        script.standardOutput = out
        script.standardError = err
        try script.run()
        watchdog(script)
        defer { if script.isRunning { script.terminate() } }
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: fifo))
        // P-5 is a member of a clique of MS-13 in the demo world: a hit under the watch.
        writer.write(
            Data(
                (#"{"ref":"LH-1","date":"2026-11-20","post":"La Hachadura","#
                    + #""name":"Carlos Hernandez Lopes","dob":"1981-12-04","nationality":"SV"}"#).utf8 + [10]))
        // The alert shows while the writer is still open and the script is still waiting.
        let early = read(err, until: "alert [feed-1]")
        #expect(early.contains("alert [feed-1] W-1 MS-13 (gang): ENC-"), "\(early)")
        writer.write(
            Data(#"{"ref":"LH-2","date":"2026-11-21","post":"La Hachadura","name":"Zzyzx Qwerty"}"#.utf8 + [10]))
        try writer.close()
        // The writer closed: the wait returns (the feed follows on), and the script ends.
        let rest = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        script.waitUntilExit()
        #expect(stdout == "count\n1\nfeed\nfeed-1\nstate,read,processed,alerts\nrunning,2,2,1\n", "\(early)\(rest)")
        #expect(rest.contains("feed-1 stopped: 2 processed, 1 alerts"), "\(rest)")
        #expect(script.terminationStatus == 0)
    }

    @Test func aFollowFeedWaitIsBoundedByLines() throws {
        let temp = try TemporaryDirectory()
        let fifo = temp.path + "/feed.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let script = Process()
        script.executableURL = URL(fileURLWithPath: NexoProcess.executable)
        script.arguments = [
            "--plugin-dir", NexoProcess.binDirectory, "--db", "shared.db", "--format", "csv", "-c",
            "bio feed start feed.fifo --follow | count; bio feed wait feed-1 --lines 2 | select processed; bio feed "
                + "stop feed-1 | select state",
        ]
        script.currentDirectoryURL = URL(fileURLWithPath: temp.path)
        script.environment = NexoProcess.environment(home: temp.path)
        let out = Pipe()
        script.standardOutput = out
        script.standardError = FileHandle.nullDevice
        try script.run()
        watchdog(script)
        defer { if script.isRunning { script.terminate() } }
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: fifo))
        for n in 1...2 { writer.write(Data((encounter(n) + "\n").utf8)) }
        // The writer stays open: only --lines ends the wait.
        let stdout = read(out, until: "stopped")
        try writer.close()
        script.waitUntilExit()
        #expect(stdout == "count\n1\nprocessed\n2\nstate\nstopped\n")
        #expect(script.terminationStatus == 0)
        // `5` is five seconds; `days` is then the feed to wait for, which this session never started.
        let unquoted = try nexo(["-c", "bio feed wait --until 5 days"], in: temp.path)
        #expect(unquoted.status == 3, "\(unquoted)")
        #expect(unquoted.stderr.contains("no job 'days'"), "\(unquoted)")
        let bad = try nexo(["-c", "bio feed wait --until 5w"], in: temp.path)
        #expect(bad.stderr.contains("--until '5w' is not a duration"), "\(bad)")
    }

    @Test func undoIsPerUserAndNamesAnotherUsersRun() throws {
        let temp = try TemporaryDirectory()
        #expect(try nexo(["--user", "ana", "-c", "add person \"Ana's\""], in: temp.path).status == 0) // R-1
        #expect(try nexo(["--user", "maria", "-c", "add person \"Maria's\""], in: temp.path).status == 0) // R-2
        let own = try nexo(
            ["--user", "ana", "--format", "csv", "-c", "undo; find person maria | select id"], in: temp.path)
        // Each user's first write also recorded their own-entry source, and the undo removes it with the person.
        #expect(own.stderr == "undid R-1 'add person \"Ana's\"': 1 entity removed, 1 source removed\n", "\(own)")
        #expect(own.stdout == "id\nP-2\n", "\(own)")
        let others = try nexo(["--user", "ana", "-c", "undo R-2"], in: temp.path)
        #expect(
            others.stderr == "undid R-2 by maria 'add person \"Maria's\"': 1 entity removed, 1 source removed\n",
            "\(others)")
    }

    @Test func aDryRunReportsTheSourceItWouldRecordInTheConditional() throws {
        let temp = try TemporaryDirectory()
        let run = try nexo(
            ["-c", "smuggling network add \"Red Sur\" --reported-by \"PNC DIPAR\" --grading B2 --dry-run | count"],
            in: temp.path)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("would record a new source (PNC DIPAR, B2)"), "\(run)")
        #expect(!run.stderr.contains("recorded source"), "\(run)")
        let gang = try nexo(
            ["-c", "gang add \"Mao Mao\" --reported-by \"PNC DIPAR\" --grading B2 --dry-run"], in: temp.path)
        #expect(gang.stderr.contains("would record a new source (PNC DIPAR, B2)"), "\(gang)")
        #expect(!gang.stderr.contains("recorded source"), "\(gang)")
        let real = try nexo(["-c", "gang add \"Mao Mao\" --reported-by \"PNC DIPAR\" --grading B2"], in: temp.path)
        #expect(real.stderr.contains("recorded source S-1 (PNC DIPAR, B2)"), "\(real)")
    }
}
