import NexoFiles
import NexoKit
import NexoLanguage
import NexoLineEditor
import NexoOutput
import NexoStore

/// The interactive loop: libedit line editing, history, completion from the specs.
extension Shell {
    /// Runs the REPL until `exit` or Ctrl-D; returns the exit status.
    ///
    /// A history file that cannot be used (see ``LineEditor``) is announced as a warning, and the
    /// session keeps its history in memory only. `creatingHistoryDirectory` is for Nexo's own
    /// default (`~/.nexo`), the one directory Nexo creates. A libedit that cannot be loaded (see
    /// ``LineEditor/loadLibrary()``) ends the REPL before it starts, with its error and status 1.
    public func runREPL(historyFile: String?, creatingHistoryDirectory: Bool = false) -> Int32 {
        InterruptMonitor.shared.install()
        do { try LineEditor.loadLibrary() } catch {
            sink.err("error: \(error)\n")
            return ExitStatus.failure.rawValue
        }
        let store: Store
        do { store = try self.store } catch {
            sink.err("error: \(error.description)\n")
            return ExitStatus(error.code).rawValue
        }
        let editor: LineEditor
        do {
            editor = try LineEditor(
                programName: "nexo", historyFile: historyFile,
                creatingHistoryDirectory: creatingHistoryDirectory)
        } catch {
            sink.err("warning: \(error); this session's history is not saved\n")
            do {
                editor = try LineEditor(programName: "nexo", historyFile: nil)
            } catch {
                sink.err("error: \(error)\n")
                return ExitStatus.failure.rawValue
            }
        }
        editor.completer = { [unowned self] line, cursor in self.complete(line, cursor: cursor) }
        jobHost.setDisplay { alert in Notices.shared.post(Renderer.escapeForTerminal(alert)) }
        state.history = editor.history
        sink.err(banner(store) + "\n")
        var pending = ""
        while state.exitRequest == nil {
            sink.flush()
            switch editor.readLine(prompt: pending.isEmpty ? prompt : "...> ") {
            case .endOfInput where !pending.isEmpty:
                // Ctrl-D at a continuation prompt abandons the continued command, not the session.
                sink.err("\nabandoned the continued command\n")
                pending = ""
                continue
            case .endOfInput:
                sink.err("\n")
                stopJobs()
                sink.flush()
                closeStore()
                return 0
            case .interrupted:
                pending = ""
                continue
            case .line(let line):
                if line.hasSuffix("\\") {
                    // Ctrl-C just after a continued line abandons the command being continued.
                    pending = InterruptMonitor.shared.consume() ? "" : pending + line + "\n"
                    continue
                }
                let text = pending + line
                pending = ""
                if text.allSatisfy(\.isWhitespace) { continue }
                editor.addToHistory(text)
                if !text.hasPrefix(" ") { state.history.append(text) }
                // A Ctrl-C pressed since the line was entered stays pending: it cancels this command, which says
                // so in its one error line. One that came after the command finished is dropped: a result printed in
                // full is not followed by "cancelled".
                run(source: Self.replSpelling(of: text), file: nil)
                _ = InterruptMonitor.shared.consume()
            }
        }
        stopJobs()
        sink.flush()
        closeStore()
        return state.exitRequest ?? 0
    }

    /// The words the specs cannot offer, for the last command of `before` (the text up to the cursor): setting
    /// names and variables after `set`, a setting's values after `set format` / `set timing`, entity kinds as the
    /// first word after `find`. `nil` when none applies.
    static func settingWords(_ before: String, variables: [String], kinds: [String]) -> (
        typed: String, candidates: [String]
    )? {
        let command = before.split(omittingEmptySubsequences: false) { $0 == "|" || $0 == ";" }.last ?? ""
        var words = command.split(whereSeparator: \.isWhitespace).map(String.init)
        if command.last?.isWhitespace ?? false { words.append("") }
        guard words.count >= 2 else { return nil }
        let typed = words[words.count - 1]
        let choices: [String]
        switch (words[0], words.count) {
        case ("set", 2): choices = SessionState.settingValues.map(\.name) + variables
        case ("set", 3):
            guard let setting = SessionState.settingValues.first(where: { $0.name == words[1] }) else { return nil }
            choices = setting.values
        case ("find", 2): choices = kinds
        default: return nil
        }
        let candidates = choices.filter { $0.hasPrefix(typed) }
        return candidates.isEmpty && words[0] == "find" ? nil : (typed, candidates)
    }

