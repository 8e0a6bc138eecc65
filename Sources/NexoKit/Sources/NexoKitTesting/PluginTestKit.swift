import NexoKit
import NexoLanguage

/// Runs a plugin's commands the way nexo runs them, against a ``MemoryStore``, so that a plugin
/// author tests commands by their command lines, without the host:
///
/// ```swift
/// let kit = try PluginTestKit(plugin: GangRecordsPlugin())
/// try kit.store.addEntity(EntityDraft(kind: CoreSchema.Kind.group, label: "Clica Norte"), source: nil)
/// let result = try kit.run("gang members G-1 --role palabrero")
/// ```
///
/// A line is parsed and bound by the host's own parser and binder (NexoLanguage): the command
/// is found by its words, options and values are checked and converted to their declared types,
/// defaults applied, and entity references (an id, or a unique label or alias) resolved in the
/// store. Errors are the ones a user sees (`NexoError` with the host's message and hint; the host
/// adds the file, line and column). The command then runs as the host runs it: a command whose
/// spec does not declare `writes` cannot write, a failing command leaves the store as it was,
/// and a dry run (`--dry-run`, or `dryRun: true`) reports and changes nothing.
///
/// What the kit does not provide: the host's built-in commands (`find`, `where`, …; give piped
/// rows as `input:`), `--format` (output is the host's) and background jobs (`context.jobs` is
/// `nil`). The match engine and file access are `nil` too unless the test gives its own doubles
/// (``matcher`` and ``files``), which every run then passes to the command.
public struct PluginTestKit {
    /// The store the commands run against; seed it before and read it after a run.
    public let store: MemoryStore
    /// The notes the last run wrote (``CommandOutput/note(_:)``), in order.
    public var notes: [String] { output.notes }
    /// The user commands run as, unless a run names another.
    public var user: String
    /// The open case, if any (`context.currentCase`).
    public var currentCase: CaseInfo?
    /// The match engine commands see (`context.matcher`): a test double of the test's own, or
    /// `nil` (the default), as in a host without an engine.
    public var matcher: (any MatchEngineAccess)?
    /// The file access commands see (`context.files`): a test double of the test's own, or `nil`
    /// (the default), as in a host that lets commands read and write no files.
    public var files: (any FileAccess)?
    /// Today's date commands see (`context.today`), as the host's clock gives it; `nil` (the default) as in a
    /// host that gives none.
    public var today: CivilDate?

    /// The specs of every command of the kit's plugins.
    let specs: [CommandSpec]
    /// The kit's plugins' names, for messages.
    let pluginNames: [String]
    private let commands: [[String]: Command]
    private let binder: Binder
    private let output = RecordingOutput()

    /// A kit for `plugin`, with a store of the core schema and the plugin's, and the ``matcher``
    /// and ``files`` doubles its commands are given (none by default).
    public init(
        plugin: some NexoPlugin, user: String = "analyst", matcher: (any MatchEngineAccess)? = nil,
        files: (any FileAccess)? = nil
    ) throws(NexoError) {
        try self.init(plugins: [plugin], user: user, matcher: matcher, files: files)
    }

    /// A kit for several plugins together (loaded in this order, as the host would), with a
    /// store of the core schema and each plugin's, and the ``matcher`` and ``files`` doubles their
    /// commands are given (none by default).
    public init(
        plugins: [any NexoPlugin], user: String = "analyst", matcher: (any MatchEngineAccess)? = nil,
        files: (any FileAccess)? = nil
    ) throws(NexoError) {
        self.matcher = matcher
        self.files = files
        store = try MemoryStore(plugins: plugins.map { ($0.name, $0.schema) })
        let all = plugins.flatMap(\.commands)
        specs = all.map(\.spec)
        pluginNames = plugins.map(\.name)
        commands = Dictionary(all.map { ($0.spec.path, $0) }, uniquingKeysWith: { first, _ in first })
        binder = Binder(specs: specs, globalOptions: [Self.dryRun])
        self.user = user
    }

    /// The host's `--dry-run`, which it adds to every command.
    static let dryRun = OptionSpec.flag("dry-run", "Report what a writing command would change, and change nothing")

