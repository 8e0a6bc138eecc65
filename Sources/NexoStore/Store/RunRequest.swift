import NexoKit

/// Who runs a command, when, where and with what: what the store records for a writing run.
public struct RunRequest: Sendable, Hashable {
    /// User running the command.
    public var user: String
    /// Case in use, if any.
    public var caseID: String?
    /// The command text as typed.
    public var command: String
    /// Plugin implementing the command (`core` for built-ins).
    public var plugin: String
    /// That plugin's version.
    public var pluginVersion: String
    /// UTC time, ISO 8601, supplied by the caller (a clock it controls) so tests are deterministic.
    public var time: String
    /// The background job making this run (`feed-1`), `nil` for a command the user ran.
    /// `undo` passes over job runs.
    public var job: String?

    /// Creates a request.
    public init(
        user: String, caseID: String?, command: String, plugin: String, pluginVersion: String, time: String,
        job: String? = nil
    ) {
        self.job = job
        self.user = user
        self.caseID = caseID
        self.command = command
        self.plugin = plugin
        self.pluginVersion = pluginVersion
        self.time = time
    }
}

/// What ``Store/perform(_:writes:dryRun:_:)`` returns: the command's value, what it changed, and
/// the run that recorded the change.
public struct CommandOutcome<T> {
    /// The value the command's body returned.
    public var value: T
    /// What the command changed (or, for a dry run, would have changed).
    public var changes: ChangeSummary
    /// The recorded run; `nil` for read-only commands, dry runs, and writes that changed nothing.
    public var run: RunInfo?

    /// Creates an outcome.
    public init(value: T, changes: ChangeSummary, run: RunInfo?) {
        self.value = value
        self.changes = changes
        self.run = run
    }
}

extension CommandOutcome: Sendable where T: Sendable {}
