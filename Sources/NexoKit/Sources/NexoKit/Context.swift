/// A session variable: a scalar (`set`) or the rows of a command (`let x = …`).
public enum Variable: Sendable, Hashable {
    /// A single value.
    case value(Value)
    /// A stored result table.
    case table(ResultTable)
}

/// Where a command reports progress and notes while it runs (standard error on a terminal).
/// Results go in the returned ``CommandResult``, never here.
public protocol CommandOutput {
    /// A one-line note for the user (warnings, skipped lines).
    func note(_ text: String)
    /// Progress of a long operation; `total` is `nil` when unknown. Shown only on a terminal.
    func progress(_ done: Int, of total: Int?, label: String)
}

/// Files a command reads and writes through the host (probe images, template exchange files),
/// so the host's rules apply: paths are checked, and writing out passes the export gate.
public protocol FileAccess {
    /// The whole content of the file at `path`.
    func read(_ path: String) throws(NexoError) -> [UInt8]
    /// Writes `bytes` as the file at `path`: a new file, readable and writable by its owner only
    /// (mode 0600), created under a temporary name in the same directory and renamed into place
    /// once complete, so an existing file is replaced whole or not at all.
    ///
    /// The host refuses with an error, leaving everything as it was, a `path` that is a symbolic
    /// link (never written through), anything but a regular file (a directory, a FIFO, a socket,
    /// a device), or a file of the open store (its main file, `-wal`, `-shm` or `-journal`,
    /// however the path is spelt); a missing directory is not created.
    func write(_ bytes: [UInt8], to path: String) throws(NexoError)
    /// Calls `body` with each non-blank line of the file at `path` (without its line break) and
    /// its line number (from 1), streaming: files of any size, lines up to
    /// ``RecordLine/maximumBytes``. A leading UTF-8 byte-order mark is skipped.
    ///
    /// A line that cannot be text comes as a failure that names what is wrong but not where (the
    /// caller adds `file:line: `, as for any bad line): `invalid UTF-8 at byte 5 of the line
    /// (0xE9)` (never replaced), or `line is longer than 16 MiB` (read no further than the limit;
    /// reading goes on after its line break). Reading goes on with the next line unless `body`
    /// throws, which ends it with that error.
    func forEachLine(in path: String, _ body: (Result<String, NexoError>, Int) throws(NexoError) -> Void)
        throws(NexoError)
    /// Creates the directory at `path` (mode 0700) unless a directory is already there; refuses
    /// a `path` that exists and is not a directory. Missing parent directories are not created.
    func makeDirectory(_ path: String) throws(NexoError)
    /// Starts an NDJSON record file at `path` (``RecordFileWriting``), under the rules of
    /// ``write(_:to:)``: 0600, a temporary name renamed into place at ``RecordFileWriting/close()``,
    /// never through a symbolic link or onto the open store's files; writing out passes the
    /// export gate. For files too large to hold in memory (a generated world).
    func recordFile(_ path: String) throws(NexoError) -> any RecordFileWriting
}

/// Everything a command may use while it runs. Valid only during that run.
public struct CommandContext {
    /// The store, scoped to this command: inside its savepoint when it writes, refusing writes
    /// when its spec says it does not. Case visibility rules apply below this handle.
    public let store: any GraphStoreAccess
    /// The user running the command.
    public let user: String
    /// The case the command runs in, if one is in use.
    public let currentCase: CaseInfo?
    /// Rows piped in from the left, if the command stands right of a pipe.
    public let input: ResultTable?
    /// Session variables (`set`, `let`).
    public let variables: [String: Variable]
    /// Progress and notes.
    public let output: any CommandOutput
    /// Whether this is a `--dry-run`: the host rolls back whatever the command writes and reports
    /// the changes. Commands need not check it, but must not have effects outside the store
    /// (files, network) when it is set.
    public let isDryRun: Bool
    /// Whether the user asked to cancel (Ctrl-C). Long commands check it between steps and
    /// throw `NexoError(.cancelled, …)`.
    public let isCancelled: @Sendable () -> Bool
    /// The match engine, when the host has one (enrol, identify, verify).
    public let matcher: (any MatchEngineAccess)?
    /// File reading and writing through the host, when the host allows it.
    public let files: (any FileAccess)?
    /// Background jobs (feeds), when the host runs them; `nil` inside a job itself.
    public let jobs: (any BackgroundJobs)?
    /// Today's date (UTC) by the host's clock — the one it stamps on runs, fixed in tests and reproducible
    /// scripts — or `nil` when the host gives none: what a command checks dates against ("a date of birth in
    /// the future").
    public let today: CivilDate?

    /// Creates a context (the host does this; tests and the conformance suite may too).
    public init(
        store: any GraphStoreAccess, user: String, currentCase: CaseInfo?, input: ResultTable?,
        variables: [String: Variable], output: any CommandOutput, isDryRun: Bool,
        isCancelled: @escaping @Sendable () -> Bool, matcher: (any MatchEngineAccess)? = nil,
        files: (any FileAccess)? = nil, jobs: (any BackgroundJobs)? = nil, today: CivilDate? = nil
    ) {
        self.store = store
        self.user = user
        self.currentCase = currentCase
        self.input = input
        self.variables = variables
        self.output = output
        self.isDryRun = isDryRun
        self.isCancelled = isCancelled
        self.matcher = matcher
        self.files = files
        self.jobs = jobs
        self.today = today
    }

    /// Throws `cancelled` when the user pressed Ctrl-C.
    public func checkCancellation() throws(NexoError) {
        if isCancelled() { throw NexoError(.cancelled, "cancelled") }
    }
}

extension CommandContext {
    /// The entities a command works on: `given` (its entity arguments), then the entities piped
    /// in (only those of `kind` when it is not `nil`), each once, in that order.
    ///
    /// `note add P-1 …`, `find person ana | note add …` and both at once all read as
    /// `context.entities(given: [arguments[entity]].compactMap { $0 })`.
    public func entities(given: [EntityRef], kind: String? = nil) -> [EntityRef] {
        var seen = Set<EntityID>()
        var result: [EntityRef] = []
        let piped = (input?.entityRefs ?? []).filter { kind == nil || $0.kind == kind }
        for ref in given + piped where seen.insert(ref.id).inserted {
            result.append(ref)
        }
        return result
    }

    /// ``entities(given:kind:)`` for one optional entity argument.
    public func entities(given: EntityRef?, kind: String? = nil) -> [EntityRef] {
        entities(given: given.map { [$0] } ?? [], kind: kind)
    }
}