    /// Runs one command line (`gang members G-1 --role palabrero`) and returns its result.
    ///
    /// - Parameters:
    ///   - line: one command, in the command language (quotes, `$variables`, `--name value`).
    ///   - input: rows piped into the command, as `find … | <command>` would give them.
    ///   - variables: session variables the line may use (`$crew`).
    ///   - dryRun: run as `--dry-run` does.
    ///   - user: the user to run as, instead of ``user``.
    public func run(
        _ line: String, input: ResultTable? = nil, variables: [String: Variable] = [:], dryRun: Bool = false,
        user: String? = nil
    ) throws(NexoError) -> CommandResult {
        let call = try Self.call(in: line)
        let bound: BoundCommand
        do {
            bound = try binder.bind(call, variables: variables) { text, kind throws(NexoError) in
                try store.resolve(text, kind: kind)
            }
        } catch {
            throw error.error
        }
        guard let command = commands[bound.spec.path] else {
            throw NexoError(.notFound, "command '\(bound.spec.name)' is not registered")
        }
        let isDryRun = dryRun || bound.globalArguments.flags.contains(Self.dryRun.name)
        if isDryRun && !command.spec.writes {
            throw NexoError(.usage, "'\(command.spec.name)' does not write, so --dry-run does not apply")
        }
        if input != nil && command.spec.input == nil {
            throw NexoError(.usage, "'\(command.spec.name)' does not read from a pipe")
        }
        output.reset()
        let context = CommandContext(
            store: store, user: user ?? self.user, currentCase: currentCase, input: input, variables: variables,
            output: output, isDryRun: isDryRun, isCancelled: { false }, matcher: matcher, files: files,
            today: today)
        let before = store.contents
        store.running = (call.text, command.spec.writes)
        defer { store.running = nil }
        do {
            let result = try command.run(bound.arguments, context)
            if isDryRun { store.contents = before }
            return result
        } catch {
            store.contents = before // the host rolls a failed command back
            throw error as? NexoError ?? NexoError(.failed, "\(error)")
        }
    }

    /// Runs a command given as words (`["note", "add", "P-1", "Seen at the market"]`), as a shell
    /// passes them: a word that is an option name (`--role`, `--dry-run`) or `--` is one, every
    /// other word is taken literally, as if quoted (spaces, quotes, `$`, `|` and `;` included).
    public func run(
        _ words: [String], input: ResultTable? = nil, variables: [String: Variable] = [:], dryRun: Bool = false,
        user: String? = nil
    ) throws(NexoError) -> CommandResult {
        let line = words.map { Self.isOptionName($0) ? $0 : Self.quoted($0) }.joined(separator: " ")
        return try run(line, input: input, variables: variables, dryRun: dryRun, user: user)
    }

    /// Whether `word` is `--` or `--name` with a name of lower-case letters, digits and dashes.
    static func isOptionName(_ word: String) -> Bool {
        guard word.hasPrefix("--") else { return false }
        return word.dropFirst(2).allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The one command call of `line`.
    private static func call(in line: String) throws(NexoError) -> CommandCall {
        let script: Script
        do { script = try Parser.parse(line) } catch { throw error.error }
        guard script.statements.count == 1, let statement = script.statements.first,
            statement.assignedVariable == nil, statement.pipeline.sourceVariable == nil,
            let call = statement.pipeline.stages.first, statement.pipeline.stages.count == 1
        else {
            throw NexoError(
                .usage, "the test kit runs one command per line: '\(line)'",
                hint: "give piped rows as 'input:' and run each command on its own")
        }
        return call
    }

    /// `word` as a literal word of the language.
    static func quoted(_ word: String) -> String {
        guard word.contains("'") else { return "'\(word)'" }
        let escaped = word.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}

/// Collects the notes a command writes; progress is not kept.
final class RecordingOutput: CommandOutput {
    private(set) var notes: [String] = []
    func note(_ text: String) { notes.append(text) }
    func reset() { notes = [] }
    func progress(_ done: Int, of total: Int?, label: String) {}
}