    /// What psql and sqlite3 users type to leave or ask for help, as Nexo spells it: `\q`, `.quit`, `.exit`,
    /// `quit` → `exit`; `?`, `\?`, `\h`, `.help` → `help`; `.schema`, `schema`, `\d` → `kinds`. Anything else is
    /// returned as it is.
    static func replSpelling(of text: String) -> String {
        let word = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        switch word {
        case "\\q", ".quit", ".exit", "quit": return "exit"
        case "?", "\\?", "\\h", ".help": return "help"
        case ".schema", "schema", "\\d": return "kinds"
        default: return text
        }
    }

    /// Leaving the REPL stops the jobs still running, each after the item it is working on.
    func stopJobs() {
        for job in jobHost.running {
            job.requestStop()
            while !job.waitForEnd(milliseconds: 1000) {}
            reportEnd(of: job)
        }
        jobHost.setDisplay(nil)
        for alert in Notices.shared.take() { sink.err(alert + "\n") }
    }

    /// The lines shown when the REPL starts: the version and plugins, then the store in use.
    func banner(_ store: Store) -> String {
        let loaded = pluginReport.loaded.count, refused = pluginReport.refused.count
        var text = "Nexo \(CoreSchema.version): \(loaded) plugin\(loaded == 1 ? "" : "s") loaded"
        if refused > 0 { text += ", \(refused) refused (see 'plugins')" }
        return text + ". Type 'help' for commands, Ctrl-D to leave.\n" + storeLine(store)
    }

    /// Which store the session works on, so a mistyped `--db` or `NEXO_DB` shows at once: its
    /// resolved path, how many entities it holds and its schema version.
    func storeLine(_ store: Store) -> String {
        let place = store.path == ":memory:" ? "in memory, discarded at exit" : store.resolvedPath
        let count = try? store.perform(readRequest(text: "banner"), writes: false, dryRun: false) {
            session throws(NexoError) in
            try session.countEntities(kind: nil)
        }.value
        let entities = count.map { "\($0) entit\($0 == 1 ? "y" : "ies")" } ?? "entities not counted"
        return "Store: \(place) (\(entities), schema version \(store.schemaVersion))"
    }

    /// Tab completion from the command specs, with entity ids and labels, stored values, jobs and the columns of
    /// variables from the session (``ShellCompletionLookup``: read-only and bounded).
    func complete(_ line: String, cursor: Int) -> Completion {
        let chars = Array(line)
        let before = String(chars[..<min(max(0, cursor), chars.count)])
        if let words = Self.settingWords(
            before, variables: state.variables.keys.sorted(), kinds: schema.entityKindNames)
        {
            return Completion(
                replaceFrom: min(max(0, cursor), chars.count) - words.typed.count, candidates: words.candidates)
        }
        let result = Completer(
            specs: registry.specs, globalOptions: Self.globalOptions,
            variableNames: state.variables.keys.sorted(), homeDirectory: FileNames.homeDirectory(),
            listDirectory: { directory in
                FileNames.list(directory: directory).map {
                    Completer.DirectoryEntry(name: $0.name, isDirectory: $0.isDirectory)
                }
            }
        ).complete(line: line, cursor: cursor, lookup: ShellCompletionLookup(shell: self))
        return Completion(
            replaceFrom: result.replaceFrom, candidates: result.candidates, descriptions: result.descriptions,
            more: result.more)
    }
}
