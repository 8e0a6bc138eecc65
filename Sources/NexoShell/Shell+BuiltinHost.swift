import NexoKit

/// The shell hosts its built-ins through narrow protocols only: a built-in sees the session
/// state, the command catalog or the script services, never the rest of the shell.
extension Shell: SessionStateAccess, CommandCatalog, ScriptHost {
    var jobStatuses: [JobStatus] { jobHost.all.map { $0.status() } }

    /// What a session built-in receives for the statement `text`, with the rows piped in.
    func sessionContext(text: String, input: ResultTable?, isDryRun: Bool = false) -> SessionContext {
        SessionContext(
            text: text, input: input, user: options.user, session: self, catalog: self, scripts: self,
            isDryRun: isDryRun)
    }
}
