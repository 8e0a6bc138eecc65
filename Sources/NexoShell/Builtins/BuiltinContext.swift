import NexoKit
import NexoStore

/// The session state built-ins may read and change (see ``SessionState``), and nothing else of
/// the shell.
protocol SessionStateAccess: AnyObject {
    /// Variables, settings, the case in use, history, the exit request.
    var state: SessionState { get set }
    /// The background jobs this session started, of every plugin, oldest first (`show feed-1`).
    var jobStatuses: [JobStatus] { get }
}

/// The commands and kinds of the session, for `help`, `kinds` and `plugins`.
protocol CommandCatalog: AnyObject {
    /// Every registered command.
    var registry: CommandRegistry { get }
    /// The kinds the session's store holds.
    var schema: Schema { get }
    /// The `plugins` table.
    func pluginTable() -> CommandResult
    /// The width help is wrapped to: the terminal's, or `nil` (not wrapped) when output is not a terminal.
    var helpWidth: Int? { get }
}

/// What `run`, `record` and `undo` ask of the host: nested scripts, the recording, reverting runs.
protocol ScriptHost: AnyObject {
    /// `run FILE`: runs a script inside this session.
    func runNested(file: String, params: [String], keepGoing: Bool, lenientEncoding: Bool) throws(NexoError)
        -> CommandResult
    /// `record start FILE`.
    func startRecording(to path: String) throws(NexoError) -> CommandResult
    /// `record stop`.
    func stopRecording() throws(NexoError) -> CommandResult
    /// `undo [R-n]`; `text` is the statement, recorded with the undo. With `dryRun`, says what it would revert.
    func undo(run: String?, text: String, dryRun: Bool) throws(NexoError) -> CommandResult
}

/// What a built-in that runs inside its command's store transaction receives: the context
/// plugins get, the scoped store (with the administration plugins do not get), the statement
/// text, and the session state.
struct BuiltinContext {
    /// The same context a plugin command gets.
    let context: CommandContext
    /// The store, scoped to this command's transaction.
    let store: StoreSession
    /// The statement as written.
    let text: String
    /// The session state (`case use` changes the case in use).
    let session: any SessionStateAccess
}

/// What a built-in that runs outside any store transaction receives (`help`, `set`, `run`,
/// `undo`, the pipe filters …): the statement, the rows piped in and the few host services
/// these commands need.
struct SessionContext {
    /// The statement as written.
    let text: String
    /// The rows piped in, if any.
    let input: ResultTable?
    /// The user the session runs as.
    let user: String
    /// The session state: variables, settings, the case in use, history.
    let session: any SessionStateAccess
    /// The commands, kinds and plugins.
    let catalog: any CommandCatalog
    /// Scripts, recordings, undo.
    let scripts: any ScriptHost
    /// Whether `--dry-run` was given. Only commands that write see it true (the others refuse the flag), and a
    /// session command that writes must then change nothing.
    let isDryRun: Bool

    /// The piped rows, or a usage error saying the filter needs a pipe.
    func requireInput(_ command: String) throws(NexoError) -> ResultTable {
        guard let input else {
            throw NexoError(.usage, "'\(command)' filters rows from a pipe", hint: "write: <command> | \(command) …")
        }
        return input
    }
}
