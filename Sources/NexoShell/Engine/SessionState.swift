import NexoKit
import NexoOutput
import NexoStore

/// What a session remembers between statements: variables, settings, the case in use, the
/// lines entered and whether `exit` was asked for.
struct SessionState {
    /// Session variables (`set`, `let`, `--param`).
    var variables: [String: Variable] = [:]
    /// Session output format (`set format`).
    var format: OutputFormat
    /// Format override for the statement being run (`--format`, `| format`).
    var statementFormat: OutputFormat?
    /// Whether to print each statement's elapsed time to standard error (`set timing on`).
    var timing = false
    /// Tables one field per line (`set display vertical`).
    var vertical = false
    /// When the REPL pages results (`set pager`).
    var pager = PagerMode.on
    /// The pager could not be started: results are shown without it until `set pager` turns it on again.
    var pagerFailedToStart = false
    /// The case in use.
    var currentCase: CaseInfo?
    /// Lines entered (REPL history, or statements run in this session).
    var history: [String] = []
    /// Set by `exit`.
    var exitRequest: Int32?

    /// The format the statement being run renders in.
    var effectiveFormat: OutputFormat { statementFormat ?? format }
}

/// Script state: the open recording and how deep `run` is nested.
struct ScriptState {
    /// The open recording, if any.
    var recorder: Recorder?
    /// Script nesting depth of `run`, to stop runaway recursion.
    var runDepth = 0
}

/// Rules for variable names.
enum VariableName {
    static func validate(_ name: String) throws(NexoError) {
        let ok =
            !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "_"
            }
            && !("0"..."9").contains(name.unicodeScalars.first!)
        if !ok {
            throw NexoError(
                .usage, "invalid variable name '\(name)'", hint: "use letters, digits and _, not starting with a digit")
        }
    }
}
